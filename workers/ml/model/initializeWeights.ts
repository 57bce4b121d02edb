// Fresh weights for a Llama-family config, named as Hugging Face names them: the starting point of the
// default model's pre-training and the source of every test fixture of other shapes (GQA, biases, tied or
// untied embeddings). Deterministic for a seed.
import { seededRandom } from '../random/seededRandom.ts';
import type { HostTensor } from '../core/hostTensor.ts';
import type { ModelConfig } from '../core/modelConfig.ts';

/** Options of {@link initializeWeights}. */
export type InitializeWeightsOptions = {
	seed: number;
	/** Standard deviation of the normal init of matrices (Hugging Face's `initializer_range`, 0.02). */
	std?: number;
	/**
	 * Test fixtures: RMSNorm weights of 1 ± this (0 gives HF's all-ones) and biases drawn like matrices
	 * (instead of zeros), so a test notices a norm or bias an engine forgets.
	 */
	perturbNormsAndBiases?: number;
};

/**
 * Every tensor a {@link ModelConfig} needs, in Hugging Face names and shapes ([out, in] for projections).
 *
 * @example
 * const weights = initializeWeights(config, { seed: 1 });
 * weights.get('model.layers.0.self_attn.q_proj.weight')?.shape; // [numHeads * headDim, hiddenSize]
 */
export function initializeWeights(config: ModelConfig, options: InitializeWeightsOptions): Map<string, HostTensor> {
	const random = seededRandom(options.seed);
	const std = options.std ?? 0.02;
	const perturb = options.perturbNormsAndBiases ?? 0;
	const matrix = (rows: number, columns: number): HostTensor => {
		const data = new Float32Array(rows * columns);
		for (let i = 0; i < data.length; i++) data[i] = random.normal() * std;
		return { shape: [rows, columns], data };
	};
	const norm = (size: number): HostTensor => {
		const data = new Float32Array(size);
		for (let i = 0; i < size; i++) data[i] = 1 + (perturb ? (random.uniform() * 2 - 1) * perturb : 0);
		return { shape: [size], data };
	};
	const bias = (size: number): HostTensor => {
		const data = new Float32Array(size);
		if (perturb) for (let i = 0; i < size; i++) data[i] = random.normal() * std;
		return { shape: [size], data };
	};

	const { hiddenSize: hidden, intermediateSize: inter, vocabSize: vocab } = config;
	const qWidth = config.numHeads * config.headDim;
	const kvWidth = config.numKeyValueHeads * config.headDim;
	const weights = new Map<string, HostTensor>();
	weights.set('model.embed_tokens.weight', matrix(vocab, hidden));
	for (let layer = 0; layer < config.numLayers; layer++) {
		const p = `model.layers.${layer}`;
		weights.set(`${p}.input_layernorm.weight`, norm(hidden));
		weights.set(`${p}.self_attn.q_proj.weight`, matrix(qWidth, hidden));
		weights.set(`${p}.self_attn.k_proj.weight`, matrix(kvWidth, hidden));
		weights.set(`${p}.self_attn.v_proj.weight`, matrix(kvWidth, hidden));
		weights.set(`${p}.self_attn.o_proj.weight`, matrix(hidden, qWidth));
		if (config.attentionBias) {
			weights.set(`${p}.self_attn.q_proj.bias`, bias(qWidth));
			weights.set(`${p}.self_attn.k_proj.bias`, bias(kvWidth));
			weights.set(`${p}.self_attn.v_proj.bias`, bias(kvWidth));
		}
		weights.set(`${p}.post_attention_layernorm.weight`, norm(hidden));
		weights.set(`${p}.mlp.gate_proj.weight`, matrix(inter, hidden));
		weights.set(`${p}.mlp.up_proj.weight`, matrix(inter, hidden));
		weights.set(`${p}.mlp.down_proj.weight`, matrix(hidden, inter));
	}
	weights.set('model.norm.weight', norm(hidden));
	if (!config.tieWordEmbeddings) weights.set('lm_head.weight', matrix(vocab, hidden));
	return weights;
}
