// A real model folder on disk behind a real node:http server: the loader reads it over HTTP with progress.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadProgress } from '../../shared/progress/downloadProgress.ts';
import { fetchModelFiles, ModelDownloadError } from './fetchModelFiles.ts';
import { loadModelFiles, ModelDirectoryError } from './modelDirectory.ts';
import {
	serveModelFolder,
	writeModelFolder,
	type ModelFolder,
	type ModelFolderServer
} from './modelFolderServer.testing.ts';
import { rejectionOf } from '../../testing/rejectionOf.ts';

let dir: string;
let folder: ModelFolder;
const servers: ModelFolderServer[] = [];
const serve = async (options: Parameters<typeof serveModelFolder>[1] = {}) => {
	const server = await serveModelFolder(dir, { chunkBytes: 16 * 1024, ...options });
	servers.push(server);
	return server;
};

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'provena-fetch-'));
	folder = await writeModelFolder(dir, { vocabSize: 4096 }); // ~1.1 MB of weights: many chunks
});
afterEach(async () => void (await Promise.all(servers.splice(0).map((s) => s.close()))));
afterAll(() => rm(dir, { recursive: true, force: true }));


describe('fetchModelFiles', () => {
	it('loads the same model as from disk, with progress that ends at each total', async () => {
		const server = await serve();
		const events: DownloadProgress[] = [];
		const model = await loadModelFiles(
			fetchModelFiles(server.url.replace(/\/$/, ''), { onProgress: (p) => events.push(p), progressIntervalMs: 0 }),
			{ source: server.url }
		);
		expect(model.config).toStrictEqual(folder.config);
		for (const [name, tensor] of folder.weights) expect(model.weights.get(name)!.data).toStrictEqual(tensor.data);
		expect(model.tokenizerJson).toBeDefined();

		const weights = events.filter((e) => e.file === 'model.safetensors');
		const size = server.sent.get('model.safetensors')!;
		expect(weights.length).toBeGreaterThan(10);
		expect(weights.every((e) => e.total === size)).toBe(true);
		for (let i = 1; i < weights.length; i++) expect(weights[i]!.loaded).toBeGreaterThanOrEqual(weights[i - 1]!.loaded);
		expect(weights.at(-1)).toMatchObject({ loaded: size, done: true, etaSeconds: 0 });
		expect(weights.filter((e) => e.done)).toHaveLength(1);
		expect(weights.some((e) => !e.done && e.bytesPerSecond > 0 && e.etaSeconds! > 0)).toBe(true);
		for (const file of folder.files) expect(events.filter((e) => e.file === file && e.done)).toHaveLength(1);
	});

	it('a 404 folder reads as missing files: loadModelFiles names the file and the URL', async () => {
		const server = await serve();
		const error = await rejectionOf(
			loadModelFiles(fetchModelFiles(`${server.url}nope/`), { source: `${server.url}nope/` })
		);
		expect(error).toBeInstanceOf(ModelDirectoryError);
		expect(error.message).toBe(`config.json is missing from ${server.url}nope/.`);
	});

	it('another HTTP error says what the server answered and what to do', async () => {
		const server = await serve({ status: { 'model.safetensors': 503, 'config.json': 403 } });
		const read = fetchModelFiles(server.url);
		const forbidden = await rejectionOf(read('config.json'));
		expect(forbidden).toBeInstanceOf(ModelDownloadError);
		expect((forbidden as ModelDownloadError).status).toBe(403);
		expect(forbidden.message).toBe(
			`Downloading config.json from ${server.url}config.json failed: the server answered 403 Forbidden. The server does not allow this download; check the URL or the access it needs.`
		);
		expect((await rejectionOf(read('model.safetensors'))).message).toMatch(
			/answered 503 Service Unavailable\. The server failed; try again later\./
		);
	});

	it('a body that breaks off is a broken download, not a corrupt file', async () => {
		const server = await serve({ truncate: { 'model.safetensors': 300_000 } });
		const error = await rejectionOf(loadModelFiles(fetchModelFiles(server.url)));
		expect(error).toBeInstanceOf(ModelDownloadError);
		expect(error.message).toMatch(
			new RegExp(
				`^The download of model.safetensors from ${server.url}model.safetensors broke off after \\d+ of \\d+ bytes\\. Check your connection and load the model again\\.`
			)
		);
	});

	it('an unreachable server and an abort', async () => {
		const server = await serve();
		const url = server.url;
		await server.close();
		const unreachable = await rejectionOf(fetchModelFiles(url)('config.json'));
		expect(unreachable.message).toMatch(
			/^Could not reach .*config\.json to download config\.json\. Check the model's URL/
		);

		const live = await serve();
		const controller = new AbortController();
		const aborted = await rejectionOf(
			fetchModelFiles(live.url, {
				signal: controller.signal,
				progressIntervalMs: 0,
				onProgress: (p) => p.loaded > 100_000 && controller.abort(new Error('user cancelled'))
			})('model.safetensors')
		);
		expect(aborted.message).toBe('user cancelled');
	});
});
