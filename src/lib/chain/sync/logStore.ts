// Where synced contract logs are kept between visits, behind one interface: IndexedDB in the browser (through
// `idb`), memory in Node tests and when IndexedDB is blocked. A stream (one contract's events on one chain) keeps
// its logs and a checkpoint: the next block to read and the hashes of recent blocks, to notice a reorg.
import { openDB, type IDBPDatabase } from 'idb';
import type { Hex } from 'viem';

/** A decoded log as the page keeps it. bigint-free so it stores and clones plainly. */
export type StoredLog = {
	blockNumber: number;
	blockHash: Hex;
	logIndex: number;
	transactionHash: Hex;
	eventName: string;
	args: Record<string, unknown>;
};

/** How far a stream has read, and the recent blocks it saw (newest last), to detect a reorg. */
export type SyncCheckpoint = { nextBlock: number; recentBlocks: { number: number; hash: Hex }[] };

/** One stream's storage. */
export type LogStore = {
	readonly kind: 'indexeddb' | 'memory';
	checkpoint(stream: string): Promise<SyncCheckpoint | undefined>;
	/** Adds logs and moves the checkpoint, atomically: a reload never sees one without the other. */
	append(stream: string, logs: readonly StoredLog[], checkpoint: SyncCheckpoint): Promise<void>;
	/** Drops the logs of blocks ≥ `fromBlock` (a reorg) and sets the checkpoint. */
	rewind(stream: string, fromBlock: number, checkpoint: SyncCheckpoint): Promise<void>;
	/** Every log of the stream, in chain order. */
	logs(stream: string): Promise<StoredLog[]>;
};

const order = (a: StoredLog, b: StoredLog) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex;

/**
 * Logs in memory, for tests and for browsers without IndexedDB.
 *
 * @example
 * const store = memoryLogStore();
 */
export function memoryLogStore(): LogStore {
	const streams = new Map<string, { logs: StoredLog[]; checkpoint: SyncCheckpoint }>();
	return {
		kind: 'memory',
		checkpoint: async (stream) => streams.get(stream)?.checkpoint,
		async append(stream, logs, checkpoint) {
			const entry = streams.get(stream) ?? { logs: [], checkpoint };
			entry.logs.push(...structuredClone(logs));
			entry.checkpoint = structuredClone(checkpoint);
			streams.set(stream, entry);
		},
		async rewind(stream, fromBlock, checkpoint) {
			const entry = streams.get(stream) ?? { logs: [], checkpoint };
			entry.logs = entry.logs.filter((log) => log.blockNumber < fromBlock);
			entry.checkpoint = structuredClone(checkpoint);
			streams.set(stream, entry);
		},
		logs: async (stream) => [...(streams.get(stream)?.logs ?? [])].sort(order)
	};
}

/**
 * Logs in IndexedDB (database `provena-logs`): one store of logs keyed by [stream, block, index], one of
 * checkpoints.
 *
 * @example
 * const store = await openIndexedDbLogStore(indexedDB);
 */
export async function openIndexedDbLogStore(factory: IDBFactory, name = 'provena-logs'): Promise<LogStore> {
	const db: IDBPDatabase = await openDB(name, 1, {
		upgrade(database) {
			database.createObjectStore('logs');
			database.createObjectStore('checkpoints');
		}
	});
	const key = (stream: string, log: Pick<StoredLog, 'blockNumber' | 'logIndex'>) => [stream, log.blockNumber, log.logIndex];
	const range = (stream: string, fromBlock: number) => IDBKeyRange.bound([stream, fromBlock, 0], [stream, Infinity, Infinity]);
	return {
		kind: 'indexeddb',
		checkpoint: async (stream) => (await db.get('checkpoints', stream)) as SyncCheckpoint | undefined,
		async append(stream, logs, checkpoint) {
			const tx = db.transaction(['logs', 'checkpoints'], 'readwrite');
			for (const log of logs) void tx.objectStore('logs').put(log, key(stream, log));
			void tx.objectStore('checkpoints').put(checkpoint, stream);
			await tx.done;
		},
		async rewind(stream, fromBlock, checkpoint) {
			const tx = db.transaction(['logs', 'checkpoints'], 'readwrite');
			void tx.objectStore('logs').delete(range(stream, fromBlock));
			void tx.objectStore('checkpoints').put(checkpoint, stream);
			await tx.done;
		},
		logs: async (stream) => (await db.getAll('logs', range(stream, 0))) as StoredLog[]
	};
}
