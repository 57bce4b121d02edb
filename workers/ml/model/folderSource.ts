// Where a worker reads a model or adapter folder from: a URL it fetches itself (with progress), or files the page
// already read (from IPFS, through the page's Helia node, which a worker does not have).
import type { DownloadProgress } from '../../shared/progress/downloadProgress.ts';
import { fetchModelFiles } from './fetchModelFiles.ts';
import type { ModelFileReader } from './modelDirectory.ts';

/** A folder URL, or the files the page already read, with a label for messages. */
export type FolderSource =
	{ kind: 'url'; url: string } | { kind: 'files'; files: Record<string, Uint8Array>; label: string };

/**
 * A reader over a folder source.
 *
 * @example
 * const model = await loadModelFiles(folderReader(source, signal), { source: folderLabel(source) });
 */
export function folderReader(
	source: FolderSource,
	signal?: AbortSignal,
	onProgress?: (progress: DownloadProgress) => void
): ModelFileReader {
	if (source.kind === 'files') return async (name) => source.files[name];
	return fetchModelFiles(source.url, { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) });
}

/** How messages name the folder. */
export function folderLabel(source: FolderSource): string {
	return source.kind === 'url' ? source.url : source.label;
}
