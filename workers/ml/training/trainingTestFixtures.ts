// Shared fixtures of the trainer's tests: the tiny configs of each supported shape (the ONNX tests use the
// same three), seeded weights and adapters, and jax setup on the Wasm backend (Node has no WebGPU).
import { defaultDevice, init } from '@jax-js/jax';
import type { ModelConfig } from '../model/modelConfig.ts';
import type { HostTensor, TensorMap } from '../model/hostTensor.ts';
import { initializeWeights } from '../model/initializeWeights.ts';
import { seededRandom } from '../random/seededRandom.ts';
import { loraModulePrefix, type LoraAdapter, type LoraTargetModule } from '../reference/loraAdapter.ts';

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
	}
};

export const sequences = [
	[1, 17, 42, 5, 63, 0, 9],
	[3, 3, 60, 21, 8, 44, 31]
];

/** Weights with std 0.3 and perturbed norms/biases, so a forgotten norm or bias shows in the logits. */
export function fixtureWeights(config: ModelConfig, seed: number): TensorMap {
	return initializeWeights(config, { seed, std: 0.3, perturbNormsAndBiases: 0.1 });
}

const ALL_MODULES: LoraTargetModule[] = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'];

/** A LoRA adapter with non-zero A and B (a fresh PEFT adapter has B = 0, which would test nothing). */
export function fixtureAdapter(
	config: ModelConfig,
	seed: number,
	options: { rank?: number; alpha?: number; targetModules?: LoraTargetModule[]; layers?: number[] } = {}
): LoraAdapter {
	const rank = options.rank ?? 4;
	const targetModules = options.targetModules ?? ALL_MODULES;
	const random = seededRandom(seed);
	const { hiddenSize: hidden, intermediateSize: inter, numHeads, numKeyValueHeads, headDim } = config;
	const dims: Record<LoraTargetModule, [number, number]> = {
		q_proj: [numHeads * headDim, hidden],
		k_proj: [numKeyValueHeads * headDim, hidden],
		v_proj: [numKeyValueHeads * headDim, hidden],
		o_proj: [hidden, numHeads * headDim],
		gate_proj: [inter, hidden],
		up_proj: [inter, hidden],
		down_proj: [hidden, inter]
	};
	const matrix = (rows: number, columns: number): HostTensor => {
		const data = new Float32Array(rows * columns);
		for (let i = 0; i < data.length; i++) data[i] = random.normal() * 0.2;
		return { shape: [rows, columns], data };
	};
	const tensors = new Map<string, HostTensor>();
	for (let layer = 0; layer < config.numLayers; layer++) {
		if (options.layers && !options.layers.includes(layer)) continue;
		for (const module of targetModules) {
			const [outSize, inSize] = dims[module];
			const prefix = loraModulePrefix(layer, module);
			tensors.set(`${prefix}.lora_A.weight`, matrix(rank, inSize));
			tensors.set(`${prefix}.lora_B.weight`, matrix(outSize, rank));
		}
	}
	return {
		rank,
		alpha: options.alpha ?? 8,
		useRsLora: false,
		targetModules,
		...(options.layers ? { layers: options.layers } : {}),
		tensors
	};
}

/** Starts jax-js on Wasm, the backend the trainer uses in Node. */
export async function initJaxWasm(): Promise<void> {
	await init('wasm');
	defaultDevice('wasm');
}

/** Largest |a - b| over two equally long arrays. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
	if (a.length !== b.length) throw new Error(`Lengths differ: ${a.length} vs ${b.length}.`);
	let max = 0;
	for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
	return max;
}
