// `provena contracts build|test [forge args…]`: forge in contracts/, with Foundry installed on first use.
import { CliUsageError } from '../args.ts';
import { FoundryUnavailableError } from '../foundry/foundryBinaries.ts';
import { runForge } from '../foundry/runForge.ts';

export const help = `Usage: provena contracts <build|test> [forge options…]

Build or test the Solidity contracts in contracts/ with Foundry's forge. Foundry is installed into
.foundry/ on first use (set FOUNDRY_BIN_DIR to use your own forge and anvil instead). Anything after
the subcommand goes to forge unchanged; forge's exit code is this command's exit code.

Examples:
  provena contracts build
  provena contracts build --force
  provena contracts test
  provena contracts test --match-path 'test/unit/*' -vvv
  FOUNDRY_PROFILE=deep provena contracts test     (longer fuzz and invariant campaigns)`;

const subcommands = ['build', 'test'] as const;

export async function run(argv: string[]): Promise<number> {
	const [subcommand, ...forgeArgs] = argv;
	if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') {
		console.log(help);
		return subcommand === undefined ? 2 : 0;
	}
	if (!(subcommands as readonly string[]).includes(subcommand))
		throw new CliUsageError(`unknown subcommand "${subcommand}" (expected ${subcommands.join(' or ')}).`);
	try {
		return await runForge([subcommand, ...forgeArgs]);
	} catch (error) {
		if (!(error instanceof FoundryUnavailableError)) throw error;
		console.error(`provena contracts: ${error.message}`);
		return 1;
	}
}
