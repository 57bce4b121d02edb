import { describe, expect, it } from 'vitest';
import { parseModelConfig, UnsupportedModelError } from './parseModelConfig.ts';

// Shaped like the published config.json files (as JSON.parse returns them; 10000.0 parses as 10000).
const smolLm2_135M = {
	architectures: ['LlamaForCausalLM'],
	attention_bias: false,
	attention_dropout: 0.0,
	bos_token_id: 0,
	eos_token_id: 0,
	hidden_act: 'silu',
	hidden_size: 576,
	initializer_range: 0.041666666666666664,
	intermediate_size: 1536,
	is_llama_config: true,
	max_position_embeddings: 8192,
	mlp_bias: false,
	model_type: 'llama',
	num_attention_heads: 9,
	num_hidden_layers: 30,
	num_key_value_heads: 3,
	pretraining_tp: 1,
	rms_norm_eps: 1e-5,
	rope_interleaved: false,
	rope_scaling: null,
	rope_theta: 100000,
	tie_word_embeddings: true,
	torch_dtype: 'bfloat16',
	transformers_version: '4.42.3',
	use_cache: true,
	vocab_size: 49152
};

const tinyLlama_1_1B = {
	architectures: ['LlamaForCausalLM'],
	bos_token_id: 1,
	eos_token_id: 2,
	hidden_act: 'silu',
	hidden_size: 2048,
	initializer_range: 0.02,
	intermediate_size: 5632,
	max_position_embeddings: 2048,
	model_type: 'llama',
	num_attention_heads: 32,
	num_hidden_layers: 22,
	num_key_value_heads: 4,
	pretraining_tp: 1,
	rms_norm_eps: 1e-5,
	rope_scaling: null,
	rope_theta: 10000,
	tie_word_embeddings: false,
	torch_dtype: 'bfloat16',
	transformers_version: '4.35.0',
	use_cache: true,
	vocab_size: 32000
};

const qwen2_0_5B = {
	architectures: ['Qwen2ForCausalLM'],
	attention_dropout: 0.0,
	bos_token_id: 151643,
	eos_token_id: 151643,
	hidden_act: 'silu',
	hidden_size: 896,
	initializer_range: 0.02,
	intermediate_size: 4864,
	max_position_embeddings: 131072,
	max_window_layers: 24,
	model_type: 'qwen2',
	num_attention_heads: 14,
	num_hidden_layers: 24,
	num_key_value_heads: 2,
	rms_norm_eps: 1e-6,
	rope_theta: 1000000,
	sliding_window: 131072,
	tie_word_embeddings: true,
	torch_dtype: 'bfloat16',
	transformers_version: '4.40.1',
	use_cache: true,
	use_sliding_window: false,
	vocab_size: 151936
};

const llama3_2_1B_instruct = {
	architectures: ['LlamaForCausalLM'],
	attention_bias: false,
	attention_dropout: 0.0,
	bos_token_id: 128000,
	eos_token_id: [128001, 128008, 128009],
	head_dim: 64,
	hidden_act: 'silu',
	hidden_size: 2048,
	initializer_range: 0.02,
	intermediate_size: 8192,
	max_position_embeddings: 131072,
	mlp_bias: false,
	model_type: 'llama',
	num_attention_heads: 32,
	num_hidden_layers: 16,
	num_key_value_heads: 8,
	pretraining_tp: 1,
	rms_norm_eps: 1e-5,
	rope_scaling: {
		factor: 32.0,
		high_freq_factor: 4.0,
		low_freq_factor: 1.0,
		original_max_position_embeddings: 8192,
		rope_type: 'llama3'
	},
	rope_theta: 500000,
	tie_word_embeddings: true,
	torch_dtype: 'bfloat16',
	transformers_version: '4.45.0.dev0',
	use_cache: true,
	vocab_size: 128256
};

function refusal(json: unknown): UnsupportedModelError {
	try {
		parseModelConfig(json);
	} catch (error) {
		expect(error).toBeInstanceOf(UnsupportedModelError);
		return error as UnsupportedModelError;
	}
	throw new Error('expected parseModelConfig to refuse');
}

describe('parseModelConfig on real configs', () => {
	it('SmolLM2-135M: llama, tied, GQA 9/3, theta 100000', () => {
		expect(parseModelConfig(smolLm2_135M)).toEqual({
			modelType: 'llama',
			vocabSize: 49152,
			hiddenSize: 576,
			intermediateSize: 1536,
			numLayers: 30,
			numHeads: 9,
			numKeyValueHeads: 3,
			headDim: 64,
			rmsNormEps: 1e-5,
			ropeTheta: 100000,
			ropeScaling: { type: 'none' },
			maxPositionEmbeddings: 8192,
			tieWordEmbeddings: true,
			attentionBias: false,
			bosTokenId: 0,
			eosTokenIds: [0]
		});
	});

	it('TinyLlama-1.1B: llama, GQA 32/4, untied', () => {
		const config = parseModelConfig(tinyLlama_1_1B);
		expect(config).toMatchObject({
			modelType: 'llama',
			numHeads: 32,
			numKeyValueHeads: 4,
			headDim: 64,
			numLayers: 22
		});
		expect(config).toMatchObject({
			tieWordEmbeddings: false,
			attentionBias: false,
			ropeTheta: 10000,
			bosTokenId: 1,
			eosTokenIds: [2]
		});
	});

	it('Qwen2-0.5B: qwen2, q/k/v biases, tied, GQA 14/2, theta 1e6', () => {
		expect(parseModelConfig(qwen2_0_5B)).toEqual({
			modelType: 'qwen2',
			vocabSize: 151936,
			hiddenSize: 896,
			intermediateSize: 4864,
			numLayers: 24,
			numHeads: 14,
			numKeyValueHeads: 2,
			headDim: 64,
			rmsNormEps: 1e-6,
			ropeTheta: 1000000,
			ropeScaling: { type: 'none' },
			maxPositionEmbeddings: 131072,
			tieWordEmbeddings: true,
			attentionBias: true,
			bosTokenId: 151643,
			eosTokenIds: [151643]
		});
	});

	it('Llama-3.2-1B-Instruct: llama3 RoPE scaling, explicit head_dim, several EOS ids', () => {
		const config = parseModelConfig(llama3_2_1B_instruct);
		expect(config.ropeScaling).toEqual({
			type: 'llama3',
			factor: 32,
			lowFreqFactor: 1,
			highFreqFactor: 4,
			originalMaxPositionEmbeddings: 8192
		});
		expect(config).toMatchObject({
			headDim: 64,
			numKeyValueHeads: 8,
			ropeTheta: 500000,
			eosTokenIds: [128001, 128008, 128009]
		});
	});

	it('applies the transformers defaults', () => {
		const {
			num_key_value_heads: _kv,
			rope_theta: _theta,
			tie_word_embeddings: _tie,
			attention_bias: _bias,
			bos_token_id: _bos,
			eos_token_id: _eos,
			...bare
		} = smolLm2_135M;
		const config = parseModelConfig({ ...bare, rope_scaling: undefined });
		expect(config).toMatchObject({
			numKeyValueHeads: 9,
			ropeTheta: 10000,
			tieWordEmbeddings: false,
			attentionBias: false,
			eosTokenIds: []
		});
		expect(config.bosTokenId).toBeUndefined();
		expect(config.ropeScaling).toEqual({ type: 'none' });
		expect(parseModelConfig({ ...smolLm2_135M, attention_bias: true }).attentionBias).toBe(true);
		expect(parseModelConfig({ ...qwen2_0_5B, tie_word_embeddings: false }).tieWordEmbeddings).toBe(false);
	});

	it('reads linear scaling under either key', () => {
		expect(
			parseModelConfig({
				...tinyLlama_1_1B,
				rope_scaling: { type: 'linear', factor: 4 }
			}).ropeScaling
		).toEqual({ type: 'linear', factor: 4 });
		expect(
			parseModelConfig({
				...tinyLlama_1_1B,
				rope_scaling: { rope_type: 'linear', factor: 2 }
			}).ropeScaling
		).toEqual({
			type: 'linear',
			factor: 2
		});
	});
});

describe('parseModelConfig refusals', () => {
	it('refuses other model types, naming them and the supported ones', () => {
		const error = refusal({ ...tinyLlama_1_1B, model_type: 'mistral' });
		expect(error.message).toMatch(/Model type 'mistral' is not supported: supported are 'llama' and 'qwen2'/);
		expect(error.field).toBe('model_type');
		expect(refusal({ ...tinyLlama_1_1B, model_type: undefined }).message).toMatch(/no model_type: supported are/);
		expect(refusal(null).message).toMatch(/not a JSON object/);
	});

	it('refuses activations other than silu', () => {
		expect(refusal({ ...tinyLlama_1_1B, hidden_act: 'gelu' }).message).toMatch(
			/hidden_act="gelu" is not supported: only 'silu'/
		);
	});

	it.each(['yarn', 'dynamic', 'longrope'])('refuses %s RoPE scaling', (type) => {
		const error = refusal({
			...tinyLlama_1_1B,
			rope_scaling: { rope_type: type, factor: 4 }
		});
		expect(error.message).toContain(`RoPE scaling type "${type}" is not supported: only 'linear' and 'llama3'`);
		expect(error.field).toBe('rope_scaling');
	});

	it('refuses an incomplete llama3 scaling', () => {
		const { low_freq_factor: _low, ...rest } = llama3_2_1B_instruct.rope_scaling;
		expect(refusal({ ...llama3_2_1B_instruct, rope_scaling: rest }).message).toMatch(/no rope_scaling.low_freq_factor/);
	});

	it('refuses heads that do not group', () => {
		const error = refusal({ ...smolLm2_135M, num_key_value_heads: 4 });
		expect(error.message).toMatch(/num_attention_heads \(9\) is not divisible by num_key_value_heads \(4\)/);
	});

	it.each([
		'vocab_size',
		'hidden_size',
		'intermediate_size',
		'num_hidden_layers',
		'num_attention_heads',
		'max_position_embeddings'
	])('refuses a missing or non-positive-integer %s, naming it', (field) => {
		const missing = refusal({ ...tinyLlama_1_1B, [field]: undefined });
		expect(missing.message).toContain(`The model config has no ${field}; it must be a positive integer`);
		expect(missing.field).toBe(field);
		expect(refusal({ ...tinyLlama_1_1B, [field]: 0 }).message).toContain(
			`${field} is 0; it must be a positive integer`
		);
		expect(refusal({ ...tinyLlama_1_1B, [field]: 2.5 }).message).toContain(`${field} is 2.5`);
		expect(refusal({ ...tinyLlama_1_1B, [field]: '32' }).message).toContain(`${field} is "32"`);
	});

	it('refuses bad optional integers and a head_dim it cannot derive', () => {
		expect(refusal({ ...tinyLlama_1_1B, num_key_value_heads: -4 }).field).toBe('num_key_value_heads');
		expect(refusal({ ...tinyLlama_1_1B, head_dim: 0 }).field).toBe('head_dim');
		expect(refusal({ ...tinyLlama_1_1B, hidden_size: 2047 }).message).toMatch(
			/hidden_size \(2047\) is not divisible by num_attention_heads \(32\)/
		);
		expect(refusal({ ...tinyLlama_1_1B, eos_token_id: [2, -1] }).field).toBe('eos_token_id');
	});

	it('refuses MLP biases', () => {
		expect(refusal({ ...llama3_2_1B_instruct, mlp_bias: true }).message).toMatch(/mlp_bias=true .* is not supported/);
	});

	it('refuses sliding-window attention for qwen2', () => {
		const error = refusal({ ...qwen2_0_5B, use_sliding_window: true });
		expect(error.message).toMatch(/use_sliding_window=true \(sliding-window attention\) is not supported/);
		expect(error.field).toBe('use_sliding_window');
	});
});
