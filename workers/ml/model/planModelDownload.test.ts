// planModelDownload against a real node:http server over a real model folder: the fit is decided from config.json
// and the safetensors header, and the server's byte counts prove the weights were not downloaded.
import { mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelDirectoryError } from './modelDirectory.ts';
import {
	serveModelFolder,
	writeModelFolder,
	type ModelFolder,
	type ModelFolderServer
} from './modelFolderServer.testing.ts';
import { ModelTooLargeError, planModelDownload } from './planModelDownload.ts';
import { rejectionOf } from '../../testing/rejectionOf.ts';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const roomy = { maxBufferSize: GiB, maxStorageBufferBindingSize: GiB };
let root: string;
let big: { dir: string; size: number; folder: ModelFolder };
const servers: ModelFolderServer[] = [];
const serve = async (dir: string, options: Parameters<typeof serveModelFolder>[1] = {}) => {
	const server = await serveModelFolder(dir, options);
	servers.push(server);
	return server;
};

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'provena-plan-'));
	// A padded vocabulary makes a 48 MiB BF16 file whose embedding widens to 48 MiB of float32 — larger than
	// every socket buffer between the server and the client, so "not the whole body" is a real claim.
	const dir = join(root, 'big');
	await import('node:fs/promises').then((fs) => fs.mkdir(dir));
	const folder = await writeModelFolder(dir, { vocabSize: 196_608, hiddenSize: 64, dtype: 'BF16' });
	const { size } = await import('node:fs/promises').then((fs) => fs.stat(join(dir, 'model.safetensors')));
	big = { dir, size, folder };
});
afterEach(async () => void (await Promise.all(servers.splice(0).map((s) => s.close()))));
afterAll(() => rm(root, { recursive: true, force: true }));


describe('planModelDownload', () => {
	it('computes float32 weights, the largest tensor and the KV cache from the header alone (Range)', async () => {
		const server = await serve(big.dir);
		const { config } = big.folder;
		const plan = await planModelDownload(server.url, roomy);
		const embedding = config.vocabSize * config.hiddenSize * 4;
		let elements = 0;
		for (const { data } of big.folder.weights.values()) elements += data.length;
		expect(plan.weightBytes).toBe(elements * 4);
		expect(plan.largestTensor).toMatchObject({ bytes: embedding, shape: [config.vocabSize, config.hiddenSize] });
		expect(['model.embed_tokens.weight', 'lm_head.weight']).toContain(plan.largestTensor.name);
		expect(plan.kvCacheBytes).toBe(2 * 2 * 2 * 16 * 128 * 4); // K and V × layers × kv heads × head_dim × context
		expect(plan.totalBytes).toBe(plan.weightBytes + plan.kvCacheBytes);
		expect(plan.fileBytes).toBe(big.size);
		await server.settled();
		expect(server.ranges.get('model.safetensors')).toEqual(['bytes=0-7', expect.stringMatching(/^bytes=8-\d+$/)]);
		expect(server.sent.get('model.safetensors')).toBeLessThan(4096);
	});

	it('refuses a tensor over maxBufferSize with the numbers, before the body is sent (Range)', async () => {
		const server = await serve(big.dir);
		const error = await rejectionOf(
			planModelDownload(server.url, { maxBufferSize: 32 * MiB, maxStorageBufferBindingSize: 16 * MiB })
		);
		expect(error).toBeInstanceOf(ModelTooLargeError);
		expect(error).toMatchObject({ limit: 'maxBufferSize', neededBytes: 48 * MiB, allowedBytes: 32 * MiB });
		expect((error as ModelTooLargeError).shortMessage).toMatch(
			/^This model needs 48 MiB in one buffer \((model\.embed_tokens|lm_head)\.weight, \[196608, 64\] as float32\); this GPU allows 32 MiB \(maxBufferSize\)\. Pick a smaller model/
		);
		await server.settled();
		expect(server.sent.get('model.safetensors')).toBeLessThan(4096);
	});

	it('reads only the front of the stream from a server that ignores Range, then hangs up', async () => {
		const server = await serve(big.dir, { range: false });
		const error = await rejectionOf(
			planModelDownload(server.url, { maxBufferSize: GiB, maxStorageBufferBindingSize: 40 * MiB })
		);
		expect(error).toMatchObject({ limit: 'maxStorageBufferBindingSize', allowedBytes: 40 * MiB });
		expect(error.message).toContain('this GPU allows 40 MiB (maxStorageBufferBindingSize)');
		await server.settled();
		const sent = server.sent.get('model.safetensors')!;
		expect(sent).toBeGreaterThan(0);
		expect(sent).toBeLessThan(big.size / 2);

		const plan = await planModelDownload(server.url, roomy);
		expect(plan.fileBytes).toBe(big.size);
	});

	it('refuses a model over the memory budget, naming weights and KV cache', async () => {
		const server = await serve(big.dir);
		const error = await rejectionOf(planModelDownload(server.url, { ...roomy, budgetBytes: 64 * MiB }));
		expect(error).toMatchObject({ limit: 'budgetBytes', allowedBytes: 64 * MiB });
		expect((error as ModelTooLargeError).shortMessage).toMatch(
			/^This model needs 96 MiB of GPU memory \(96 MiB of float32 weights \+ 64 KiB of KV cache for 128 tokens\); the budget is 64 MiB\./
		);
	});

	it('refuses a truncated file from its header, a 404 and a config that is not JSON', async () => {
		const dir = join(root, 'broken');
		await import('node:fs/promises').then((fs) => fs.mkdir(dir));
		await writeModelFolder(dir);
		await truncate(join(dir, 'model.safetensors'), 5000);
		const server = await serve(dir);
		const truncated = await rejectionOf(planModelDownload(server.url, roomy));
		expect(truncated).toBeInstanceOf(ModelDirectoryError);
		expect(truncated.message).toMatch(
			/^The header of model\.safetensors at .* describes \d+ bytes of tensor data, but the file holds \d+\. The file is truncated or corrupt; download or export it again\./
		);
		expect((await rejectionOf(planModelDownload(`${server.url}elsewhere`, roomy))).message).toBe(
			`config.json is missing from ${server.url}elsewhere/.`
		);
		await truncate(join(dir, 'model.safetensors'), 4);
		const noRange = await serve(dir, { range: false });
		for (const url of [server.url, noRange.url])
			expect((await rejectionOf(planModelDownload(url, roomy))).message).toMatch(
				/ends after 4 bytes, before its 8-byte header length\. The file is truncated/
			);
		await import('node:fs/promises').then((fs) => fs.writeFile(join(dir, 'config.json'), '<html>'));
		expect((await rejectionOf(planModelDownload(server.url, roomy))).message).toMatch(
			/^config\.json in .*: it is not valid JSON\./
		);
	});
});
