import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { referenceLogits } from '../reference/referenceForward.ts';
import { buildDecoderGraph, decoderGraphNames } from './buildDecoderGraph.ts';
import { fixtureConfigs, fixtureSequences, fixtureWeights, maxAbsDifference } from '../model/fixtureModels.ts';
import { cacheFeedsFrom, emptyCacheFeeds, idsTensor, TOLERANCE } from './decoderTestFixtures.ts';

// ropeTables (cos/sin read from float64 tables, as the web session builds it) must agree as closely.
describe.each([false, true])('buildDecoderGraph with a KV cache (ropeTables: %s)', (ropeTables) => {
	Object.entries(fixtureConfigs).forEach(([label, config], index) => {
		it(`prefill then cached steps match referenceLogits: ${label}`, async () => {
			const weights = fixtureWeights(config, 200 + index);
			const session = await ort.InferenceSession.create(
				buildDecoderGraph(config, weights, { kvCache: true, ropeTables })
			);
			const { vocabSize: vocab } = config;
			const prefillLength = 3;
			const batch = fixtureSequences.length;
			const reference = fixtureSequences.map((ids) => referenceLogits(config, weights, ids));
			const fullLength = fixtureSequences[0]!.length;
			let worst = 0;
			/** Compares rows [from, from + count) of every sequence with the reference run on the whole sequence. */
			const compare = (logits: ort.Tensor, from: number, count: number) => {
				expect(logits.dims).toEqual([batch, count, vocab]);
				const data = logits.data as Float32Array;
				for (let row = 0; row < batch; row++) {
					const actual = data.subarray(row * count * vocab, (row + 1) * count * vocab);
					const expected = reference[row]!.subarray(from * vocab, (from + count) * vocab);
					worst = Math.max(worst, maxAbsDifference(actual, expected));
				}
			};

			// Zero-length past: a plain prefill.
			let results = await session.run({
				[decoderGraphNames.inputIds]: idsTensor(fixtureSequences.map((ids) => ids.slice(0, prefillLength))),
				...emptyCacheFeeds(config, batch)
			});
			compare(results.logits!, 0, prefillLength);
			// Then one token at a time: each step's last row must equal the reference's row at that position.
			for (let position = prefillLength; position < fullLength - 2; position++) {
				results = await session.run({
					[decoderGraphNames.inputIds]: idsTensor(fixtureSequences.map((ids) => ids.slice(position, position + 1))),
					...cacheFeedsFrom(config, results)
				});
				compare(results.logits!, position, 1);
				expect(results[decoderGraphNames.presentKey(0)]!.dims).toEqual([
					batch,
					config.numKeyValueHeads,
					position + 1,
					config.headDim
				]);
			}
			// A chunk of two tokens on top of a cache: the causal mask must be offset by the past length.
			results = await session.run({
				[decoderGraphNames.inputIds]: idsTensor(fixtureSequences.map((ids) => ids.slice(fullLength - 2))),
				...cacheFeedsFrom(config, results)
			});
			compare(results.logits!, fullLength - 2, 2);
			expect(results[decoderGraphNames.presentValue(config.numLayers - 1)]!.dims).toEqual([
				batch,
				config.numKeyValueHeads,
				fullLength,
				config.headDim
			]);
			console.info(
				`[onnx kv cache${ropeTables ? ', rope tables' : ''}] ${label}: max |logit - reference| = ${worst.toExponential(2)}`
			);
			expect(worst).toBeLessThan(TOLERANCE);
		});
	});
});
