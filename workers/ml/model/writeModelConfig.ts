// The inverse of parseModelConfig: a ModelConfig as a Hugging Face config.json, so a model Provena creates or
// trains (and every test fixture) is a directory that transformers, transformers.js and Provena itself load
// alike. Every field is written out, defaults included, so no reader depends on its own defaults.
import type { ModelConfig, RopeScaling } from '../core/modelConfig.ts';

/**
 * The config.json object of `config` (serialise with JSON.stringify). parseModelConfig(writeModelConfig(c))
 * deep-equals `c` for every config parseModelConfig can produce.
 *
 * @example
 * writeFileSync('config.json', JSON.stringify(writeModelConfig(config), null, 2));
 * parseModelConfig(JSON.parse(readFileSync('config.json', 'utf8'))); // deep-equals config
 */
export function writeModelConfig(config: ModelConfig): Record<string, unknown> {
	const json: Record<string, unknown> = {
		architectures: [config.modelType === 'qwen2' ? 'Qwen2ForCausalLM' : 'LlamaForCausalLM'],
		model_type: config.modelType,
		vocab_size: config.vocabSize,
		hidden_size: config.hiddenSize,
		intermediate_size: config.intermediateSize,
		num_hidden_layers: config.numLayers,
		num_attention_heads: config.numHeads,
		num_key_value_heads: config.numKeyValueHeads,
		head_dim: config.headDim,
		hidden_act: 'silu',
		max_position_embeddings: config.maxPositionEmbeddings,
		rms_norm_eps: config.rmsNormEps,
		rope_theta: config.ropeTheta,
		rope_scaling: writeRopeScaling(config.ropeScaling),
		tie_word_embeddings: config.tieWordEmbeddings,
		bos_token_id: config.bosTokenId ?? null,
		// A single id is written as a number, as most checkpoints do; several as a list.
		eos_token_id:
			config.eosTokenIds.length === 0
				? null
				: config.eosTokenIds.length === 1
					? config.eosTokenIds[0]
					: [...config.eosTokenIds],
		torch_dtype: 'float32'
	};
	if (config.modelType === 'qwen2') {
		// Qwen2 always has q/k/v biases (transformers hard-codes them), so attention_bias is not a Qwen2 field.
		json.use_sliding_window = false;
	} else {
		json.attention_bias = config.attentionBias;
		json.mlp_bias = false;
	}
	return json;
}

function writeRopeScaling(scaling: RopeScaling): Record<string, unknown> | null {
	switch (scaling.type) {
		case 'none':
			return null;
		case 'linear':
			return { rope_type: 'linear', factor: scaling.factor };
		case 'llama3':
			return {
				rope_type: 'llama3',
				factor: scaling.factor,
				low_freq_factor: scaling.lowFreqFactor,
				high_freq_factor: scaling.highFreqFactor,
				original_max_position_embeddings: scaling.originalMaxPositionEmbeddings
			};
	}
}
