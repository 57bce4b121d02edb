// Deploys Provena's contracts with viem from forge's artifacts, one step per contract in order, waits for
// each receipt, and writes src/lib/chain/deployments/<chainId>.json for the app.
import {
	createPublicClient,
	createWalletClient,
	defineChain,
	getAddress,
	http,
	type Account,
	type Address,
	type Hex
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
	CONTRACT_NAMES,
	type ContractDeployment,
	type ContractName,
	type Deployments
} from '../../lib/chain/deployments/types.ts';
import { readArtifact } from './readArtifact.ts';
import { writeDeployments } from './writeDeployments.ts';

/** Parameters of {@link deployProtocol}. */
export type DeployProtocolParameters = {
	/** JSON-RPC endpoint, e.g. anvil's http://127.0.0.1:8545. */
	rpcUrl: string;
	/** Deployer key (a local account). Without it, the node's first unlocked account (`eth_accounts`) deploys. */
	privateKey?: Hex;
	/** Progress lines; silent when omitted. */
	log?: (message: string) => void;
	/** Where the forge artifacts are (default contracts/out). */
	artifactsDir?: string;
	/** Where to write `<chainId>.json` (default src/lib/chain/deployments). */
	deploymentsDir?: string;
	/** Write the deployments file (default true); tests pass false to leave the developer's file alone. */
	write?: boolean;
};

/** What {@link deployProtocol} resolves to: the contents of the deployments file. */
export type DeployProtocolReturnType = Deployments;

/** A deployment transaction failed or created no contract. */
export class DeploymentFailedError extends Error {
	override name = 'DeploymentFailedError';
}

/** One contract to deploy: its constructor arguments may use the addresses deployed before it. */
type DeployStep = {
	name: ContractName;
	args: (deployed: Partial<Record<ContractName, ContractDeployment>>) => readonly unknown[];
};

/** The deployment plan, in order. A new contract adds a step here and its name to CONTRACT_NAMES. */
const steps: readonly DeployStep[] = [{ name: 'OpenVotes', args: () => [] }];

/**
 * Deploys every contract in order to `rpcUrl`, waiting for each receipt, then writes the deployments file.
 *
 * @example
 * // against anvil, with its first dev account
 * const deployments = await deployProtocol({ rpcUrl: 'http://127.0.0.1:8545', log: console.log });
 * deployments.contracts.OpenVotes.address; // '0x5FbDB2315678afecb367f032d93F642f64180aa3'
 */
export async function deployProtocol(parameters: DeployProtocolParameters): Promise<DeployProtocolReturnType> {
	const { rpcUrl, privateKey, log = () => {}, artifactsDir, deploymentsDir, write = true } = parameters;
	const missing = CONTRACT_NAMES.filter((name) => !steps.some((step) => step.name === name));
	if (missing.length > 0) throw new DeploymentFailedError(`No deploy step for ${missing.join(', ')}.`);
	const transport = http(rpcUrl);
	const publicClient = createPublicClient({ transport, pollingInterval: 250 });
	const chainId = await publicClient.getChainId();
	const chain = defineChain({
		id: chainId,
		name: `Chain ${chainId}`,
		nativeCurrency: { name: 'OPEN', symbol: 'OPEN', decimals: 18 },
		rpcUrls: { default: { http: [rpcUrl] } }
	});
	const account: Account | Address = privateKey
		? privateKeyToAccount(privateKey)
		: await firstUnlockedAccount(rpcUrl);
	const walletClient = createWalletClient({ account, chain, transport });
	log(`Deploying to chain ${chainId} at ${rpcUrl} from ${typeof account === 'string' ? account : account.address}`);

	const deployed: Partial<Record<ContractName, ContractDeployment>> = {};
	for (const step of steps) {
		const { abi, bytecode } = await readArtifact(step.name, artifactsDir);
		const txHash = await walletClient.deployContract({ abi, bytecode, args: step.args(deployed) });
		const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash });
		if (receipt.status !== 'success' || !receipt.contractAddress)
			throw new DeploymentFailedError(`Deploying ${step.name} failed: transaction ${txHash} ${receipt.status}.`);
		deployed[step.name] = {
			address: getAddress(receipt.contractAddress),
			blockNumber: Number(receipt.blockNumber),
			txHash
		};
		log(`  ${step.name.padEnd(16)} ${deployed[step.name]?.address}  (block ${receipt.blockNumber})`);
	}

	const deployments: Deployments = {
		chainId,
		contracts: deployed as Record<ContractName, ContractDeployment>
	};
	if (write) log(`Wrote ${await writeDeployments(deployments, deploymentsDir)}`);
	return deployments;
}

/** The node's first unlocked account (anvil's funded dev account 0), from `eth_accounts`. */
async function firstUnlockedAccount(rpcUrl: string): Promise<Address> {
	const [first] = await createWalletClient({ transport: http(rpcUrl) }).getAddresses();
	if (!first)
		throw new DeploymentFailedError(
			`${rpcUrl} has no unlocked accounts. Give a deployer key: set PROVENA_DEPLOYER_KEY or use --private-key-env NAME.`
		);
	return getAddress(first);
}
