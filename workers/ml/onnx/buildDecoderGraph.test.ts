import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { referenceLogits } from '../reference/referenceForward.ts';
import { buildDecoderGraph, decoderGraphNames } from './buildDecoderGraph.ts';
import { fixtureConfigs, fixtureSequences, fixtureWeights, maxAbsDifference } from '../model/fixtureModels.ts';
import { idsTensor, TOLERANCE } from './decoderTestFixtures.ts';

describe('buildDecoderGraph (prefill, no cache)', () => {
	Object.entries(fixtureConfigs).forEach(([label, config], index) => {
		it(`matches referenceLogits: ${label}`, async () => {
			const weights = fixtureWeights(config, 100 + index);
			const session = await ort.InferenceSession.create(buildDecoderGraph(config, weights));
			const { logits } = await session.run({ [decoderGraphNames.inputIds]: idsTensor(fixtureSequences) });
			expect(logits!.dims).toEqual([2, fixtureSequences[0]!.length, config.vocabSize]);
			const data = logits!.data as Float32Array;
			const rowSize = fixtureSequences[0]!.length * config.vocabSize;
			let worst = 0;
			for (const [row, ids] of fixtureSequences.entries()) {
				const expected = referenceLogits(config, weights, ids);
				worst = Math.max(worst, maxAbsDifference(data.subarray(row * rowSize, (row + 1) * rowSize), expected));
			}
			console.info(`[onnx prefill] ${label}: max |logit - reference| = ${worst.toExponential(2)}`);
			expect(worst).toBeLessThan(TOLERANCE);
		});
	});

	it('runs each row of a batch as if alone', async () => {
		const config = fixtureConfigs['GQA (8 heads, 2 kv heads)']!;
		const session = await ort.InferenceSession.create(buildDecoderGraph(config, fixtureWeights(config, 7)));
		const batched = (await session.run({ [decoderGraphNames.inputIds]: idsTensor(fixtureSequences) })).logits!
			.data as Float32Array;
		const rowSize = fixtureSequences[0]!.length * config.vocabSize;
		for (const [row, ids] of fixtureSequences.entries()) {
			const alone = (await session.run({ [decoderGraphNames.inputIds]: idsTensor([ids]) })).logits!
				.data as Float32Array;
			expect(maxAbsDifference(batched.subarray(row * rowSize, (row + 1) * rowSize), alone)).toBeLessThan(1e-6);
		}
	});

	it('refuses weights that do not fit the config', () => {
		const config = fixtureConfigs['llama, tied embeddings']!;
		const weights = new Map(fixtureWeights(config, 1));
		weights.delete('model.layers.1.mlp.up_proj.weight');
		expect(() => buildDecoderGraph(config, weights)).toThrow(/up_proj\.weight is missing/);
	});
});
