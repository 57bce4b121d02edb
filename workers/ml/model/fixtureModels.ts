// Tiny seeded models of each supported shape, shared by every engine's tests (ONNX, trainer, generation) and by
// the in-browser engine self-test, so "the llama fixture" means the same weights everywhere.
import { seededRandom } from '../random/seededRandom.ts';
import {
	LORA_TARGET_MODULES,
	loraModulePrefix,
	type LoraAdapter,
	type LoraTargetModule
} from '../core/loraAdapter.ts';
import type { HostTensor, TensorMap } from '../core/hostTensor.ts';
import { initializeWeights } from './initializeWeights.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { projectionDims } from './projectionDims.ts';

/** Llama, hidden 32, 4 heads of 8, 2 layers, vocabulary 64, tied embeddings. */
export const tinyLlamaConfig: ModelConfig = {
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

/** One config of each shape the engines must agree on. */
export const fixtureConfigs: Record<string, ModelConfig> = {
	'llama, tied embeddings': tinyLlamaConfig,
	'GQA (8 heads, 2 kv heads)': {
		...tinyLlamaConfig,
		numHeads: 8,
		numKeyValueHeads: 2,
		headDim: 8,
		intermediateSize: 40
	},
	'Qwen2-like, biases, untied head': {
		...tinyLlamaConfig,
		modelType: 'qwen2',
		attentionBias: true,
		tieWordEmbeddings: false,
		ropeTheta: 1e6,
		numKeyValueHeads: 2
	},
	// Llama 3.1 frequency scaling, with an original context short enough that all three bands (kept,
	// interpolated, slowed) occur at headDim 8.
	'llama3 rope scaling': {
		...tinyLlamaConfig,
		ropeTheta: 500000,
		ropeScaling: { type: 'llama3', factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: 16 }
	}
};

/** Two token sequences of equal length, valid for every fixture's vocabulary. */
export const fixtureSequences = [
	[1, 17, 42, 5, 63, 0, 9],
	[3, 3, 60, 21, 8, 44, 31]
];

/** Weights with std 0.3 and perturbed norms/biases, so a forgotten norm or bias shows in the logits. */
export function fixtureWeights(config: ModelConfig, seed: number): TensorMap {
	return initializeWeights(config, { seed, std: 0.3, perturbNormsAndBiases: 0.1 });
}

/** Options of {@link fixtureAdapter}; defaults: rank 4, alpha 8, plain scaling, every module, every layer. */
export type FixtureAdapterOptions = {
	rank?: number;
	alpha?: number;
	useRsLora?: boolean;
	targetModules?: readonly LoraTargetModule[];
	layers?: readonly number[];
};

/**
 * A seeded LoRA adapter under PEFT's tensor names, with B nonzero (a fresh PEFT adapter has B = 0, which would
 * test nothing).
 *
 * @example
 * const adapter = fixtureAdapter(config, 5, { targetModules: ['q_proj', 'v_proj'], layers: [1] });
 */
export function fixtureAdapter(config: ModelConfig, seed: number, options: FixtureAdapterOptions = {}): LoraAdapter {
	const { rank = 4, alpha = 8, useRsLora = false, targetModules = LORA_TARGET_MODULES, layers } = options;
	const random = seededRandom(seed);
	const dims = projectionDims(config);
	const matrix = (rows: number, columns: number): HostTensor => ({
		shape: [rows, columns],
		data: Float32Array.from({ length: rows * columns }, () => random.normal() * 0.2)
	});
	const tensors = new Map<string, HostTensor>();
	for (let layer = 0; layer < config.numLayers; layer++) {
		if (layers && !layers.includes(layer)) continue;
		for (const module of targetModules) {
			const [inSize, outSize] = dims[module];
			tensors.set(`${loraModulePrefix(layer, module)}.lora_A.weight`, matrix(rank, inSize));
			tensors.set(`${loraModulePrefix(layer, module)}.lora_B.weight`, matrix(outSize, rank));
		}
	}
	return { rank, alpha, useRsLora, targetModules, ...(layers ? { layers } : {}), tensors };
}

/** Largest |a - b| over two equally long arrays; unequal lengths are an error, not a small number. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
	if (a.length !== b.length) throw new Error(`Lengths differ: ${a.length} vs ${b.length}.`);
	let max = 0;
	for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
	return max;
}
