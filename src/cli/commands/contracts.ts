// `provena contracts build|test [forge args…]`: forge in contracts/, with Foundry installed on first use.
import { CliUsageError } from '../args.ts';
import { FoundryUnavailableError } from '../foundry/foundryBinaries.ts';
import { runForge } from '../foundry/runForge.ts';
import { buildContracts } from '../foundry/buildContracts.ts';
import { checkPlantedBugs, readPlantedBugs } from '../foundry/plantedBugs.ts';
import { runPlantedBugTest } from '../foundry/runPlantedBugTest.ts';

export const help = `Usage: provena contracts <build|test|planted-bugs> [forge options…]

Build or test the Solidity contracts in contracts/ with Foundry's forge. Foundry is installed into
.foundry/ on first use (set FOUNDRY_BIN_DIR to use your own forge and anvil instead). Anything after
the subcommand goes to forge unchanged; forge's exit code is this command's exit code.

Examples:
  provena contracts build
  provena contracts build --force
  provena contracts test
  provena contracts test --match-path 'test/unit/*' -vvv
  FOUNDRY_PROFILE=deep provena contracts test     (longer fuzz and invariant campaigns)
  provena contracts planted-bugs                  (puts each reviewed bug back; its test must fail)`;

const subcommands = ['build', 'test', 'planted-bugs'] as const;

export async function run(argv: string[]): Promise<number> {
	const [subcommand, ...forgeArgs] = argv;
	if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') {
		console.log(help);
		return subcommand === undefined ? 2 : 0;
	}
	if (!(subcommands as readonly string[]).includes(subcommand))
		throw new CliUsageError(`unknown subcommand "${subcommand}" (expected ${subcommands.join(' or ')}).`);
	if (subcommand === 'planted-bugs') return runPlantedBugs();
	try {
		return await runForge([subcommand, ...forgeArgs]);
	} catch (error) {
		if (!(error instanceof FoundryUnavailableError)) throw error;
		console.error(`provena contracts: ${error.message}`);
		return 1;
	}
}

/** Plants each reviewed bug back in turn; exits 1 unless every one makes its test fail. */
async function runPlantedBugs(): Promise<number> {
	const results = await checkPlantedBugs(await readPlantedBugs(), runPlantedBugTest);
	// The last forge run compiled a planted bug into contracts/out: leave artifacts built from the fixed sources.
	await buildContracts({ stdio: 'ignore' });
	for (const r of results) console.log(`${r.caught ? 'caught ' : 'MISSED '} ${r.name}: ${r.detail}`);
	const missed = results.filter((r) => !r.caught).length;
	console.log(`${results.length - missed} of ${results.length} planted bugs caught`);
	return missed === 0 && results.length > 0 ? 0 : 1;
}
