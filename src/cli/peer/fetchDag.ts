// Fetches every block of a DAG into the node's blockstore, several blocks at a time (helia's own graph
// walkers fetch one block at a time). Blocks already stored are read locally; missing ones come from
// the block brokers (bitswap: connected peers).
import { createUnsafe } from 'multiformats/block';
import type { Helia } from 'helia';
import type { CID } from 'multiformats/cid';

export type FetchDagOptions = {
	signal?: AbortSignal;
	/** Blocks requested at once. Default 16. */
	concurrency?: number;
	/** Called after each block is stored, with the running count. */
	onBlock?: (cid: CID, count: number) => void;
};

/** Walks the DAG under `root`, storing every block; resolves to the number of blocks. */
export function fetchDag(helia: Helia, root: CID, options: FetchDagOptions = {}): Promise<number> {
	const concurrency = options.concurrency ?? 16;
	const seen = new Set<string>([root.toString()]);
	const pending: CID[] = [root];
	let active = 0;
	let count = 0;
	let failed = false;
	// Aborted on the first failure so the other requests in flight stop too.
	const stopOthers = new AbortController();
	const signal = options.signal
		? AbortSignal.any([options.signal, stopOthers.signal])
		: stopOthers.signal;

	async function fetchLinks(cid: CID): Promise<CID[]> {
		const chunks: Uint8Array[] = [];
		for await (const chunk of helia.blockstore.get(cid, { signal })) chunks.push(chunk);
		const bytes = chunks.length === 1 ? (chunks[0] as Uint8Array) : concat(chunks);
		const codec = await helia.getCodec(cid.code);
		return [...createUnsafe({ cid, bytes, codec }).links()].map(([, link]) => link);
	}

	return new Promise((resolve, reject) => {
		const next = () => {
			if (failed) return;
			if (pending.length === 0 && active === 0) return resolve(count);
			while (active < concurrency && pending.length > 0) {
				const cid = pending.shift() as CID;
				active++;
				fetchLinks(cid).then(
					(links) => {
						active--;
						options.onBlock?.(cid, ++count);
						for (const link of links) {
							const key = link.toString();
							if (!seen.has(key)) {
								seen.add(key);
								pending.push(link);
							}
						}
						next();
					},
					(error: unknown) => {
						if (failed) return;
						failed = true;
						stopOthers.abort();
						reject(error);
					}
				);
			}
		};
		next();
	});
}

function concat(chunks: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}
