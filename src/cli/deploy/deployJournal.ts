// The record a deployment keeps while it runs, so `provena deploy` stopped halfway (a crash, a lost RPC node,
// Ctrl-C) resumes where it stopped instead of leaving a half-wired set of contracts whose Timelock still
// answers to the deployer. Written after every step, removed once the deployment is verified.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { keccak256, toHex, type Address, type Hash, type Hex } from 'viem';
import type { ContractDeployment, ContractName } from '../../lib/chain/deployments/types.ts';
import { repoRoot } from '../paths.ts';

/** A deployment transaction sent whose contract is not yet recorded. */
export type PendingDeployment = {
	name: ContractName;
	/** The deployer's nonce it was sent with: the contract can only appear at the address that nonce gives. */
	nonce: number;
	address: Address;
	/** The chain's height just before it was sent: the contract cannot be older. */
	fromBlock: number;
	/** Known once the node accepted it. */
	txHash?: Hash;
};

export type DeployJournal = {
	version: 1;
	chainId: number;
	/** Block 0's hash: a restarted anvil has the same chain id but another genesis, and none of these contracts. */
	genesisHash: Hash;
	deployer: Address;
	/** Of the settings and every contract's bytecode: a resumed deployment must deploy the same thing. */
	fingerprint: Hex;
	contracts: Partial<Record<ContractName, ContractDeployment>>;
	pending?: PendingDeployment;
};

/** Where `provena deploy` keeps the journal of a deployment to `chainId` (gitignored). */
export function defaultJournalPath(chainId: number): string {
	return join(repoRoot, '.provena', 'deploy', `${chainId}.json`);
}

/** The journal at `path`, or undefined when there is none. */
export async function readJournal(path: string): Promise<DeployJournal | undefined> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
	const journal = JSON.parse(text) as DeployJournal;
	if (journal.version !== 1) throw new Error(`${path} is not a deployment journal this version understands.`);
	return journal;
}

/** Writes the journal whole or not at all (a temporary file renamed over it), so a crash cannot tear it. */
export async function writeJournal(path: string, journal: DeployJournal): Promise<void> {
	await mkdir(dirname(path), { recursive: true });
	const temporary = `${path}.${process.pid}.tmp`;
	await writeFile(temporary, `${JSON.stringify(journal, null, '\t')}\n`);
	await rename(temporary, path);
}

export async function removeJournal(path: string): Promise<void> {
	await rm(path, { force: true });
}

/** A hash of what a deployment deploys: the settings and each contract's creation bytecode. */
export function deploymentFingerprint(settings: unknown, bytecodes: readonly Hex[]): Hex {
	const text = JSON.stringify({ settings, bytecodes }, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
	return keccak256(toHex(text));
}
