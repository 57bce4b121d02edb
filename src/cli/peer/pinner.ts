// Runs pin requests in the background: queued → pinning (dial the origins, fetch the whole DAG over
// bitswap from connected peers and pin it with helia.pins.add) → pinned, or failed with a reason once
// the time limit passes. Requests still queued or pinning at shutdown are resumed on the next start.
import { multiaddr } from '@multiformats/multiaddr';
import { CID } from 'multiformats/cid';
import { fetchDag } from './fetchDag.ts';
import type { NodeHelia } from './createNodeHelia.ts';
import type { PinRecord, PinRecords } from './pinRecords.ts';

export type PinnerOptions = {
	/** Give up on a request (status `failed`) after this long. */
	timeoutMs: number;
	/** Requests fetched at the same time; the rest wait as `queued`. */
	concurrency: number;
};

export type Pinner = {
	/** Queues a request that is already stored (status `queued`). */
	enqueue(requestid: string): void;
	/** Re-queues every stored request left queued or pinning by a previous run. */
	resume(): void;
	/** Stops work on a request that is being removed (its record must already be deleted). */
	cancel(requestid: string): void;
	/** Unpins `cid` from the node unless another request still wants it. */
	releaseIfUnused(cid: string): Promise<void>;
	/** Aborts running jobs (they stay `queued` for the next start) and waits for them to settle. */
	stop(): Promise<void>;
};

class CancelledError extends Error {
	override name = 'CancelledError';
}

export function createPinner(helia: NodeHelia, records: PinRecords, options: PinnerOptions): Pinner {
	const waiting: string[] = [];
	const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
	let stopped = false;

	/** Writes a new state unless the request was removed meanwhile. */
	async function update(requestid: string, change: Partial<PinRecord>) {
		const record = records.get(requestid);
		if (record) await records.put({ ...record, ...change });
	}

	async function run(requestid: string, signal: AbortSignal) {
		const record = records.get(requestid);
		if (!record) return;
		await update(requestid, { status: 'pinning', info: { status_details: 'fetching the DAG' } });
		const cid = CID.parse(record.pin.cid);
		const limit = AbortSignal.timeout(options.timeoutMs);
		const jobSignal = AbortSignal.any([signal, limit]);
		const originErrors: string[] = [];
		await Promise.all(
			(record.pin.origins ?? []).map((origin) =>
				helia.libp2p.dial(multiaddr(origin), { signal: jobSignal }).catch((error: Error) => {
					originErrors.push(`${origin}: ${error.message}`);
				})
			)
		);
		let blocks = 0;
		try {
			await fetchDag(helia, cid, { signal: jobSignal, onBlock: (_, count) => (blocks = count) });
			// every block is local now: pinning only records them
			for await (const _ of helia.pins.add(cid, { signal: jobSignal }));
		} catch (error) {
			if ((error as Error).name !== 'AlreadyPinnedError') {
				if (signal.aborted) throw new CancelledError();
				const why = limit.aborted
					? `timed out after ${options.timeoutMs / 1000} s with ${blocks} block(s) fetched: no connected ` +
						`peer (${helia.libp2p.getConnections().length} connected) sent the rest of the DAG`
					: `${(error as Error).name}: ${(error as Error).message}`;
				const origins = originErrors.length ? `; origins not reachable: ${originErrors.join('; ')}` : '';
				await update(requestid, { status: 'failed', info: { status_details: why + origins } });
				return;
			}
		}
		if (records.get(requestid)) {
			await update(requestid, { status: 'pinned', info: { status_details: `${blocks} block(s) pinned` } });
		} else {
			await releaseIfUnused(record.pin.cid);
		}
	}

	function pump() {
		while (!stopped && running.size < options.concurrency && waiting.length > 0) {
			const requestid = waiting.shift() as string;
			if (running.has(requestid) || !records.get(requestid)) continue;
			const controller = new AbortController();
			const done = run(requestid, controller.signal)
				.catch(async (error: Error) => {
					if (error instanceof CancelledError) return;
					await update(requestid, { status: 'failed', info: { status_details: error.message } });
				})
				.catch(() => undefined)
				.finally(() => {
					running.delete(requestid);
					pump();
				});
			running.set(requestid, { controller, done });
		}
	}

	async function releaseIfUnused(cidText: string) {
		const cid = CID.parse(cidText);
		const key = cid.toV1().toString();
		const wanted = records
			.all()
			.some((r) => r.status !== 'failed' && CID.parse(r.pin.cid).toV1().toString() === key);
		if (wanted) return;
		try {
			await helia.pins.get(cid);
		} catch {
			return; // not pinned on this node
		}
		for await (const _ of helia.pins.rm(cid));
	}

	return {
		enqueue(requestid) {
			waiting.push(requestid);
			pump();
		},
		resume() {
			for (const record of records.all().reverse()) {
				if (record.status === 'queued' || record.status === 'pinning') waiting.push(record.requestid);
			}
			pump();
		},
		cancel(requestid) {
			running.get(requestid)?.controller.abort();
			const index = waiting.indexOf(requestid);
			if (index >= 0) waiting.splice(index, 1);
		},
		releaseIfUnused,
		async stop() {
			stopped = true;
			waiting.length = 0;
			for (const job of running.values()) job.controller.abort();
			await Promise.all([...running.values()].map((job) => job.done));
		}
	};
}
