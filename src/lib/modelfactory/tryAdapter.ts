// "Try it": the trained folder is added to this browser's IPFS node (pinned here only: nothing is published or
// registered) and the Models page opens it by that CID in the chat, over the base model it was trained on. The CID
// is the one publishing will give the same bytes, so nothing is stored twice.
import { addUnixfsFolder } from '../ipfs/unixfsFolder.ts';
import { ipfsNode } from '../state/ipfsNode.svelte.ts';
import type { PublishedFile } from '../../../workers/ml/factory/publishedFolder.ts';

/**
 * Where the Models page opens an adapter from this browser: `adapter` is the folder's CID, `base` the base model's
 * address when it is not the site's default model.
 *
 * @example
 * tryAdapterHref('/provena', { cid: 'bafy…', name: 'Forecasts LoRA' }); // '/provena/models/?adapter=bafy…&name=Forecasts+LoRA'
 */
export function tryAdapterHref(basePath: string, p: { cid: string; name: string; baseAddress?: string }): string {
	const query = new URLSearchParams({ adapter: p.cid, name: p.name });
	if (p.baseAddress) query.set('base', p.baseAddress);
	return `${basePath}/models/?${query}`;
}

/** Adds `files` to this browser's node and resolves to the folder's CID. */
export async function addAdapterHere(files: readonly PublishedFile[]): Promise<string> {
	const { cid } = await addUnixfsFolder(await ipfsNode.ready(), files);
	return cid.toString();
}
