// Rebuilding contract state without a backend: a contract's events are read from its deployment block in bounded
// block ranges (public RPCs refuse large eth_getLogs spans), appended to a LogStore with a checkpoint, and read
// incrementally on every later visit. A reorg is noticed by comparing the hashes of recently synced blocks with the
// chain's; the store then rewinds to the fork and reads again.
import type { Abi, Hex, PublicClient } from 'viem';
import { decodeEventLog } from 'viem';
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';
import type { LogStore, StoredLog, SyncCheckpoint } from './logStore.ts';

/** The chain forked deeper than the sync keeps hashes for: the stream must be rebuilt from scratch. */
export class DeepReorgError extends ProvenaError {
	override name = 'DeepReorgError';
}

/** Options of {@link syncLogs}. */
export type SyncLogsOptions = {
	client: Pick<PublicClient, 'getBlock' | 'getBlockNumber' | 'getLogs'>;
	/** Names the stream in the store, e.g. `31337:DatanetRegistry:0x…`. */
	stream: string;
	address: Hex;
	abi: Abi;
	/** The contract's deployment block: nothing before it is read. */
	fromBlock: number;
	store: LogStore;
	/** Blocks per eth_getLogs call (default 2000); halved for a range whose response is refused as too large. */
	maxRange?: number;
	/** How many recent block hashes to keep for reorg detection (default 16). */
	reorgDepth?: number;
	/** Called after each range with the blocks done and to do. */
	onProgress?: (progress: { done: number; total: number }) => void;
	signal?: AbortSignal;
};

/** What one sync did. */
export type SyncLogsResult = { head: number; added: number; rewoundTo?: number };

function toStored(log: { blockNumber: bigint | null; blockHash: Hex | null; logIndex: number | null; transactionHash: Hex | null; data: Hex; topics: [Hex, ...Hex[]] | [] }, abi: Abi): StoredLog | undefined {
	if (log.blockNumber === null || log.blockHash === null || log.logIndex === null || log.transactionHash === null) return undefined;
	try {
		const decoded = decodeEventLog({ abi, data: log.data, topics: log.topics });
		const args = withoutBigints((decoded.args ?? {}) as Record<string, unknown>);
		return {
			blockNumber: Number(log.blockNumber),
			blockHash: log.blockHash,
			logIndex: log.logIndex,
			transactionHash: log.transactionHash,
			eventName: decoded.eventName ?? 'unknown',
			args
		};
	} catch {
		return undefined; // an event of another ABI at the same address: not ours to keep
	}
}

/**
 * `value` with every bigint, also inside structs and arrays, as a decimal string: IndexedDB and postMessage clone
 * bigints, but JSON (CAR exports, tests) does not.
 */
function withoutBigints<T>(value: T): T {
	if (typeof value === 'bigint') return value.toString() as T;
	if (Array.isArray(value)) return value.map(withoutBigints) as T;
	if (typeof value === 'object' && value !== null)
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutBigints(v)])) as T;
	return value;
}

/**
 * Brings `stream` up to the chain's head.
 *
 * @example
 * const { added } = await syncLogs({ client, stream, address, abi: datanetRegistryAbi, fromBlock: 6, store });
 */
export async function syncLogs(options: SyncLogsOptions): Promise<SyncLogsResult> {
	const { client, stream, store, abi, address } = options;
	const maxRange = options.maxRange ?? 2000;
	const reorgDepth = options.reorgDepth ?? 16;
	let checkpoint: SyncCheckpoint = (await store.checkpoint(stream)) ?? { nextBlock: options.fromBlock, recentBlocks: [] };
	let rewoundTo: number | undefined;

	// A reorg: the newest block we saw whose hash still matches marks the fork.
	const stale = [];
	for (let i = checkpoint.recentBlocks.length - 1; i >= 0; i--) {
		const seen = checkpoint.recentBlocks[i]!;
		const block = await client.getBlock({ blockNumber: BigInt(seen.number) }).catch(() => undefined);
		if (block?.hash === seen.hash) break;
		stale.push(seen);
	}
	if (stale.length > 0) {
		const kept = checkpoint.recentBlocks.slice(0, checkpoint.recentBlocks.length - stale.length);
		if (kept.length === 0 && checkpoint.recentBlocks.length >= reorgDepth)
			throw new DeepReorgError(
				`The chain reorganised deeper than the last ${reorgDepth} synced blocks; clear this page's cached chain data (System page) and reload to sync again.`
			);
		rewoundTo = kept.length > 0 ? kept[kept.length - 1]!.number + 1 : options.fromBlock;
		checkpoint = { nextBlock: rewoundTo, recentBlocks: kept };
		await store.rewind(stream, rewoundTo, checkpoint);
	}

	// viem caches the block number for its polling interval; a sync must see the head as it is now.
	const head = Number(await client.getBlockNumber({ cacheTime: 0 }));
	const total = Math.max(0, head - checkpoint.nextBlock + 1);
	let added = 0;
	let range = maxRange;
	while (checkpoint.nextBlock <= head) {
		options.signal?.throwIfAborted();
		const from = checkpoint.nextBlock;
		const to = Math.min(head, from + range - 1);
		let raw;
		try {
			raw = await client.getLogs({ address, fromBlock: BigInt(from), toBlock: BigInt(to) });
		} catch (error) {
			// Providers cap a response (10 000 logs, 10 MB…): a busy range is read again in halves.
			if (to === from) throw error;
			range = Math.max(1, Math.floor((to - from + 1) / 2));
			continue;
		}
		// A quiet stretch after a busy one: widen again, up to maxRange.
		range = Math.min(maxRange, range * 2);
		const logs = raw.map((log) => toStored(log as Parameters<typeof toStored>[0], abi)).filter((l): l is StoredLog => l !== undefined);
		const last = await client.getBlock({ blockNumber: BigInt(to) });
		const recentBlocks = [...checkpoint.recentBlocks, { number: to, hash: last.hash! }].slice(-reorgDepth);
		checkpoint = { nextBlock: to + 1, recentBlocks };
		await store.append(stream, logs, checkpoint);
		added += logs.length;
		options.onProgress?.({ done: to - (head - total + 1) + 1, total });
	}
	return { head, added, ...(rewoundTo !== undefined ? { rewoundTo } : {}) };
}
