// A folder of files added to a Helia node as one UnixFS directory (a published fine-tune: the PEFT adapter, its card,
// training.json and checkpoints/), with the same importer settings as datanet files so the same bytes always give
// the same CIDs, and its root pinned so garbage collection keeps every file.
import { unixfs } from '@helia/unixfs';
import type { Helia } from '@helia/interface';
import type { CID } from 'multiformats/cid';
import { DATANET_UNIXFS_OPTIONS, pinLocally, type ByteProgress } from '../datanets/ipfs/unixfsFile.ts';

/** One file of the folder: its path inside it ("checkpoints/step-3/adapter_config.json") and its bytes. */
export type FolderFile = { path: string; bytes: Uint8Array };

/**
 * The added folder: its root, the CID of each file by path (and of each subfolder by its path and a trailing slash,
 * "attribution/span-index/"), and whether the root was pinned here before.
 */
export type AddedFolder = { cid: CID; fileCids: Record<string, string>; pinnedBefore: boolean };

/**
 * Adds `files` as one UnixFS directory (nested paths become subdirectories) and pins its root.
 *
 * @example
 * const { cid, fileCids } = await addUnixfsFolder(helia, [{ path: 'README.md', bytes }]);
 * fileCids['README.md']; // 'bafkrei…'
 */
export async function addUnixfsFolder(
	helia: Helia,
	files: readonly FolderFile[],
	options: { signal?: AbortSignal; onProgress?: (progress: ByteProgress) => void } = {}
): Promise<AddedFolder> {
	const { signal, onProgress } = options;
	signal?.throwIfAborted();
	if (files.length === 0) throw new Error('A folder to publish needs at least one file.');
	const sizes = new Map(files.map((file) => [file.path, file.bytes.byteLength]));
	const bytesTotal = [...sizes.values()].reduce((sum, size) => sum + size, 0);
	let bytesDone = 0;
	const fileCids: Record<string, string> = {};
	let root: CID | undefined;
	// Copies: the importer keeps views of what it is fed, and a caller reusing a buffer must not change stored blocks.
	const source = files.map((file) => ({ path: file.path, content: file.bytes.slice() }));
	for await (const entry of unixfs(helia).addAll(source, {
		...DATANET_UNIXFS_OPTIONS,
		wrapWithDirectory: true,
		signal
	})) {
		const path = entry.path ?? '';
		const size = sizes.get(path);
		if (size !== undefined) {
			fileCids[path] = entry.cid.toString();
			bytesDone += size;
			onProgress?.({ bytesDone, bytesTotal });
		} else if (path !== '') fileCids[`${path}/`] = entry.cid.toString();
		// The wrapping directory comes last, under the empty path.
		if (path === '') root = entry.cid;
	}
	if (!root) throw new Error('The UnixFS importer returned no folder root.');
	const pinnedBefore = !(await pinLocally(helia, root, signal));
	return { cid: root, fileCids, pinnedBefore };
}
