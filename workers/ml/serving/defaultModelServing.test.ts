// The site's default model (static/models/provena-tiny) with its demo adapters, served in one mixed batch on
// onnxruntime-node: every row matches the float64 reference with its own adapter. The same check runs on WebGPU in
// Chromium through the engine self-test (e2e/engine.spec.ts).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdapterFiles, loadModelFiles, type ModelFileReader } from '../model/modelDirectory.ts';
import { maxAbsDifference } from '../model/fixtureModels.ts';
import { referenceLogits } from '../reference/referenceForward.ts';
import { TOLERANCE } from '../onnx/decoderTestFixtures.ts';
import { createOrtNodeServingSession } from './ortNodeServingSession.ts';
import { ALL_LORA_TARGETS } from './servingTargets.ts';

const modelDir = join(import.meta.dirname, '../../../static/models/provena-tiny');
const reader =
	(dir: string): ModelFileReader =>
	(name) =>
		readFile(join(dir, name)).then(
			(bytes) => new Uint8Array(bytes),
			() => undefined
		);

describe('the default model', () => {
	it('serves a batch mixing its demo adapters, each row equal to the reference', async () => {
		const files = await loadModelFiles(reader(modelDir), { source: modelDir });
		const names = (await readdir(join(modelDir, 'adapters'))).sort();
		expect(names.length).toBeGreaterThanOrEqual(3);
		const base = { config: files.config, modelId: files.modelId! };
		const adapters = await Promise.all(
			names.map((name) => loadAdapterFiles(reader(join(modelDir, 'adapters', name)), base, { source: name }))
		);
		const rank = Math.max(...adapters.map((a) => a.rank));
		const serving = await createOrtNodeServingSession(files.config, files.weights, {
			targets: ALL_LORA_TARGETS,
			rank,
			slots: adapters.length + 1
		});
		for (const [i, adapter] of adapters.entries()) await serving.writeSlot(i + 1, adapter);
		const vocab = files.config.vocabSize;
		const tokens = Array.from({ length: 9 }, (_, i) => (5 + i * 113) % vocab);
		const slots = [0, ...adapters.map((_, i) => i + 1)];
		const prefill = await serving.forwardBatch(
			slots.map(() => tokens.slice(0, 8)),
			slots,
			undefined
		);
		const step = await serving.forwardBatch(
			slots.map(() => [tokens[8]!]),
			slots,
			prefill.cache
		);
		for (const [row, slot] of slots.entries()) {
			const lora = slot ? { lora: adapters[slot - 1]! } : {};
			const expected = referenceLogits(files.config, files.weights, tokens, lora);
			expect(maxAbsDifference(step.lastLogits[row]!, expected.subarray(8 * vocab))).toBeLessThan(TOLERANCE);
			const expectedPrefill = referenceLogits(files.config, files.weights, tokens.slice(0, 8), lora);
			expect(maxAbsDifference(prefill.lastLogits[row]!, expectedPrefill.subarray(7 * vocab))).toBeLessThan(TOLERANCE);
		}
		// The adapters are not the base model in disguise.
		for (let row = 1; row < slots.length; row++)
			expect(maxAbsDifference(step.lastLogits[row]!, step.lastLogits[0]!)).toBeGreaterThan(1e-2);
		await serving.release();
	});
});
