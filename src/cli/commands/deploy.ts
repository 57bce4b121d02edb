// `provena deploy --rpc <url>`: build the contracts if needed, deploy them, write the deployments file and
// regenerate the typed ABIs the app imports.
import { BaseError, HttpRequestError, type Hex } from 'viem';
import { CliUsageError, parseCommandArgs } from '../args.ts';
import { deployProtocol } from '../deploy/deployProtocol.ts';
import { artifactsAreStale, buildContracts } from '../foundry/buildContracts.ts';
import { generateAbis } from '../foundry/generateAbis.ts';
import { CONTRACT_NAMES } from '../../lib/chain/deployments/types.ts';

const DEFAULT_KEY_ENV = 'PROVENA_DEPLOYER_KEY';

export const help = `Usage: provena deploy [--rpc <url>] [--private-key-env <NAME>] [--build] [--no-abis]

Deploy Provena's contracts, verify their wiring on chain, write
src/lib/chain/deployments/<chainId>.json and regenerate src/lib/chain/abis.ts. Contracts are built
first when their artifacts are missing or older than the sources in contracts/src.

A deployment that stops halfway (a crash, a lost node, Ctrl-C) leaves the deployer holding the
Timelock's admin role. Run the same command again, with the same key, settings and contract code:
it resumes from .provena/deploy/<chainId>.json, reusing what was deployed, and renounces that role
at the end. The wiring is verified before the deployments file is written: every contract's links,
Staking's reward source, ProtocolParams' owner, and each Timelock role held by exactly whom it
should be; any mismatch fails the command, naming each one.

Options:
  --rpc <url>               JSON-RPC endpoint (default $PROVENA_RPC_URL or http://127.0.0.1:8545)
  --private-key-env <NAME>  read the deployer's private key from env var NAME
                            (default ${DEFAULT_KEY_ENV}; when that is unset, the node's first unlocked
                            account deploys, e.g. anvil's dev account 0)
  --build                   run forge build even when the artifacts look current
  --no-abis                 do not regenerate src/lib/chain/abis.ts
  -h, --help                show this help

Example:
  anvil --port 8545 & provena deploy --rpc http://127.0.0.1:8545`;

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommandArgs(argv, {
		rpc: { type: 'string' },
		'private-key-env': { type: 'string' },
		build: { type: 'boolean' },
		'no-abis': { type: 'boolean' }
	});
	if (!parsed) {
		console.log(help);
		return 0;
	}
	const { values, positionals } = parsed;
	if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}".`);
	const rpcUrl = values.rpc ?? process.env.PROVENA_RPC_URL ?? 'http://127.0.0.1:8545';
	if (!/^https?:\/\//.test(rpcUrl)) throw new CliUsageError(`--rpc must be an http(s) URL, got "${rpcUrl}".`);
	const privateKey = readPrivateKey(values['private-key-env']);

	try {
		if (values.build || artifactsAreStale(CONTRACT_NAMES)) {
			console.error('Building contracts…');
			await buildContracts();
		}
		const deployments = await deployProtocol({ rpcUrl, privateKey, log: (line) => console.error(line) });
		if (!values['no-abis']) await generateAbis({ quiet: true });
		for (const [name, contract] of Object.entries(deployments.contracts))
			console.log(`${name} ${contract.address}`);
		return 0;
	} catch (error) {
		console.error(`provena deploy: ${describe(error, rpcUrl)}`);
		return 1;
	}
}

/** One readable line for a failure: viem's short message, with a hint when the node did not answer. */
function describe(error: unknown, rpcUrl: string): string {
	if (!(error instanceof BaseError)) return (error as Error).message;
	if (error.walk((cause) => cause instanceof HttpRequestError))
		return `${rpcUrl} did not answer (${error.shortMessage}). Is the node running? (try "provena up")`;
	return error.shortMessage;
}

/** The deployer key from `--private-key-env NAME` or PROVENA_DEPLOYER_KEY; undefined means "use eth_accounts". */
function readPrivateKey(envName: string | undefined): Hex | undefined {
	const name = envName ?? DEFAULT_KEY_ENV;
	const raw = process.env[name]?.trim();
	if (!raw) {
		if (envName) throw new CliUsageError(`--private-key-env ${envName}: that environment variable is empty or unset.`);
		return undefined;
	}
	const key = raw.startsWith('0x') ? raw : `0x${raw}`;
	if (!/^0x[0-9a-fA-F]{64}$/.test(key))
		throw new CliUsageError(`${name} must hold a 32-byte hex private key (64 hex digits, 0x optional).`);
	return key as Hex;
}
