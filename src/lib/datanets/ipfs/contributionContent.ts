// A datanet contribution's content on IPFS: the JSONL file of records, added to the page's Helia node as one
// UnixFS file (its CID goes on chain with the bytes' sha-256), pinned so garbage collection keeps it, and read
// back through the node from whichever connected peer has it.
import type { Helia } from '@helia/interface';
import type { CID } from 'multiformats/cid';
import {
	addUnixfsFile,
	isPinnedLocally as isPinned,
	readUnixfsFile,
	type AddUnixfsFileOptions,
	type ByteProgress,
	type ReadUnixfsFileOptions
} from './unixfsFile.ts';

export type { ByteProgress };
export type AddContributionFileOptions = AddUnixfsFileOptions;
export type ReadContributionFileOptions = ReadUnixfsFileOptions;

/**
 * Adds a contribution's bytes as a UnixFS file (CIDv1, raw leaves, 1 MiB chunks: the same bytes always give the
 * same CID on every node) and pins it locally. `blocks` is the number of distinct blocks of its DAG.
 *
 * @example
 * const { cid } = await addContributionFile(node.helia, jsonl, { onProgress: (p) => bar(p.bytesDone / p.bytesTotal) });
 */
export function addContributionFile(
	helia: Helia,
	bytes: Uint8Array,
	options: AddContributionFileOptions = {}
): Promise<{ cid: CID; blocks: number; pinnedBefore: boolean }> {
	return addUnixfsFile(helia, bytes, options);
}

/**
 * Reads a contribution's file back, from local blocks or connected peers. A block that does not arrive within
 * `blockTimeoutMs` (default 30 s) throws IpfsContentUnavailableError naming the CID.
 *
 * @example
 * const records = await readContributionFile(node.helia, CID.parse(contribution.cid), { blockTimeoutMs: 15_000 });
 */
export function readContributionFile(
	helia: Helia,
	cid: CID,
	options: ReadContributionFileOptions = {}
): Promise<Uint8Array> {
	return readUnixfsFile(helia, cid, `contribution file ${cid}`, options);
}

/**
 * Whether this node's pins keep `cid` against garbage collection (pinned itself or inside a pinned DAG).
 * Local only: it says nothing about a remote pinning service.
 */
export function isPinnedLocally(helia: Helia, cid: CID, options: { signal?: AbortSignal } = {}): Promise<boolean> {
	return isPinned(helia, cid, options);
}
