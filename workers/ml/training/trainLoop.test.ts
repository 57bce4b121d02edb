import { beforeAll, describe, expect, it } from 'vitest';
import { tree } from '@jax-js/jax';
import { fixtureConfigs, fixtureWeights, tinyLlamaConfig } from '../model/fixtureModels.ts';
import { referenceLogits } from '../reference/referenceForward.ts';
import { loraScale } from '../core/loraAdapter.ts';
import { adamwInit } from './adamw.ts';
import { initLoraAdapter } from './initLoraAdapter.ts';
import { jaxLoraFromAdapter, jaxWeightsFromHost } from './jaxForward.ts';
import { nextTokenBatch, referenceCrossEntropy } from './loss.ts';
import { releaseTrainSteps } from './trainStep.ts';
import {
	batchSchedule,
	evaluateLoss,
	packTokenRows,
	trainLoop,
	TrainLoopError,
	type TrainProgress
} from './trainLoop.ts';
import { initJaxWasm } from './initJaxWasm.ts';

beforeAll(initJaxWasm);

// A learnable stream: a repeating pattern over a few ids, so a few steps visibly lower the loss.
const pattern = [5, 9, 13, 17, 21, 25, 29, 33];
const stream = Array.from({ length: 400 }, (_, i) => pattern[i % pattern.length]!);

describe('packTokenRows', () => {
	it('concatenates streams, cuts fixed rows and drops the remainder', () => {
		expect(packTokenRows([[1, 2, 3], [4, 5], [6]], 2)).toEqual([
			[1, 2],
			[3, 4],
			[5, 6]
		]);
		expect(packTokenRows([[1, 2, 3]], 2)).toEqual([[1, 2]]);
		expect(() => packTokenRows([[1]], 1)).toThrow(TrainLoopError);
	});
});

describe('batchSchedule', () => {
	it('is the same for a seed, different for another, and visits every row once per epoch', () => {
		const a = batchSchedule(10, 5, 6, 1);
		expect(batchSchedule(10, 5, 6, 1)).toEqual(a);
		expect(batchSchedule(10, 5, 6, 2)).not.toEqual(a);
		for (let epoch = 0; epoch < 3; epoch++) {
			expect([...a[2 * epoch]!, ...a[2 * epoch + 1]!].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		}
		// Batches larger than the data run across epoch ends.
		expect(batchSchedule(3, 4, 2, 1).flat()).toHaveLength(8);
		expect(() => batchSchedule(0, 4, 2, 1)).toThrow(TrainLoopError);
	});
});

describe('trainLoop', () => {
	it('full training lowers the loss, reports progress with a warmup schedule, and repeats exactly', async () => {
		const config = tinyLlamaConfig;
		const rows = packTokenRows([stream], 16);
		const run = async () => {
			const weights = jaxWeightsFromHost(config, fixtureWeights(config, 3));
			const state = { settings: { config, loraScale: 0 }, weights, optimizer: adamwInit(weights) };
			const progress: TrainProgress[] = [];
			const result = await trainLoop({ kind: 'full', state }, rows, {
				steps: 12,
				batchSize: 4,
				seed: 7,
				peakLearningRate: 1e-2,
				warmupSteps: 2,
				onProgress: (p) => progress.push(p)
			});
			tree.dispose([state.weights, state.optimizer.m, state.optimizer.v]);
			releaseTrainSteps(state.settings);
			return { result, progress };
		};
		const first = await run();
		console.log(
			`trainLoop full: loss ${first.result.losses[0]!.toFixed(3)} → ${first.result.losses.at(-1)!.toFixed(3)}`
		);
		expect(first.result.losses).toHaveLength(12);
		expect(first.result.losses.at(-1)!).toBeLessThan(first.result.losses[0]! * 0.6);
		expect(first.progress.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		expect(first.progress[0]!.learningRate).toBe(0);
		expect(first.progress[2]!.learningRate).toBeCloseTo(1e-2, 10);
		expect(first.progress.at(-1)!.eta).toBe(0);
		expect(first.progress.every((p) => p.totalSteps === 12 && p.elapsed >= 0)).toBe(true);
		const second = await run();
		expect(second.result.losses).toEqual(first.result.losses);
	});

	it('LoRA training lowers the loss with the base frozen, and stops on abort', async () => {
		const config = fixtureConfigs['GQA (8 heads, 2 kv heads)']!;
		const rows = packTokenRows([stream], 16);
		const base = jaxWeightsFromHost(config, fixtureWeights(config, 5));
		const adapter = initLoraAdapter(
			config,
			{ rank: 4, alpha: 8, useRsLora: false, targetModules: ['q_proj', 'v_proj', 'down_proj'] },
			9
		);
		const lora = jaxLoraFromAdapter(config, adapter);
		const state = { settings: { config, loraScale: loraScale(adapter) }, base, lora, optimizer: adamwInit(lora) };
		const controller = new AbortController();
		const result = await trainLoop({ kind: 'lora', state }, rows, {
			steps: 30,
			batchSize: 4,
			seed: 1,
			peakLearningRate: 2e-2,
			warmupSteps: 2,
			onProgress: (p) => p.step === 15 && controller.abort(),
			signal: controller.signal
		});
		expect(result.aborted).toBe(true);
		expect(result.losses).toHaveLength(15);
		expect(result.losses.at(-1)!).toBeLessThan(result.losses[0]! * 0.8);
		tree.dispose([state.base, state.lora, state.optimizer.m, state.optimizer.v]);
		releaseTrainSteps(state.settings);
	});
});

describe('evaluateLoss', () => {
	it('is the mean next-token loss over every row, a partial last batch included', async () => {
		const config = tinyLlamaConfig;
		const host = fixtureWeights(config, 11);
		const rows = packTokenRows([Array.from({ length: 5 * 8 }, (_, i) => (i * 7) % config.vocabSize)], 8);
		const weights = jaxWeightsFromHost(config, host);
		const loss = await evaluateLoss({ config, loraScale: 0 }, weights, undefined, rows, 2);
		const batch = nextTokenBatch(rows, 0);
		const logits = rows.flatMap((row) => [...referenceLogits(config, host, row)]);
		expect(Math.abs(loss - referenceCrossEntropy(logits, batch))).toBeLessThan(1e-4);
		tree.dispose(weights);
	});
});
