// A published fine-tune's folder added on one real Helia node and read from another over WebSockets on 127.0.0.1:
// the adapter loads by the folder's CID, nested checkpoints are reachable by path, and the CIDs depend only on bytes.
import { unixfs } from '@helia/unixfs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectedNodes } from '../../cli/peer/connectedNodes.testing.ts';
import { createNodeHelia, type NodeHelia } from '../../cli/peer/createNodeHelia.ts';
import { readUnixfsFile } from '../datanets/ipfs/unixfsFile.ts';
import { CID } from 'multiformats/cid';
import { addUnixfsFolder, type FolderFile } from './unixfsFolder.ts';
import { unixfsModelReader } from './unixfsModelReader.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const files: FolderFile[] = [
	{ path: 'adapter_config.json', bytes: utf8('{"r":8}\n') },
	{ path: 'adapter_model.safetensors', bytes: new Uint8Array(3_000_000).map((_, i) => i % 251) },
	{ path: 'README.md', bytes: utf8('# Forecast bot\n') },
	{ path: 'checkpoints/step-3/adapter_config.json', bytes: utf8('{"r":8,"step":3}\n') }
];

let publisher: NodeHelia;
let reader: NodeHelia;
beforeAll(async () => {
	({ publisher, reader } = await startConnectedNodes());
});
afterAll(async () => {
	await Promise.all([publisher?.stop(), reader?.stop()]);
});

describe('addUnixfsFolder', () => {
	it('adds and pins a folder another node reads by path, with byte progress, naming each file’s CID', async () => {
		const progress: number[] = [];
		const added = await addUnixfsFolder(publisher, files, { onProgress: (p) => progress.push(p.bytesDone) });
		expect(added.pinnedBefore).toBe(false);
		expect(await publisher.pins.isPinned(added.cid)).toBe(true);
		// Every file by its path, and every subfolder by its path with a trailing slash.
		expect(Object.keys(added.fileCids).sort()).toStrictEqual(
			[...files.map((f) => f.path), 'checkpoints/', 'checkpoints/step-3/'].sort()
		);
		expect(progress.at(-1)).toBe(files.reduce((sum, f) => sum + f.bytes.length, 0));

		const read = unixfsModelReader(reader, added.cid, { blockTimeoutMs: 10_000 });
		const weights = await read('adapter_model.safetensors');
		expect(weights && Buffer.from(weights).equals(Buffer.from(files[1]!.bytes))).toBe(true);
		const nested = await readUnixfsFile(
			reader,
			CID.parse(added.fileCids['checkpoints/step-3/adapter_config.json']!),
			'x'
		);
		expect(new TextDecoder().decode(nested)).toBe('{"r":8,"step":3}\n');
		// A subfolder's CID is a folder of its own (what a registration names for the span index).
		const sub: string[] = [];
		for await (const entry of unixfs(reader).ls(CID.parse(added.fileCids['checkpoints/step-3/']!)))
			sub.push(entry.name);
		expect(sub).toStrictEqual(['adapter_config.json']);
		const listed: string[] = [];
		for await (const entry of unixfs(reader).ls(added.cid)) listed.push(entry.name);
		expect(listed.sort()).toStrictEqual([
			'README.md',
			'adapter_config.json',
			'adapter_model.safetensors',
			'checkpoints'
		]);
	});

	it('gives the same CIDs for the same bytes on another node, and says when the root was pinned before', async () => {
		const first = await addUnixfsFolder(publisher, files);
		expect(first.pinnedBefore).toBe(true);
		const other = await createNodeHelia();
		try {
			const again = await addUnixfsFolder(other, files);
			expect(again.cid.toString()).toBe(first.cid.toString());
			expect(again.fileCids).toStrictEqual(first.fileCids);
		} finally {
			await other.stop();
		}
		const retitled = files.map((f) => (f.path === 'README.md' ? { ...f, bytes: utf8('# Other\n') } : f));
		const changed = await addUnixfsFolder(publisher, retitled);
		expect(changed.cid.toString()).not.toBe(first.cid.toString());
	});

	it('refuses an empty folder', async () => {
		await expect(addUnixfsFolder(publisher, [])).rejects.toThrow(/at least one file/);
	});
});
