// Deploys Provena's contracts with viem from forge's artifacts, one step per contract in order, waits for
// each receipt, wires them together, hands every admin role to the Timelock (renouncing the deployer's),
// and writes src/lib/chain/deployments/<chainId>.json for the app.
import {
	createPublicClient,
	createWalletClient,
	defineChain,
	getAddress,
	http,
	keccak256,
	toHex,
	zeroAddress,
	type Abi,
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
import { settingsForChain, type ProtocolSettings } from './protocolSettings.ts';
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
	/** Governance timing and first parameter values (default: {@link settingsForChain}). */
	settings?: ProtocolSettings;
};

/** What {@link deployProtocol} resolves to: the contents of the deployments file. */
export type DeployProtocolReturnType = Deployments;

/** A deployment transaction failed or created no contract. */
export class DeploymentFailedError extends Error {
	override name = 'DeploymentFailedError';
}

type Deployed = Partial<Record<ContractName, ContractDeployment>>;

/** One contract to deploy: its constructor arguments may use the addresses deployed before it. */
type DeployStep = {
	name: ContractName;
	args: (context: { deployed: Deployed; settings: ProtocolSettings; deployer: Address }) => readonly unknown[];
};

/** One call made after every contract exists, from the deployer. */
type WiringStep = {
	contract: ContractName;
	functionName: string;
	args: (context: { deployed: Deployed; deployer: Address }) => readonly unknown[];
	/** Shown in the log. */
	description: string;
};

const role = (name: string): Hex => keccak256(toHex(name));
const DEFAULT_ADMIN_ROLE: Hex = `0x${'00'.repeat(32)}`;
const at = (deployed: Deployed, name: ContractName): Address => {
	const contract = deployed[name];
	if (!contract) throw new DeploymentFailedError(`${name} is used before it is deployed.`);
	return contract.address;
};

/** The deployment plan, in order. A new contract adds a step here and its name to CONTRACT_NAMES. */
const steps: readonly DeployStep[] = [
	{ name: 'OpenVotes', args: () => [] },
	{
		// Proposers are added once the Governor exists; address(0) as executor lets anyone execute a ready
		// operation; the deployer is a temporary admin, renounced in the wiring below.
		name: 'ProvenaTimelock',
		args: ({ settings, deployer }) => [BigInt(settings.governance.timelockDelay), [], [zeroAddress], deployer]
	},
	{
		name: 'ProvenaGovernor',
		args: ({ deployed, settings: { governance } }) => [
			at(deployed, 'OpenVotes'),
			at(deployed, 'ProvenaTimelock'),
			governance.votingDelay,
			governance.votingPeriod,
			governance.proposalThreshold,
			BigInt(governance.quorumPercent)
		]
	},
	{
		name: 'ProtocolParams',
		args: ({ deployed, settings }) => [at(deployed, 'ProvenaTimelock'), settings.parameters]
	},
	{
		name: 'Staking',
		args: ({ deployed }) => [
			at(deployed, 'ProtocolParams'),
			at(deployed, 'OpenVotes'),
			at(deployed, 'ProvenaTimelock')
		]
	},
	{
		name: 'DatanetRegistry',
		args: ({ deployed }) => [
			at(deployed, 'ProtocolParams'),
			at(deployed, 'Staking'),
			at(deployed, 'ProvenaTimelock')
		]
	},
	{
		name: 'ModelRegistry',
		args: ({ deployed }) => [
			at(deployed, 'ProtocolParams'),
			at(deployed, 'DatanetRegistry'),
			at(deployed, 'ProvenaTimelock')
		]
	},
	{
		name: 'AttributionLedger',
		args: ({ deployed }) => [
			at(deployed, 'ProtocolParams'),
			at(deployed, 'DatanetRegistry'),
			at(deployed, 'ModelRegistry'),
			at(deployed, 'Staking'),
			at(deployed, 'ProvenaTimelock'),
			at(deployed, 'OpenVotes')
		]
	}
];

/** After deployment: the Governor proposes through the Timelock, and the deployer gives up its admin role last. */
const wiring: readonly WiringStep[] = [
	{
		contract: 'ProvenaTimelock',
		functionName: 'grantRole',
		args: ({ deployed }) => [role('PROPOSER_ROLE'), at(deployed, 'ProvenaGovernor')],
		description: 'Governor may propose'
	},
	{
		contract: 'ProvenaTimelock',
		functionName: 'grantRole',
		args: ({ deployed }) => [role('CANCELLER_ROLE'), at(deployed, 'ProvenaGovernor')],
		description: 'Governor may cancel'
	},
	{
		contract: 'Staking',
		functionName: 'setRewardSource',
		args: ({ deployed }) => [at(deployed, 'AttributionLedger')],
		description: 'Staking collects fees from AttributionLedger'
	},
	{
		contract: 'ProvenaTimelock',
		functionName: 'renounceRole',
		args: ({ deployer }) => [DEFAULT_ADMIN_ROLE, deployer],
		description: 'deployer renounces the Timelock admin role'
	}
];

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
	const deployer = typeof account === 'string' ? account : account.address;
	const settings = parameters.settings ?? settingsForChain(chainId);
	log(`Deploying to chain ${chainId} at ${rpcUrl} from ${deployer}`);

	const deployed: Deployed = {};
	const abis: Partial<Record<ContractName, Abi>> = {};
	for (const step of steps) {
		const { abi, bytecode } = await readArtifact(step.name, artifactsDir);
		abis[step.name] = abi;
		const txHash = await walletClient.deployContract({
			abi,
			bytecode,
			args: step.args({ deployed, settings, deployer })
		});
		const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash });
		if (receipt.status !== 'success' || !receipt.contractAddress)
			throw new DeploymentFailedError(`Deploying ${step.name} failed: transaction ${txHash} ${receipt.status}.`);
		deployed[step.name] = {
			address: getAddress(receipt.contractAddress),
			blockNumber: Number(receipt.blockNumber),
			txHash
		};
		log(`  ${step.name.padEnd(18)} ${deployed[step.name]?.address}  (block ${receipt.blockNumber})`);
	}

	for (const step of wiring) {
		const txHash = await walletClient.writeContract({
			address: at(deployed, step.contract),
			abi: abis[step.contract] as Abi,
			functionName: step.functionName,
			args: step.args({ deployed, deployer }),
			chain,
			account
		});
		const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash });
		if (receipt.status !== 'success')
			throw new DeploymentFailedError(`Wiring failed: ${step.description} (transaction ${txHash} reverted).`);
		log(`  ✓ ${step.description}`);
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
