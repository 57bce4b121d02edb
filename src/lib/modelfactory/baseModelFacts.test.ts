// A base model's facts from a real HTTP server and a real Helia node, with the weights left where they are: the
// server's byte counts and the node's blockstore show that only the header was read.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unixfs } from '@helia/unixfs';
import type { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeHelia } from '../../cli/peer/createNodeHelia.ts';
import { startConnectedNodes } from '../../cli/peer/connectedNodes.testing.ts';
import { ModelDirectoryError } from '../../../workers/ml/model/modelDirectory.ts';
import {
	serveModelFolder,
	writeModelFolder,
	type ModelFolder,
	type ModelFolderServer
} from '../../../workers/ml/model/modelFolderServer.testing.ts';
import { rejectionOf } from '../../../workers/testing/rejectionOf.ts';
import { readBaseModelFacts } from './baseModelFacts.ts';

let dir: string;
let folder: ModelFolder;
let server: ModelFolderServer;
let publisher: NodeHelia;
let reader: NodeHelia;
let root: CID;
let weightsSize: number;

const expectedParameters = () => [...folder.weights.values()].reduce((sum, t) => sum + t.data.length, 0);

async function publish(node: NodeHelia, files: { path: string; content: Uint8Array }[]): Promise<CID> {
	let last: CID | undefined;
	for await (const entry of unixfs(node).addAll(files, { wrapWithDirectory: true })) last = entry.cid;
	return last!;
}

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'provena-facts-'));
	folder = await writeModelFolder(dir, { vocabSize: 8192 }); // ~2.3 MB of weights: many UnixFS leaves
	server = await serveModelFolder(dir);
	({ publisher, reader } = await startConnectedNodes());
	const files = await Promise.all(
		folder.files.map(async (name) => ({ path: name, content: new Uint8Array(await readFile(join(dir, name))) }))
	);
	weightsSize = files.find((f) => f.path === 'model.safetensors')!.content.length;
	root = await publish(publisher, files);
});
afterAll(async () => {
	await server?.close();
	await Promise.all([publisher?.stop(), reader?.stop()]);
	await rm(dir, { recursive: true, force: true });
});

const noHelia = async () => {
	throw new Error('no IPFS needed');
};

describe('readBaseModelFacts', () => {
	it('reads a URL folder from its config and header alone', async () => {
		const facts = await readBaseModelFacts({ kind: 'url', url: server.url }, 'Tiny', { helia: noHelia });
		expect(facts).toMatchObject({
			address: server.url,
			label: 'Tiny',
			parameters: expectedParameters(),
			weightBytes: expectedParameters() * 4,
			fileBytes: weightsSize,
			largestTensor: { shape: [8192, 32], bytes: 8192 * 32 * 4 }
		});
		expect(facts.config.maxPositionEmbeddings).toBe(folder.config.maxPositionEmbeddings);
		await server.settled();
		expect(server.sent.get('model.safetensors')!).toBeLessThan(10_000);
	});

	it('reads an IPFS folder from UnixFS byte ranges, leaving the weights on the network', async () => {
		// The reader gets the folder's blocks from the publisher only as asked, over a real connection.
		const facts = await readBaseModelFacts({ kind: 'ipfs', cid: root.toString() }, 'From IPFS', {
			helia: async () => reader
		});
		expect(facts).toMatchObject({
			address: `ipfs://${root}`,
			parameters: expectedParameters(),
			fileBytes: weightsSize,
			largestTensor: { shape: [8192, 32] }
		});
		let held = 0;
		for await (const { bytes } of reader.blockstore.getAll()) for await (const chunk of bytes) held += chunk.length;
		// A byte range costs the leaves it touches: the header sits in the first (1 MiB by UnixFS's default chunking).
		expect(held).toBeLessThan(1.1 * 2 ** 20);
		expect(held).toBeLessThan(weightsSize / 2);
	});

	it('names a folder without weights', async () => {
		const cid = await publish(publisher, [{ path: 'config.json', content: await readFile(join(dir, 'config.json')) }]);
		const error = await rejectionOf(
			readBaseModelFacts({ kind: 'ipfs', cid: cid.toString() }, 'x', { helia: async () => publisher })
		);
		expect(error).toBeInstanceOf(ModelDirectoryError);
		expect(error.message).toMatch(/^model.safetensors is missing from ipfs:\/\//);
	});

	it('refuses a header longer than the file', async () => {
		const bytes = new Uint8Array(16);
		new DataView(bytes.buffer).setBigUint64(0, 1000n, true);
		const other = await mkdtemp(join(tmpdir(), 'provena-facts-bad-'));
		await writeFile(join(other, 'x'), bytes);
		const cid = await publish(publisher, [
			{ path: 'config.json', content: await readFile(join(dir, 'config.json')) },
			{ path: 'model.safetensors', content: bytes }
		]);
		const error = await rejectionOf(
			readBaseModelFacts({ kind: 'ipfs', cid: cid.toString() }, 'x', { helia: async () => publisher })
		);
		expect(error.message).toMatch(/claims a 1000-byte header in a 16-byte file/);
		await rm(other, { recursive: true, force: true });
	});
});
