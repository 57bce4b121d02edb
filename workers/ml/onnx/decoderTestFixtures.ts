// Shared fixtures of the ONNX decoder tests: tiny configs of each supported shape, seeded weights, and helpers
// to feed onnxruntime and compare against the float64 reference.
import { expect } from 'vitest';
import * as ort from 'onnxruntime-node';
import type { ModelConfig } from '../model/modelConfig.ts';
import type { HostTensor, TensorMap } from '../model/hostTensor.ts';
import { seededRandom } from '../random/seededRandom.ts';
import { loraModulePrefix, type LoraAdapter, type LoraTargetModule } from '../reference/loraAdapter.ts';
import { projectionDims } from './buildDecoderGraph.ts';
import { initializeWeights } from '../model/initializeWeights.ts';

// Float32 ONNX against the float64 reference: differences are float32 rounding through 2 layers with std 0.3
// weights (logits of order 1), so 1e-4 absolute is a comfortable bound; measured maxima are logged.
export const TOLERANCE = 1e-4;

const llama: ModelConfig = {
	modelType: 'llama',
	vocabSize: 64,
	hiddenSize: 32,
	intermediateSize: 48,
	numLayers: 2,
	numHeads: 4,
	numKeyValueHeads: 4,
	headDim: 8,
	rmsNormEps: 1e-5,
	ropeTheta: 10000,
	ropeScaling: { type: 'none' },
	maxPositionEmbeddings: 128,
	tieWordEmbeddings: true,
	attentionBias: false,
	eosTokenIds: [2]
};

export const fixtures: Record<string, ModelConfig> = {
	'llama, tied embeddings': llama,
	'GQA (8 heads, 2 kv heads)': { ...llama, numHeads: 8, numKeyValueHeads: 2, headDim: 8, intermediateSize: 40 },
	'Qwen2-like, biases, untied head': {
		...llama,
		modelType: 'qwen2',
		attentionBias: true,
		tieWordEmbeddings: false,
		ropeTheta: 1e6,
		numKeyValueHeads: 2
	},
	// Llama 3.1 frequency scaling, with an original context short enough that all three bands (kept,
	// interpolated, slowed) occur at headDim 8.
	'llama3 rope scaling': {
		...llama,
		ropeTheta: 500000,
		ropeScaling: { type: 'llama3', factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: 16 }
	}
};

export const sequences = [
	[1, 17, 42, 5, 63, 0, 9],
	[3, 3, 60, 21, 8, 44, 31]
];

export function fixtureWeights(config: ModelConfig, seed: number): TensorMap {
	return initializeWeights(config, { seed, std: 0.3, perturbNormsAndBiases: 0.1 });
}

export function idsTensor(rows: readonly (readonly number[])[]): ort.Tensor {
	const length = rows[0]!.length;
	return new ort.Tensor(
		'int64',
		BigInt64Array.from(rows.flat(), (v) => BigInt(v)),
		[rows.length, length]
	);
}

export function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
	expect(actual.length).toBe(expected.length);
	let max = 0;
	for (let i = 0; i < actual.length; i++) max = Math.max(max, Math.abs(actual[i]! - expected[i]!));
	return max;
}

/** Zero-length KV-cache feeds ([batch, kvHeads, 0, headDim] per layer) for a first, uncached run. */
export function emptyCacheFeeds(config: ModelConfig, batch: number): Record<string, ort.Tensor> {
	const feeds: Record<string, ort.Tensor> = {};
	const dims = [batch, config.numKeyValueHeads, 0, config.headDim];
	for (let layer = 0; layer < config.numLayers; layer++) {
		feeds[`past_key_values.${layer}.key`] = new ort.Tensor('float32', new Float32Array(0), dims);
		feeds[`past_key_values.${layer}.value`] = new ort.Tensor('float32', new Float32Array(0), dims);
	}
	return feeds;
}

/** The next run's past_key_values feeds: this run's present outputs. */
export function cacheFeedsFrom(
	config: ModelConfig,
	results: ort.InferenceSession.ReturnType
): Record<string, ort.Tensor> {
	const feeds: Record<string, ort.Tensor> = {};
	for (let layer = 0; layer < config.numLayers; layer++) {
		feeds[`past_key_values.${layer}.key`] = results[`present.${layer}.key`]!;
		feeds[`past_key_values.${layer}.value`] = results[`present.${layer}.value`]!;
	}
	return feeds;
}

/** A random LoRA adapter under PEFT's tensor names (B nonzero, unlike a fresh PEFT init, so it changes logits). */
export function randomAdapter(
	config: ModelConfig,
	seed: number,
	shape: {
		rank: number;
		alpha: number;
		useRsLora: boolean;
		targetModules: readonly LoraTargetModule[];
		layers?: readonly number[];
	}
): LoraAdapter {
	const random = seededRandom(seed);
	const dims = projectionDims(config);
	const tensors = new Map<string, HostTensor>();
	const matrix = (rows: number, columns: number): HostTensor => ({
		shape: [rows, columns],
		data: Float32Array.from({ length: rows * columns }, () => random.normal() * 0.2)
	});
	for (let layer = 0; layer < config.numLayers; layer++) {
		if (shape.layers && !shape.layers.includes(layer)) continue;
		for (const module of shape.targetModules) {
			const [inSize, outSize] = dims[module];
			tensors.set(`${loraModulePrefix(layer, module)}.lora_A.weight`, matrix(shape.rank, inSize));
			tensors.set(`${loraModulePrefix(layer, module)}.lora_B.weight`, matrix(outSize, shape.rank));
		}
	}
	return { ...shape, tensors };
}

/** Pool tensors as onnxruntime feeds. */
export function poolFeeds(pools: ReadonlyMap<string, HostTensor>): Record<string, ort.Tensor> {
	const feeds: Record<string, ort.Tensor> = {};
	for (const [name, tensor] of pools) feeds[name] = new ort.Tensor('float32', tensor.data, [...tensor.shape]);
	return feeds;
}

export function indexTensor(values: readonly number[]): ort.Tensor {
	return new ort.Tensor(
		'int64',
		BigInt64Array.from(values, (v) => BigInt(v)),
		[values.length]
	);
}
