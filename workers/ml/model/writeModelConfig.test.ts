import { describe, expect, it } from 'vitest';
import { tinyLlamaConfig } from './fixtureModels.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { parseModelConfig } from './parseModelConfig.ts';
import { writeModelConfig } from './writeModelConfig.ts';

const llama: ModelConfig = tinyLlamaConfig;

const configs: Record<string, ModelConfig> = {
	'llama, tied, one eos, no bos': llama,
	'llama with bos, several eos, GQA, bias, linear rope': {
		...llama,
		bosTokenId: 1,
		eosTokenIds: [2, 7],
		numHeads: 8,
		numKeyValueHeads: 2,
		attentionBias: true,
		tieWordEmbeddings: false,
		ropeScaling: { type: 'linear', factor: 2 }
	},
	'llama3 rope scaling, no eos': {
		...llama,
		eosTokenIds: [],
		ropeTheta: 500000,
		ropeScaling: { type: 'llama3', factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: 16 }
	},
	'qwen2, untied, head_dim not hidden/heads': {
		...llama,
		modelType: 'qwen2',
		attentionBias: true,
		tieWordEmbeddings: false,
		ropeTheta: 1e6,
		headDim: 16,
		bosTokenId: 0
	}
};

describe('writeModelConfig', () => {
	for (const [label, config] of Object.entries(configs)) {
		it(`round-trips through parseModelConfig and JSON: ${label}`, () => {
			const json = writeModelConfig(config);
			expect(parseModelConfig(json)).toStrictEqual(config);
			expect(parseModelConfig(JSON.parse(JSON.stringify(json)))).toStrictEqual(config);
		});
	}

	it('writes the Hugging Face names transformers expects', () => {
		expect(writeModelConfig(configs['llama3 rope scaling, no eos']!)).toMatchObject({
			architectures: ['LlamaForCausalLM'],
			model_type: 'llama',
			hidden_act: 'silu',
			torch_dtype: 'float32',
			eos_token_id: null,
			rope_scaling: {
				rope_type: 'llama3',
				factor: 8,
				low_freq_factor: 1,
				high_freq_factor: 4,
				original_max_position_embeddings: 16
			}
		});
		expect(writeModelConfig(configs['qwen2, untied, head_dim not hidden/heads']!)).toMatchObject({
			architectures: ['Qwen2ForCausalLM'],
			model_type: 'qwen2',
			use_sliding_window: false,
			head_dim: 16,
			eos_token_id: 2
		});
	});
});
