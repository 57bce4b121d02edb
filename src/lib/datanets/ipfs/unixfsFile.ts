// One UnixFS file in and out of a Helia node, shared by contribution files and version manifests.
//
// The CID of a contribution goes on chain and curators, trainers and the CLI re-derive it from the bytes, so the
// DAG layout is fixed here instead of inherited from @helia/unixfs defaults (which may change in a minor release):
// IPIP-499's `unixfs-v1-2025` profile, i.e. CIDv1, sha2-256, raw leaves, 1 MiB fixed-size chunks, a balanced DAG of
// at most 1024 links per node, no mode/mtime, and a file of one chunk is that raw leaf itself (bafkrei…). Kubo's
// `ipfs add --cid-version=1 --raw-leaves --chunker=size-1048576` with 1024-link nodes gives the same CIDs.
//
// Bitswap waits forever for a block nobody has, so reads run under an idle timeout that each arriving block
// resets; when it expires the read fails naming the block it waited for.
import { unixfs, type AddFileOptions } from '@helia/unixfs';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced } from 'ipfs-unixfs-importer/layout';
import type { Helia } from '@helia/interface';
import { CID } from 'multiformats/cid';
import { IpfsContentUnavailableError } from '../../ipfs/unixfsModelReader.ts';
import { IpfsError } from '../../ipfs/errors.ts';

/** Bytes of one leaf block. */
export const UNIXFS_CHUNK_SIZE = 1_048_576;
/** Links of one inner node. */
export const UNIXFS_MAX_LINKS = 1024;
/** How much of the input the importer is handed at a time: the signal is checked in between. */
const FEED_SLICE = 262_144;

/** The importer settings every datanet file is added with (see the top of this file). */
export const DATANET_UNIXFS_OPTIONS = {
	profile: 'unixfs-v1-2025',
	cidVersion: 1,
	rawLeaves: true,
	reduceSingleLeafToSelf: true,
	chunker: fixedSize({ chunkSize: UNIXFS_CHUNK_SIZE }),
	layout: balanced({ maxChildrenPerNode: UNIXFS_MAX_LINKS })
} as const satisfies AddFileOptions;

/** Progress of adding or reading one file, in bytes. */
export type ByteProgress = { bytesDone: number; bytesTotal: number };

export type AddUnixfsFileOptions = {
	/** Aborts the add; blocks already stored stay (unpinned) until garbage collection. */
	signal?: AbortSignal;
	/** Called as leaves are stored, and once more when the file is stored and pinned. */
	onProgress?: (progress: ByteProgress) => void;
};

export type ReadUnixfsFileOptions = {
	/** Aborts the read; it then rejects with the signal's reason. */
	signal?: AbortSignal;
	/** Give up when no block arrives for this long (default 30 000 ms). */
	blockTimeoutMs?: number;
	/** Called as bytes arrive, and once more when the file is complete. */
	onProgress?: (progress: ByteProgress) => void;
};

type ProgressEvent = { type: string; detail?: unknown };

/**
 * Adds `bytes` as one UnixFS file with {@link DATANET_UNIXFS_OPTIONS} and pins it; `blocks` counts distinct blocks,
 * `pinnedBefore` says the node already had this pin (so whoever unpins it later must not: it was not theirs).
 */
export async function addUnixfsFile(
	helia: Helia,
	bytes: Uint8Array,
	options: AddUnixfsFileOptions = {}
): Promise<{ cid: CID; blocks: number; pinnedBefore: boolean }> {
	const { signal, onProgress } = options;
	signal?.throwIfAborted();
	const bytesTotal = bytes.length;
	const blocks = new Set<string>();
	const cid = await unixfs(helia).addByteStream(feed(bytes, signal), {
		...DATANET_UNIXFS_OPTIONS,
		signal,
		onProgress: (event: ProgressEvent) => {
			if (event.type === 'blocks:put:blockstore:put' || event.type === 'blocks:put:duplicate') {
				const cid = CID.asCID(event.detail);
				if (cid) blocks.add(cid.toString());
			} else if (event.type === 'unixfs:importer:progress:file:write' && onProgress) {
				// With raw leaves the bytes written are exactly the file's bytes stored so far.
				const written = Number((event.detail as { bytesWritten: bigint }).bytesWritten);
				onProgress({ bytesDone: Math.min(written, bytesTotal), bytesTotal });
			}
		}
	});
	const pinnedBefore = !(await pinLocally(helia, cid, signal));
	onProgress?.({ bytesDone: bytesTotal, bytesTotal });
	return { cid, blocks: blocks.size, pinnedBefore };
}

async function* feed(bytes: Uint8Array, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
	for (let offset = 0; offset < bytes.length; offset += FEED_SLICE) {
		signal?.throwIfAborted();
		// A copy: the importer keeps views of what it is fed, and a caller reusing its buffer must not change stored blocks.
		yield bytes.slice(offset, offset + FEED_SLICE);
	}
}

/**
 * Pins `cid` (its whole DAG) on this node so garbage collection keeps it; pinning twice is not an error. Resolves to
 * true when this call added the pin, false when it was there already.
 */
export async function pinLocally(helia: Helia, cid: CID, signal?: AbortSignal): Promise<boolean> {
	try {
		// A pin is only recorded once its generator has walked the whole DAG.
		for await (const _ of helia.pins.add(cid, { signal }));
		return true;
	} catch (error) {
		if ((error as Error | null)?.name !== 'AlreadyPinnedError') throw error;
		return false;
	}
}

/** Whether this node's pins keep `cid` (pinned itself, or as part of a pinned DAG). */
export async function isPinnedLocally(
	helia: Helia,
	cid: CID,
	options: { signal?: AbortSignal } = {}
): Promise<boolean> {
	return helia.pins.isPinned(cid, options);
}

/**
 * Reads the UnixFS file `cid` through Helia (local blocks first, then connected peers). `what` names it in
 * errors, e.g. `contribution file bafk…`. Throws IpfsContentUnavailableError when no block arrives in time.
 */
export async function readUnixfsFile(
	helia: Helia,
	cid: CID,
	what: string,
	options: ReadUnixfsFileOptions = {}
): Promise<Uint8Array> {
	const fs = unixfs(helia);
	let done = 0;
	let total: number | undefined;
	return withBlockTimeout(
		helia,
		cid,
		what,
		options,
		() => (total === undefined ? undefined : `after ${done} of ${total} bytes`),
		async (watched) => {
			const stat = await fs.stat(cid, watched);
			if (stat.type !== 'file' && stat.type !== 'raw')
				throw new IpfsError(`${capitalize(what)} is a ${stat.type}, not a file; check that the CID is the right one.`);
			total = Number(stat.size);
			const bytes = new Uint8Array(total);
			for await (const chunk of fs.cat(cid, watched)) {
				if (done + chunk.length > total)
					throw new IpfsError(`${capitalize(what)} holds more bytes than its UnixFS size says; its DAG is corrupt.`);
				bytes.set(chunk, done);
				done += chunk.length;
				watched.arrived();
				options.onProgress?.({ bytesDone: done, bytesTotal: total });
			}
			if (done !== total)
				throw new IpfsError(`${capitalize(what)} ended after ${done} of ${total} bytes; its DAG is corrupt.`);
			if (total === 0) options.onProgress?.({ bytesDone: 0, bytesTotal: 0 });
			return bytes;
		}
	);
}

type Watched = { signal: AbortSignal; onProgress: (event: ProgressEvent) => void; arrived: () => void };

/**
 * Runs `work` under an idle timeout that each arriving block resets. On expiry the error names the last block
 * still wanted and still absent, which is the one no peer had.
 */
export async function withBlockTimeout<T>(
	helia: Helia,
	root: CID,
	what: string,
	options: { signal?: AbortSignal; blockTimeoutMs?: number },
	describe: (() => string | undefined) | undefined,
	work: (watched: Watched) => Promise<T>
): Promise<T> {
	const timeoutMs = options.blockTimeoutMs ?? 30_000;
	const controller = new AbortController();
	const expired = new Error(`no block arrived for ${timeoutMs} ms`);
	const waiting = new Set<string>();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const arrived = () => {
		clearTimeout(timer);
		timer = setTimeout(() => controller.abort(expired), timeoutMs);
	};
	arrived();
	// Helia reports a wanted block under several names (its own want, bitswap's provider search, a broker's
	// request) and an arrival likewise.
	const onProgress = (event: ProgressEvent) => {
		const cid = eventCid(event.detail);
		if (!cid) return;
		if (/want|request-block|find-providers|providers:get/.test(event.type)) waiting.add(cid);
		else if (/receive-block|blockstore:put|bitswap:block/.test(event.type)) {
			waiting.delete(cid);
			arrived();
		}
	};
	const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
	try {
		return await work({ signal, onProgress, arrived });
	} catch (error) {
		if (options.signal?.aborted) throw options.signal.reason;
		if (!controller.signal.aborted) throw error;
		let block: string | undefined;
		for (const cid of [...waiting].reverse())
			if (!(await helia.blockstore.has(CID.parse(cid)))) {
				block = cid;
				break;
			}
		throw blockTimeoutError(what, timeoutMs, {
			cause: error,
			block: block === root.toString() ? undefined : block,
			progress: describe?.()
		});
	} finally {
		clearTimeout(timer);
	}
}

/** The error of a read that saw no block arrive for `timeoutMs`: names the block when known, says what to do. */
export function blockTimeoutError(
	what: string,
	timeoutMs: number,
	{ cause, block, progress }: { cause?: unknown; block?: string | undefined; progress?: string | undefined } = {}
): IpfsContentUnavailableError {
	return new IpfsContentUnavailableError(
		`${block ? `Block ${block} of ${what}` : capitalize(what)} could not be found on the IPFS network within ` +
			`${timeoutMs / 1000} s${progress ? ` (${progress})` : ''}; check that this node is connected to a peer that ` +
			'has it (for the local peer: `npm run peer`) or that the pinning service holding it is reachable, then try again.',
		{ cause, ...(block ? { block } : {}) }
	);
}

function eventCid(detail: unknown): string | undefined {
	const cid = CID.asCID(detail) ?? CID.asCID((detail as { cid?: unknown } | null | undefined)?.cid);
	return cid?.toString();
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
