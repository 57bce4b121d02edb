// The estimate as the page uses it (the formula itself is pinned by the core's own test), against what was seen:
// the default model trains in tens of megabytes, and a 135M model at batch 8 × 256 ran out of Wasm's 4 GiB; the
// largest single buffer; and the budget and verdict.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyLlamaConfig } from '../../../workers/ml/model/fixtureModels.ts';
import { parseModelConfig } from '../../../workers/ml/model/parseModelConfig.ts';
import { DEFAULT_FINE_TUNE_SETTINGS } from '../../../workers/ml/factory/fineTuneSettings.ts';
import type { ModelConfig } from '../../../workers/ml/core/modelConfig.ts';
import { estimateTrainingMemory, largestTrainingBuffer } from './trainingMemory.ts';
import { assessTraining, checkTrainingFit, trainingBudget } from './trainingFit.ts';

const MIB = 2 ** 20;
const GIB = 2 ** 30;

// SmolLM2-135M's config.json, as Hugging Face publishes it.
const smolLm2 = parseModelConfig({
	model_type: 'llama',
	vocab_size: 49152,
	hidden_size: 576,
	intermediate_size: 1536,
	num_hidden_layers: 30,
	num_attention_heads: 9,
	num_key_value_heads: 3,
	max_position_embeddings: 8192,
	tie_word_embeddings: true
});

describe('estimateTrainingMemory', () => {
	it('puts the default model at its default settings well inside any budget', () => {
		const config = parseModelConfig(
			JSON.parse(readFileSync(join(import.meta.dirname, '../../../static/models/provena-tiny/config.json'), 'utf8'))
		);
		const estimate = estimateTrainingMemory(config, DEFAULT_FINE_TUNE_SETTINGS, 3.6 * MIB);
		expect(estimate.k).toBeCloseTo(3920 / 128, 12);
		expect(estimate.totalBytes).toBeGreaterThan(50 * MIB);
		expect(estimate.totalBytes).toBeLessThan(100 * MIB);
	});

	it('finds a 135M model at batch 8 × 256 over the 4 GiB of Wasm, as the trainer did', () => {
		const settings = { ...DEFAULT_FINE_TUNE_SETTINGS, batchSize: 8, maxSeqLength: 256 };
		const weights = 134_515_008 * 4;
		const estimate = estimateTrainingMemory(smolLm2, settings, weights);
		const embedding = { name: 'model.embed_tokens.weight', shape: [49152, 576], bytes: 49152 * 576 * 4 };
		const largest = largestTrainingBuffer(smolLm2, settings, embedding);
		const fit = checkTrainingFit(estimate, largest, trainingBudget({ backend: 'wasm', reason: 'no WebGPU' }));
		expect(estimate.totalBytes).toBeGreaterThan(4 * GIB);
		expect(fit.fits).toBe(false);
		expect(fit.problems).toEqual([
			expect.stringMatching(/over the budget of 4 GiB \(the 4 GiB a Wasm module can address\)/)
		]);
		// At batch 1 × 128 it fits.
		const small = { ...settings, batchSize: 1, maxSeqLength: 128 };
		const smallFit = checkTrainingFit(
			estimateTrainingMemory(smolLm2, small, weights),
			largestTrainingBuffer(smolLm2, small, embedding),
			trainingBudget({ backend: 'wasm', reason: 'no WebGPU' })
		);
		expect(smallFit).toEqual({ fits: true, problems: [] });
	});
});

describe('largestTrainingBuffer', () => {
	const tensor = { name: 'lm_head.weight', shape: [64, 32], bytes: 64 * 32 * 4 };
	const config: ModelConfig = { ...tinyLlamaConfig, vocabSize: 50_000 };

	it('names the logits when the vocabulary dominates', () => {
		const largest = largestTrainingBuffer(config, { batchSize: 8, maxSeqLength: 128 }, tensor);
		expect(largest.bytes).toBe(8 * 128 * 50_000 * 4);
		expect(largest.what).toBe('the logits of one batch (8 × 128 tokens × 50000 vocabulary)');
		expect(largest.advice).toMatch(/batch size or the sequence length/);
	});

	it('names a weight, with its shape, when the model itself is the problem', () => {
		const big = { name: 'model.embed_tokens.weight', shape: [1_000_000, 1024], bytes: 1_000_000 * 1024 * 4 };
		const largest = largestTrainingBuffer(tinyLlamaConfig, { batchSize: 1, maxSeqLength: 8 }, big);
		expect(largest.what).toBe('the weight model.embed_tokens.weight [1000000, 1024] as float32');
		expect(largest.advice).toMatch(/smaller model/);
	});
});

describe('trainingBudget and checkTrainingFit', () => {
	it('takes half of the reported device memory on WebGPU, and the smaller buffer limit', () => {
		const budget = trainingBudget({
			backend: 'webgpu',
			maxBufferSize: GIB,
			maxStorageBufferBindingSize: 128 * MIB,
			deviceMemoryGiB: 8
		});
		expect(budget).toMatchObject({
			maxBufferBytes: 128 * MIB,
			bufferLimit: 'maxStorageBufferBindingSize',
			budgetBytes: 4 * GIB,
			budgetReason: 'half of the 8 GiB of memory this device reports'
		});
	});

	it('says so when the browser does not report memory, and budgets 2 GiB', () => {
		const budget = trainingBudget({ backend: 'webgpu', maxBufferSize: GIB, maxStorageBufferBindingSize: GIB });
		expect(budget.budgetBytes).toBe(2 * GIB);
		expect(budget.budgetReason).toMatch(/does not report/);
	});

	it('refuses a buffer over the limit with the limit named and what to do', () => {
		const budget = trainingBudget({ backend: 'webgpu', maxBufferSize: GIB, maxStorageBufferBindingSize: 128 * MIB });
		const estimate = estimateTrainingMemory(tinyLlamaConfig, DEFAULT_FINE_TUNE_SETTINGS, 0);
		const largest = { what: 'the logits of one batch', bytes: 200 * MIB, advice: 'Lower the batch size.' };
		expect(checkTrainingFit(estimate, largest, budget)).toEqual({
			fits: false,
			problems: [
				'The largest buffer, the logits of one batch, needs 200 MiB; maxStorageBufferBindingSize allows 128 MiB in one. Lower the batch size.'
			]
		});
	});
});

describe('assessTraining', () => {
	const model = {
		config: tinyLlamaConfig,
		weightBytes: 1000,
		largestTensor: { name: 'w', shape: [64, 32], bytes: 64 * 32 * 4 }
	};

	it('gives the estimate while the device is still being probed, and the verdict once it is known', () => {
		const waiting = assessTraining(model, DEFAULT_FINE_TUNE_SETTINGS, undefined);
		expect(waiting.estimate.totalBytes).toBeGreaterThan(1000);
		expect(waiting.fit).toBeUndefined();
		const known = assessTraining(model, DEFAULT_FINE_TUNE_SETTINGS, { backend: 'wasm', reason: 'no WebGPU' });
		expect(known.fit).toEqual({ fits: true, problems: [] });
		expect(known.budget?.budgetBytes).toBe(4 * GIB);
	});
});
