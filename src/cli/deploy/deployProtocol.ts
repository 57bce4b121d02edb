// Deploys Provena's contracts with viem from forge's artifacts, one step per contract in order, waits for
// each receipt, wires them together, hands every admin role to the Timelock (renouncing the deployer's),
// verifies the result on chain and writes src/lib/chain/deployments/<chainId>.json for the app.
//
// Resumable, not all-or-nothing: contracts cannot be undeployed, and a deployment that stops halfway leaves
// the deployer holding the Timelock's admin role, so the only safe way out is forward. Every step is recorded
// in a journal (deployJournal.ts) as it happens, a deployment transaction before it is sent (with the address
// the deployer's nonce gives it), so running the same command again continues from the last step: contracts
// already deployed are reused, a deployment sent but never recorded is found at its address, and each wiring
// call is skipped when the chain already shows its effect. The deployer renounces its admin role last, and the
// deployment is verified against the plan before the deployments file is written and the journal removed.
import {
	createPublicClient,
	createWalletClient,
	defineChain,
	getAddress,
	getContractAddress,
	http,
	type Abi,
	type Account,
	type Address,
	type Hash,
	type Hex,
	type PublicClient
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
	CONTRACT_NAMES,
	type ContractDeployment,
	type ContractName,
	type Deployments
} from '../../lib/chain/deployments/types.ts';
import {
	defaultJournalPath,
	deploymentFingerprint,
	readJournal,
	removeJournal,
	writeJournal,
	type DeployJournal,
	type PendingDeployment
} from './deployJournal.ts';
import { at, deploySteps, wiringSteps, type Deployed, type PlanContext, type ReadContract } from './deployPlan.ts';
import { settingsForChain, type ProtocolSettings } from './protocolSettings.ts';
import { readArtifact, type ContractArtifact } from './readArtifact.ts';
import { DeploymentVerificationError, verifyDeployment } from './verifyDeployment.ts';
import { writeDeployments } from './writeDeployments.ts';

export { DeploymentVerificationError } from './verifyDeployment.ts';

/** A point in a deployment where {@link DeployProtocolParameters.checkpoint} is called. */
export type DeployCheckpoint = `sent ${ContractName}` | `deployed ${ContractName}` | `wired ${string}`;

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
	/**
	 * Where to keep the journal that lets a stopped deployment resume. Default: .provena/deploy/<chainId>.json
	 * when `write` is true; none (the deployment starts afresh every time) when it is false, unless a path is given.
	 */
	journal?: string | false;
	/**
	 * Called after each step: a deployment transaction sent, a contract deployed, a wiring call mined. Throwing
	 * stops the deployment there, as a crash would (tests use it to stop halfway).
	 */
	checkpoint?: (point: DeployCheckpoint) => void | Promise<void>;
};

/** What {@link deployProtocol} resolves to: the contents of the deployments file. */
export type DeployProtocolReturnType = Deployments;

/** A deployment transaction failed or created no contract, or a stopped deployment cannot be resumed as is. */
export class DeploymentFailedError extends Error {
	override name = 'DeploymentFailedError';
}

/** How long a resumed deployment waits for the deployer's transactions still in the mempool. */
const MEMPOOL_WAIT_MS = 120_000;
/** How far back a resumed deployment looks for a deployment transaction it sent but never recorded. */
const MAX_SCAN_BLOCKS = 1_000;

/**
 * Deploys every contract in order to `rpcUrl`, waiting for each receipt, wires them, verifies the wiring, then
 * writes the deployments file. Run again after a failure, it resumes from the journal.
 *
 * @example
 * // against anvil, with its first dev account
 * const deployments = await deployProtocol({ rpcUrl: 'http://127.0.0.1:8545', log: console.log });
 * deployments.contracts.OpenVotes.address; // '0x5FbDB2315678afecb367f032d93F642f64180aa3'
 */
export async function deployProtocol(parameters: DeployProtocolParameters): Promise<DeployProtocolReturnType> {
	const { rpcUrl, privateKey, log = () => {}, artifactsDir, deploymentsDir, write = true } = parameters;
	const checkpoint = parameters.checkpoint ?? (() => {});
	const missing = CONTRACT_NAMES.filter((name) => !deploySteps.some((step) => step.name === name));
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
	const account: Account | Address = privateKey ? privateKeyToAccount(privateKey) : await firstUnlockedAccount(rpcUrl);
	const walletClient = createWalletClient({ account, chain, transport });
	const deployer = typeof account === 'string' ? account : account.address;
	const settings = parameters.settings ?? settingsForChain(chainId);
	log(`Deploying to chain ${chainId} at ${rpcUrl} from ${deployer}`);

	// Every artifact first: a missing one fails before any OPEN is spent.
	const artifacts = new Map<ContractName, ContractArtifact>();
	for (const step of deploySteps) artifacts.set(step.name, await readArtifact(step.name, artifactsDir));
	const abiOf = (name: ContractName) => (artifacts.get(name) as ContractArtifact).abi;

	const journalPath =
		parameters.journal === false
			? undefined
			: (parameters.journal ?? (write ? defaultJournalPath(chainId) : undefined));
	const journal: DeployJournal = {
		version: 1,
		chainId,
		genesisHash: (await publicClient.getBlock({ blockNumber: 0n })).hash as Hash,
		deployer,
		fingerprint: deploymentFingerprint(
			settings,
			deploySteps.map((step) => (artifacts.get(step.name) as ContractArtifact).bytecode)
		),
		contracts: {}
	};
	if (journalPath) {
		const earlier = await resumable(publicClient, journalPath, journal, log);
		if (earlier) {
			journal.contracts = earlier.contracts;
			journal.pending = earlier.pending;
			await waitForMempool(publicClient, deployer, log);
		}
	}
	const save = async () => {
		if (journalPath) await writeJournal(journalPath, journal);
	};
	const resumeHint = journalPath
		? ` The deployment so far is recorded in ${journalPath}: run the same command again to resume it.`
		: '';

	const deployed: Deployed = journal.contracts;
	const context: PlanContext = { deployed, settings, deployer };
	for (const step of deploySteps) {
		const show = (contract: ContractDeployment, note = '') =>
			log(`  ${step.name.padEnd(18)} ${contract.address}  (block ${contract.blockNumber})${note}`);
		const recorded = deployed[step.name];
		if (recorded) {
			show(recorded, ', already deployed');
			continue;
		}
		if (journal.pending?.name === step.name) {
			const found = await findPendingDeployment(publicClient, deployer, journal.pending);
			journal.pending = undefined;
			if (found) {
				deployed[step.name] = found;
				await save();
				show(found, ', deployed before the stop');
				await checkpoint(`deployed ${step.name}`);
				continue;
			}
		}
		const { abi, bytecode } = artifacts.get(step.name) as ContractArtifact;
		const nonce = await publicClient.getTransactionCount({ address: deployer, blockTag: 'pending' });
		journal.pending = {
			name: step.name,
			nonce,
			address: getContractAddress({ from: deployer, nonce: BigInt(nonce) }),
			fromBlock: Number(await publicClient.getBlockNumber({ cacheTime: 0 }))
		};
		await save();
		const txHash = await walletClient.deployContract({
			abi,
			bytecode,
			args: step.args.map((argument) => argument.value(context)),
			nonce
		});
		journal.pending.txHash = txHash;
		await save();
		await checkpoint(`sent ${step.name}`);
		const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash });
		if (receipt.status !== 'success' || !receipt.contractAddress)
			throw new DeploymentFailedError(
				`Deploying ${step.name} failed: transaction ${txHash} ${receipt.status}.${resumeHint}`
			);
		const contract = { address: getAddress(receipt.contractAddress), blockNumber: Number(receipt.blockNumber), txHash };
		deployed[step.name] = contract;
		journal.pending = undefined;
		await save();
		show(contract);
		await checkpoint(`deployed ${step.name}`);
	}

	const read: ReadContract = (contract, functionName, args = []) =>
		publicClient.readContract({ address: at(deployed, contract), abi: abiOf(contract), functionName, args });
	for (const step of wiringSteps) {
		if (await step.done(read, context)) {
			log(`  ✓ ${step.description} (already done)`);
			continue;
		}
		const txHash = await walletClient.writeContract({
			address: at(deployed, step.contract),
			abi: abiOf(step.contract) as Abi,
			functionName: step.functionName,
			args: step.args(context),
			chain,
			account
		});
		const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash });
		if (receipt.status !== 'success')
			throw new DeploymentFailedError(
				`Wiring failed: ${step.description} (transaction ${txHash} reverted).${resumeHint}`
			);
		log(`  ✓ ${step.description}`);
		await checkpoint(`wired ${step.description}`);
	}

	const deployments: Deployments = {
		chainId,
		contracts: Object.fromEntries(CONTRACT_NAMES.map((name) => [name, deployed[name]])) as Record<
			ContractName,
			ContractDeployment
		>
	};
	const problems = await verifyDeployment({ client: publicClient, deployments, deployer, settings, artifactsDir });
	if (problems.length > 0) throw new DeploymentVerificationError(problems, chainId);
	log('  ✓ wiring verified: every link, setting and Timelock role as planned');
	if (write) log(`Wrote ${await writeDeployments(deployments, deploymentsDir)}`);
	if (journalPath) await removeJournal(journalPath);
	return deployments;
}

/**
 * The journal at `path` when it records a deployment this run can continue: same chain (id and genesis), same
 * deployer, same settings and bytecode, and every contract it records still there. A journal of another chain
 * instance (a restarted anvil) is set aside; one this run cannot continue stops it, saying why.
 */
async function resumable(
	client: PublicClient,
	path: string,
	current: DeployJournal,
	log: (message: string) => void
): Promise<DeployJournal | undefined> {
	const earlier = await readJournal(path);
	if (!earlier) return undefined;
	if (earlier.chainId !== current.chainId || earlier.genesisHash !== current.genesisHash) {
		log(`Setting aside ${path}: it records a deployment on another chain (or an earlier run of this devnet).`);
		return undefined;
	}
	for (const [name, contract] of Object.entries(earlier.contracts)) {
		const code = await client.getCode({ address: contract.address });
		if (!code || code === '0x') {
			log(`Setting aside ${path}: ${name} is no longer at ${contract.address} (was the chain reset?).`);
			return undefined;
		}
	}
	if (getAddress(earlier.deployer) !== getAddress(current.deployer))
		throw new DeploymentFailedError(
			`A deployment by ${earlier.deployer} stopped halfway on chain ${current.chainId} (recorded in ${path}), and its ` +
				`Timelock may still answer to that account. Resume it with that account's key, or delete ${path} to start a new deployment.`
		);
	if (earlier.fingerprint !== current.fingerprint)
		throw new DeploymentFailedError(
			`A deployment that stopped halfway on chain ${current.chainId} (recorded in ${path}) used other settings or other contract ` +
				`code than this run. Resume it with the code and settings it started with, or delete ${path} to start a new deployment.`
		);
	const names = Object.keys(earlier.contracts);
	log(
		`Resuming the deployment recorded in ${path}${names.length > 0 ? ` (${names.join(', ')} already deployed)` : ''}.`
	);
	return earlier;
}

/** Waits until none of the deployer's transactions is in the mempool, so a resumed step cannot race its first try. */
async function waitForMempool(client: PublicClient, deployer: Address, log: (message: string) => void): Promise<void> {
	const deadline = Date.now() + MEMPOOL_WAIT_MS;
	let said = false;
	for (;;) {
		const [mined, pending] = await Promise.all([
			client.getTransactionCount({ address: deployer, blockTag: 'latest' }),
			client.getTransactionCount({ address: deployer, blockTag: 'pending' })
		]);
		if (pending <= mined) return;
		if (Date.now() > deadline)
			throw new DeploymentFailedError(
				`${pending - mined} transaction(s) from ${deployer} are still pending. Wait for them to be mined (or replace them), then run again.`
			);
		if (!said) log(`Waiting for ${pending - mined} pending transaction(s) from ${deployer}…`);
		said = true;
		await new Promise((resolve) => setTimeout(resolve, 1_000));
	}
}

/**
 * The contract a deployment transaction sent before the stop created, if it did. Only a creation by the
 * deployer at that nonce can put code at the recorded address, so code there is that contract; its block and
 * transaction come from the recorded hash, or from the blocks mined since it was sent.
 */
async function findPendingDeployment(
	client: PublicClient,
	deployer: Address,
	pending: PendingDeployment
): Promise<ContractDeployment | undefined> {
	const code = await client.getCode({ address: pending.address });
	if (!code || code === '0x') return undefined;
	if (pending.txHash) {
		const receipt = await client.getTransactionReceipt({ hash: pending.txHash });
		return { address: getAddress(pending.address), blockNumber: Number(receipt.blockNumber), txHash: pending.txHash };
	}
	const latest = Number(await client.getBlockNumber({ cacheTime: 0 }));
	for (let number = pending.fromBlock; number <= Math.min(latest, pending.fromBlock + MAX_SCAN_BLOCKS); number++) {
		const block = await client.getBlock({ blockNumber: BigInt(number), includeTransactions: true });
		const tx = block.transactions.find((t) => getAddress(t.from) === getAddress(deployer) && t.nonce === pending.nonce);
		if (tx) return { address: getAddress(pending.address), blockNumber: number, txHash: tx.hash };
	}
	throw new DeploymentFailedError(
		`${pending.name} is at ${pending.address}, but its deployment transaction was not found in blocks ${pending.fromBlock}…${latest}.`
	);
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
