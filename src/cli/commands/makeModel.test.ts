import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadAdapterFiles, loadModelFiles, type ModelFileReader } from '../../../workers/ml/model/modelDirectory.ts';
import { run } from './makeModel.ts';

const root = mkdtempSync(join(tmpdir(), 'provena-make-model-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? listFiles(path) : [path];
	});
}

const reader =
	(dir: string): ModelFileReader =>
	async (name) => {
		try {
			return new Uint8Array(readFileSync(join(dir, name)));
		} catch {
			return undefined;
		}
	};

describe('provena make-model --quick', () => {
	it('writes byte-identical, loadable model and adapter directories on two runs', async () => {
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			expect(await run(['--out', join(root, 'a', 'provena-tiny'), '--quick'])).toBe(0);
			expect(await run(['--out', join(root, 'b', 'provena-tiny'), '--quick'])).toBe(0);
			expect(errors.mock.calls.some(([line]) => /pretrain step 3\/3 loss [\d.]+ .*eta/.test(String(line)))).toBe(true);
		} finally {
			errors.mockRestore();
		}
		const a = listFiles(join(root, 'a'))
			.map((path) => relative(join(root, 'a'), path))
			.sort();
		const b = listFiles(join(root, 'b'))
			.map((path) => relative(join(root, 'b'), path))
			.sort();
		expect(b).toEqual(a);
		for (const name of ['index.json', 'provena-tiny/model.safetensors', 'provena-tiny/manifest.json'])
			expect(a).toContain(name);
		for (const name of a)
			expect(readFileSync(join(root, 'b', name)), name).toEqual(readFileSync(join(root, 'a', name)));

		const modelDir = join(root, 'a', 'provena-tiny');
		const model = await loadModelFiles(reader(modelDir), { source: modelDir });
		expect(model.modelId).toBe('provena/provena-tiny');
		expect(model.config).toMatchObject({
			hiddenSize: 128,
			numLayers: 4,
			numHeads: 4,
			numKeyValueHeads: 2,
			headDim: 32
		});
		const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'));
		for (const id of ['weather', 'recipes', 'pirate', 'legal']) {
			const adapterDir = join(modelDir, 'adapters', id);
			const adapter = await loadAdapterFiles(reader(adapterDir), { config: model.config, modelId: model.modelId! });
			expect(adapter.rank).toBe(16);
			expect(manifest.files[`adapters/${id}/adapter_model.safetensors`].bytes).toBeGreaterThan(0);
		}
	}, 120_000);

	it('prints its help', async () => {
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		try {
			expect(await run(['--help'])).toBe(0);
			expect(String(log.mock.calls[0]?.[0])).toMatch(/make-model \[--out <dir>\] \[--quick\]/);
		} finally {
			log.mockRestore();
		}
	});
});
