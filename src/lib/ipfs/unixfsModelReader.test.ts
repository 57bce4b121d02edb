// Two real Helia nodes on 127.0.0.1 over WebSockets: one publishes a model folder with UnixFS addAll, the other
// loads it through unixfsModelReader and loadModelFiles. Missing content must fail with a clear error in time.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unixfs } from '@helia/unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHelia, type NodeHelia } from '../../cli/peer/createNodeHelia.ts';
import { startConnectedNodes } from '../../cli/peer/connectedNodes.testing.ts';
import type { DownloadProgress } from '../../../workers/shared/progress/downloadProgress.ts';
import { loadModelFiles } from '../../../workers/ml/model/modelDirectory.ts';
import { writeModelFolder, type ModelFolder } from '../../../workers/ml/model/modelFolderServer.testing.ts';
import { IpfsError } from './errors.ts';
import { IpfsContentUnavailableError, readUnixfsFolder, unixfsModelReader } from './unixfsModelReader.ts';
import { rejectionOf } from '../../../workers/testing/rejectionOf.ts';

let dir: string;
let folder: ModelFolder;
let publisher: NodeHelia;
let reader: NodeHelia;
let root: CID;
let weightsBytes: Uint8Array;

async function publish(node: NodeHelia): Promise<CID> {
	const files = await Promise.all(
		folder.files.map(async (name) => ({ path: name, content: new Uint8Array(await readFile(join(dir, name))) }))
	);
	let last: CID | undefined;
	for await (const entry of unixfs(node).addAll(files, { wrapWithDirectory: true })) last = entry.cid;
	return last!;
}

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'provena-unixfs-'));
	folder = await writeModelFolder(dir, { vocabSize: 8192 }); // ~2.3 MB of weights: several UnixFS leaves
	weightsBytes = new Uint8Array(await readFile(join(dir, 'model.safetensors')));
	({ publisher, reader } = await startConnectedNodes());
	root = await publish(publisher);
});
afterAll(async () => {
	await Promise.all([publisher?.stop(), reader?.stop()]);
	await rm(dir, { recursive: true, force: true });
});

describe('unixfsModelReader', () => {
	it('loads the same model from another node, with progress, and reads absent files as missing', async () => {
		const events: DownloadProgress[] = [];
		const read = unixfsModelReader(reader, root.toString(), {
			onProgress: (p) => events.push(p),
			progressIntervalMs: 0
		});
		const model = await loadModelFiles(read, { source: `ipfs://${root}` });
		expect(model.config).toStrictEqual(folder.config);
		expect(model.weights.size).toBe(folder.weights.size);
		for (const [name, tensor] of folder.weights) expect(model.weights.get(name)!.data).toStrictEqual(tensor.data);
		expect(model.tokenizerJson).toBeDefined();
		expect(await read('generation_config.json')).toBeUndefined();
		const weights = events.filter((e) => e.file === 'model.safetensors');
		expect(weights.length).toBeGreaterThan(1);
		expect(weights.at(-1)).toMatchObject({ loaded: weightsBytes.length, total: weightsBytes.length, done: true });
	});

	it('names the block of model.safetensors that no peer has, instead of hanging', async () => {
		// A second publisher whose copy lacks the file's last leaf: the folder and the small files still resolve.
		const partial = await createNodeHelia({ listen: ['/ip4/127.0.0.1/tcp/0/ws'] });
		const client = await createNodeHelia();
		try {
			let missing: CID | undefined;
			for await (const { cid: block, bytes } of publisher.blockstore.getAll()) {
				const chunks: Uint8Array[] = [];
				for await (const chunk of bytes) chunks.push(chunk);
				const data = Buffer.concat(chunks);
				const tail = weightsBytes.subarray(weightsBytes.length - data.length);
				if (block.code === raw.code && data.length < weightsBytes.length && data.equals(tail)) missing = block;
				else await partial.blockstore.put(block, data);
			}
			expect(missing).toBeDefined();
			await client.libp2p.dial(partial.libp2p.getMultiaddrs()[0]!);
			const read = unixfsModelReader(client, root, { blockTimeoutMs: 1500 });
			expect(await read('config.json')).toBeDefined();
			const started = Date.now();
			const error = await rejectionOf(read('model.safetensors'));
			expect(Date.now() - started).toBeLessThan(10_000);
			expect(error).toBeInstanceOf(IpfsContentUnavailableError);
			expect((error as IpfsContentUnavailableError).block).toBe(missing!.toString());
			expect((error as IpfsContentUnavailableError).shortMessage).toMatch(
				new RegExp(
					`^Block ${missing} of model\\.safetensors could not be found on the IPFS network within 1\\.5 s \\(after [\\d.]+ MiB of [\\d.]+ MiB\\); make sure a peer or pinning service that has it is reachable`
				)
			);
		} finally {
			await Promise.all([partial.stop(), client.stop()]);
		}
	});

	it('times out on a folder CID nobody has, and refuses a file CID or a bad CID', async () => {
		const nobody = CID.createV1(0x70, await sha256.digest(randomBytes(32)));
		const error = await rejectionOf(unixfsModelReader(reader, nobody, { blockTimeoutMs: 1000 })('config.json'));
		expect(error).toBeInstanceOf(IpfsContentUnavailableError);
		expect(error.message).toMatch(
			new RegExp(
				`^The folder ${nobody} could not be found on the IPFS network within 1 s; make sure a peer or pinning service that has it is reachable`
			)
		);
		const file = await unixfs(publisher).addBytes(new Uint8Array([1, 2, 3]));
		await reader.libp2p.dial(publisher.libp2p.getMultiaddrs()[0]!);
		expect((await rejectionOf(unixfsModelReader(reader, file)('config.json'))).message).toMatch(
			/is a single file, not a model folder/
		);
		expect(() => unixfsModelReader(reader, 'not-a-cid')).toThrow(IpfsError);
	});
});

describe('readUnixfsFolder', () => {
	it('reads every file of a nested folder from another node, by path', async () => {
		const files = [
			{ path: 'adapter_config.json', content: new TextEncoder().encode('{"r":4}') },
			{ path: 'attribution/attribution.json', content: new TextEncoder().encode('{"format":"x"}') },
			{ path: 'attribution/span-index/chunk-0.bin', content: new Uint8Array(randomBytes(300_000)) }
		];
		let nested: CID | undefined;
		for await (const entry of unixfs(publisher).addAll(files, { wrapWithDirectory: true })) nested = entry.cid;
		const read = await readUnixfsFolder(reader, nested!, { blockTimeoutMs: 10_000 });
		expect(Object.keys(read).sort()).toEqual(files.map((f) => f.path).sort());
		for (const file of files) expect(Buffer.from(read[file.path]!).equals(Buffer.from(file.content))).toBe(true);
	});
});
