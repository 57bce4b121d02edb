// Where a fine-tune run survives a closed tab, a reload or a lost GPU: its inputs (base model, data versions,
// settings), its latest resumable checkpoint (the trainer's one byte array: adapter, optimizer state, data cursor,
// RNG state, and the evenly spaced adapter snapshots attribution needs), the loss log and how far it got. Kept in
// IndexedDB, in memory when IndexedDB is blocked (the page says so), behind one interface; runs are keyed by chain,
// account and run id, so another account or chain never sees or resumes them.
import { openDB, type IDBPDatabase } from 'idb';
import type { FineTuneSettings } from '../../../workers/ml/factory/fineTuneSettings.ts';
import type { FineTuneEvaluation } from '../../../workers/ml/factory/evaluateFineTune.ts';
import type { PublishedFile } from '../../../workers/ml/factory/publishedFolder.ts';
import type { RemotePinOutcome } from '../ipfs/pinning/requestRemotePin.ts';
import type { LossPoint } from '../components/charts/lossSeries.ts';
import type { VersionRef } from './trainingVersions.ts';

/** How far a run got. Every status but `finished` can be resumed from its checkpoint. */
export type RunStatus =
	/** Running, or running when the tab closed. */
	| 'training'
	/** Paused by the user. */
	| 'paused'
	/** Stopped by an error (NaN loss, lost device, out of memory) at its last good checkpoint; `error` says why. */
	| 'stopped'
	| 'finished';

/** A finished run's result: the folder to publish and its evaluation, kept until the model is registered. */
export type TrainedAdapter = {
	files: PublishedFile[];
	evaluation: FineTuneEvaluation;
	totalSteps: number;
	seconds: number;
	tokensPerSecond: number;
};

/**
 * How far publishing got: the folder's pins, the model card, the registration sent and confirmed. Each part is
 * saved as soon as it exists, so a reload, a rejected signature or a reverted registration redoes nothing that was
 * done.
 */
export type Publication = {
	folderCid: string;
	/** Each file's CID by its path in the folder (README.md, training.json, …). */
	fileCids: Record<string, string>;
	remotePin?: RemotePinOutcome;
	/** The JSON model card's CID, and the listing it was made for (a changed listing makes a new card). */
	card?: { cid: string; name: string; summary: string };
	/** The registration (or new adapter version) sent, not yet known to be confirmed. */
	txHash?: string;
	/** Set once the transaction is confirmed. */
	modelId?: string;
	adapterVersion?: number;
};

/** Everything a run needs to resume, and to show what it has done. */
export type FineTuneRun = {
	/** See {@link runKey}. */
	key: string;
	chainId: number;
	/** The account that started it, lowercase; undefined when no wallet was connected. */
	account: string | undefined;
	runId: string;
	baseModel: { address: string; label: string };
	data: VersionRef[];
	settings: FineTuneSettings;
	/** The latest resumable checkpoint, as the trainer wrote it. */
	checkpoint?: { step: number; bytes: Uint8Array };
	/** Set when training finished. */
	trained?: TrainedAdapter;
	publication?: Publication;
	lossLog: LossPoint[];
	status: RunStatus;
	error?: string;
	createdAt: number;
	updatedAt: number;
};

/** Whose runs: a chain and an account (none when no wallet is connected). */
export type RunScope = { chainId: number; account: string | undefined };

export type CheckpointStore = {
	readonly kind: 'indexeddb' | 'memory';
	get(key: string): Promise<FineTuneRun | undefined>;
	put(run: FineTuneRun): Promise<void>;
	delete(key: string): Promise<void>;
	/** The scope's runs, newest first. */
	list(scope: RunScope): Promise<FineTuneRun[]>;
	/** The scope's runs with work left (training, or publishing and registering), newest first. */
	listUnfinished(scope: RunScope): Promise<FineTuneRun[]>;
};

const NO_ACCOUNT = 'no-account';

/**
 * The prefix of every key in a scope.
 *
 * @example
 * scopePrefix({ chainId: 31337, account: '0xF39F…' }); // '31337:0xf39f…:'
 */
export function scopePrefix({ chainId, account }: RunScope): string {
	return `${chainId}:${account?.toLowerCase() ?? NO_ACCOUNT}:`;
}

/**
 * The key of a run: its scope, then its id.
 *
 * @example
 * runKey({ chainId: 31337, account, runId }); // '31337:0xf39f…:5b1e…'
 */
export function runKey(scope: RunScope & { runId: string }): string {
	return `${scopePrefix(scope)}${scope.runId}`;
}

const newestFirst = (a: FineTuneRun, b: FineTuneRun) => b.updatedAt - a.updatedAt;
/** Training still to finish, or a trained adapter not registered yet. */
const unfinished = (run: FineTuneRun) =>
	run.status !== 'finished' || (run.trained !== undefined && run.publication?.modelId === undefined);

/**
 * Runs in memory, for tests and for browsers where IndexedDB is blocked.
 *
 * @example
 * const runs = memoryCheckpointStore();
 */
export function memoryCheckpointStore(): CheckpointStore {
	const runs = new Map<string, FineTuneRun>();
	const inScope = (scope: RunScope) => {
		const prefix = scopePrefix(scope);
		return [...runs.values()].filter((run) => run.key.startsWith(prefix)).sort(newestFirst);
	};
	return {
		kind: 'memory',
		get: async (key) => runs.get(key),
		put: async (run) => void runs.set(run.key, { ...run }),
		delete: async (key) => void runs.delete(key),
		list: async (scope) => inScope(scope),
		listUnfinished: async (scope) => inScope(scope).filter(unfinished)
	};
}

/**
 * Runs in IndexedDB (database `provena-modelfactory`).
 *
 * @example
 * const runs = await openIndexedDbCheckpointStore(indexedDB);
 */
export async function openIndexedDbCheckpointStore(
	factory: IDBFactory,
	name = 'provena-modelfactory'
): Promise<CheckpointStore> {
	// `idb` opens through the global indexedDB; checking the factory here makes a blocked one fail now, not later.
	if (!factory) throw new Error('IndexedDB is not available in this browser.');
	const db: IDBPDatabase = await openDB(name, 1, {
		upgrade(database) {
			database.createObjectStore('runs', { keyPath: 'key' });
		}
	});
	const inScope = async (scope: RunScope) => {
		const prefix = scopePrefix(scope);
		// Keys are strings: every key starting with the prefix sorts between it and the prefix plus the last code unit.
		const runs = (await db.getAll('runs', IDBKeyRange.bound(prefix, `${prefix}\uffff`))) as FineTuneRun[];
		return runs.sort(newestFirst);
	};
	return {
		kind: 'indexeddb',
		get: async (key) => (await db.get('runs', key)) as FineTuneRun | undefined,
		put: async (run) => void (await db.put('runs', run)),
		delete: (key) => db.delete('runs', key),
		list: inScope,
		listUnfinished: async (scope) => (await inScope(scope)).filter(unfinished)
	};
}

/** IndexedDB when the browser allows it, memory otherwise (`kind` tells the page which). */
export async function openCheckpointStore(
	factory: IDBFactory | undefined = globalThis.indexedDB
): Promise<CheckpointStore> {
	try {
		if (!factory) return memoryCheckpointStore();
		return await openIndexedDbCheckpointStore(factory);
	} catch {
		return memoryCheckpointStore();
	}
}
