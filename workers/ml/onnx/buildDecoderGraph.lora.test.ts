import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { referenceLogits } from '../reference/referenceForward.ts';
import type { LoraAdapter } from '../core/loraAdapter.ts';
import { buildDecoderGraph, decoderGraphNames, type LoraSlotTargets } from './buildDecoderGraph.ts';
import { buildLoraSlotPools, writeLoraSlot } from './loraSlotPools.ts';
import { fixtureAdapter, fixtureConfigs, fixtureWeights, maxAbsDifference } from '../model/fixtureModels.ts';
import {
	cacheFeedsFrom,
	emptyCacheFeeds,
	idsTensor,
	indexTensor,
	poolFeeds,
	TOLERANCE
} from './decoderTestFixtures.ts';

const rows = [
	[1, 17, 42, 5, 63, 0, 9],
	[3, 3, 60, 21, 8, 44, 31],
	[7, 50, 2, 2, 19, 33, 12]
];
const allModules: LoraSlotTargets = {
	targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']
};

describe('buildDecoderGraph with LoRA slot pools', () => {
	Object.entries(fixtureConfigs).forEach(([label, config], index) => {
		it(`a batch mixing slots matches the reference with and without adapters: ${label}`, async () => {
			const weights = fixtureWeights(config, 300 + index);
			// Two adapter shapes: plain LoRA on q/v/down in every layer, and a smaller-rank rsLoRA on the other
			// projections of layer 1 only (zero-padded to the pool rank).
			const adapters: LoraAdapter[] = [
				fixtureAdapter(config, 1, {
					rank: 4,
					alpha: 8,
					useRsLora: false,
					targetModules: ['q_proj', 'v_proj', 'down_proj']
				}),
				fixtureAdapter(config, 2, {
					rank: 2,
					alpha: 3,
					useRsLora: true,
					targetModules: ['k_proj', 'o_proj', 'gate_proj', 'up_proj'],
					layers: [1]
				})
			];
			const pools = buildLoraSlotPools(config, allModules, { slots: 4, rank: 4 }, adapters);
			const session = await ort.InferenceSession.create(
				buildDecoderGraph(config, weights, { kvCache: true, lora: allModules })
			);
			const slotOfRow = [1, 0, 2];
			const expected = rows.map((ids, row) =>
				referenceLogits(config, weights, ids, slotOfRow[row] ? { lora: adapters[slotOfRow[row]! - 1]! } : {})
			);
			const { vocabSize: vocab } = config;
			const length = rows[0]!.length;
			const prefill = length - 1;

			const batched = await session.run({
				[decoderGraphNames.inputIds]: idsTensor(rows.map((ids) => ids.slice(0, prefill))),
				[decoderGraphNames.adapterIndex]: indexTensor(slotOfRow),
				...emptyCacheFeeds(config, rows.length),
				...poolFeeds(pools)
			});
			const step = await session.run({
				[decoderGraphNames.inputIds]: idsTensor(rows.map((ids) => ids.slice(prefill))),
				[decoderGraphNames.adapterIndex]: indexTensor(slotOfRow),
				...cacheFeedsFrom(config, batched),
				...poolFeeds(pools)
			});
			let worst = 0;
			const prefillData = batched.logits!.data as Float32Array;
			const stepData = step.logits!.data as Float32Array;
			for (let row = 0; row < rows.length; row++) {
				worst = Math.max(
					worst,
					maxAbsDifference(
						prefillData.subarray(row * prefill * vocab, (row + 1) * prefill * vocab),
						expected[row]!.subarray(0, prefill * vocab)
					),
					maxAbsDifference(stepData.subarray(row * vocab, (row + 1) * vocab), expected[row]!.subarray(prefill * vocab))
				);
				// The same row alone in a batch of one gives the same logits.
				const alone = await session.run({
					[decoderGraphNames.inputIds]: idsTensor([rows[row]!.slice(0, prefill)]),
					[decoderGraphNames.adapterIndex]: indexTensor([slotOfRow[row]!]),
					...emptyCacheFeeds(config, 1),
					...poolFeeds(pools)
				});
				expect(
					maxAbsDifference(
						alone.logits!.data as Float32Array,
						prefillData.subarray(row * prefill * vocab, (row + 1) * prefill * vocab)
					)
				).toBeLessThan(1e-6);
			}
			// The adapters really change the output, so the comparison above is not vacuous.
			const base = referenceLogits(config, weights, rows[0]!);
			expect(maxAbsDifference(base, expected[0]!)).toBeGreaterThan(1e-2);
			console.info(`[onnx lora] ${label}: max |logit - reference| = ${worst.toExponential(2)}`);
			expect(worst).toBeLessThan(TOLERANCE);
		});
	});

	it('rewriting a slot changes only the rows on it, with the same session', async () => {
		const config = fixtureConfigs['GQA (8 heads, 2 kv heads)']!;
		const weights = fixtureWeights(config, 9);
		const targets: LoraSlotTargets = { targetModules: ['q_proj', 'v_proj'] };
		const session = await ort.InferenceSession.create(buildDecoderGraph(config, weights, { lora: targets }));
		const first = fixtureAdapter(config, 5, {
			rank: 2,
			alpha: 4,
			useRsLora: false,
			targetModules: ['q_proj', 'v_proj']
		});
		const second = fixtureAdapter(config, 6, { rank: 3, alpha: 4, useRsLora: false, targetModules: ['v_proj'] });
		const pools = buildLoraSlotPools(config, targets, { slots: 2, rank: 3 }, [first]);
		const run = async () =>
			(
				await session.run({
					[decoderGraphNames.inputIds]: idsTensor(rows.slice(0, 2)),
					[decoderGraphNames.adapterIndex]: indexTensor([0, 1]),
					...poolFeeds(pools)
				})
			).logits!.data as Float32Array;
		const before = await run();
		writeLoraSlot(config, targets, pools, 1, second);
		const after = await run();
		const rowSize = rows[0]!.length * config.vocabSize;
		expect(maxAbsDifference(after.subarray(0, rowSize), before.subarray(0, rowSize))).toBe(0);
		expect(
			maxAbsDifference(after.subarray(rowSize), referenceLogits(config, weights, rows[1]!, { lora: second }))
		).toBeLessThan(TOLERANCE);
		expect(maxAbsDifference(after.subarray(0, rowSize), referenceLogits(config, weights, rows[0]!))).toBeLessThan(
			TOLERANCE
		);
	});

	it('refuses an adapter the pools cannot hold', () => {
		const config = fixtureConfigs['llama, tied embeddings']!;
		const targets: LoraSlotTargets = { targetModules: ['q_proj'], layers: [0] };
		const pools = buildLoraSlotPools(config, targets, { slots: 2, rank: 2 });
		const wide = fixtureAdapter(config, 1, {
			rank: 4,
			alpha: 4,
			useRsLora: false,
			targetModules: ['q_proj'],
			layers: [0]
		});
		expect(() => writeLoraSlot(config, targets, pools, 1, wide)).toThrow(/rank 4 does not fit/);
		const elsewhere = fixtureAdapter(config, 1, {
			rank: 2,
			alpha: 4,
			useRsLora: false,
			targetModules: ['v_proj'],
			layers: [0]
		});
		expect(() => writeLoraSlot(config, targets, pools, 1, elsewhere)).toThrow(/no LoRA pool for/);
		expect(() => writeLoraSlot(config, targets, pools, 0, { ...wide, rank: 2 })).toThrow(/Slot 0/);
	});
});
