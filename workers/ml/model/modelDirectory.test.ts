import { describe, expect, it } from 'vitest';
import { writeSafetensors } from '../formats/safetensors.ts';
import { loraModulePrefix } from '../core/loraAdapter.ts';
import type { HostTensor } from '../core/hostTensor.ts';
import { initializeWeights } from './initializeWeights.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { loadAdapterFiles, loadModelFiles, ModelDirectoryError, stopTokenIds } from './modelDirectory.ts';
import { AdapterMismatchError } from './parsePeftAdapter.ts';
import { writeModelConfig } from './writeModelConfig.ts';
import { NonFiniteWeightsError } from './checkFiniteWeights.ts';
import { TokenizerMismatchError } from '../tokenizer/checkTokenizerFitsModel.ts';
import { tokenizerJson } from '../tokenizer/tokenizerJson.ts';
import { trainBpe } from '../tokenizer/trainBpe.ts';
import { rejectionOf } from '../../testing/rejectionOf.ts';
import { tinyLlamaConfig } from './fixtureModels.ts';

const config: ModelConfig = { ...tinyLlamaConfig, tieWordEmbeddings: false };
const weights = initializeWeights(config, { seed: 3 });
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function reader(files: Record<string, Uint8Array>) {
	return async (name: string) => files[name];
}

function modelFiles(overrides: Record<string, Uint8Array | undefined> = {}): Record<string, Uint8Array> {
	const files: Record<string, Uint8Array | undefined> = {
		'config.json': json({ ...writeModelConfig(config), _name_or_path: 'org/tiny' }),
		'model.safetensors': writeSafetensors(weights),
		'generation_config.json': json({ eos_token_id: [2, 5] }),
		...overrides
	};
	return Object.fromEntries(Object.entries(files).filter(([, v]) => v)) as Record<string, Uint8Array>;
}


describe('loadModelFiles', () => {
	it('loads the config, weights and optional files', async () => {
		const files = await loadModelFiles(reader(modelFiles()), { source: 'models/tiny' });
		expect(files.config).toStrictEqual(config);
		expect(files.modelId).toBe('org/tiny');
		expect(files.weights.get('lm_head.weight')!.data).toStrictEqual(weights.get('lm_head.weight')!.data);
		expect(files.tokenizerJson).toBeUndefined();
		expect(stopTokenIds(files.config, files.generationConfig)).toStrictEqual([2, 5]);
	});

	it('names a missing file, malformed JSON and an unsupported config', async () => {
		const missing = await rejectionOf(
			loadModelFiles(reader(modelFiles({ 'model.safetensors': undefined })), { source: 'd' })
		);
		expect(missing).toBeInstanceOf(ModelDirectoryError);
		expect(missing.message).toContain('model.safetensors is missing from d');
		const malformed = await rejectionOf(loadModelFiles(reader(modelFiles({ 'tokenizer.json': json('x').subarray(1) }))));
		expect(malformed.message).toMatch(/tokenizer\.json .* not valid JSON/);
		const gpt2 = await rejectionOf(loadModelFiles(reader(modelFiles({ 'config.json': json({ model_type: 'gpt2' }) }))));
		expect(gpt2.message).toMatch(/config\.json .*'gpt2' is not supported/);
	});

	it('names a missing or misshapen tensor', async () => {
		const without = new Map(weights);
		without.delete('model.layers.1.mlp.up_proj.weight');
		const missing = await rejectionOf(
			loadModelFiles(reader(modelFiles({ 'model.safetensors': writeSafetensors(without) })))
		);
		expect(missing.message).toContain('has no model.layers.1.mlp.up_proj.weight');
		const wrong = new Map(weights);
		wrong.set('model.norm.weight', { shape: [16], data: new Float32Array(16) });
		const shape = await rejectionOf(loadModelFiles(reader(modelFiles({ 'model.safetensors': writeSafetensors(wrong) }))));
		expect(shape.message).toContain('model.norm.weight');
		expect(shape.message).toContain('[16]');
	});
});

describe('loadModelFiles refuses bad input', () => {
	it('a truncated model.safetensors, naming the file and saying to download it again', async () => {
		const bytes = writeSafetensors(weights);
		for (const cut of [bytes.subarray(0, 5), bytes.subarray(0, 40), bytes.subarray(0, bytes.length - 100)]) {
			const error = await rejectionOf(
				loadModelFiles(reader(modelFiles({ 'model.safetensors': cut })), { source: 'https://host/tiny' })
			);
			expect(error).toBeInstanceOf(ModelDirectoryError);
			expect((error as ModelDirectoryError).file).toBe('model.safetensors');
			expect(error.message).toContain('model.safetensors in https://host/tiny:');
			expect(error.message).toMatch(/truncated/);
			expect(error.message).toMatch(/download or export it again/);
		}
	});

	it('a config.json that is not JSON', async () => {
		const error = await rejectionOf(
			loadModelFiles(reader(modelFiles({ 'config.json': new TextEncoder().encode('<!doctype html>') })), {
				source: 'd'
			})
		);
		expect(error).toBeInstanceOf(ModelDirectoryError);
		expect(error.message).toContain('config.json in d is not valid JSON.');
	});

	it('NaN or Infinity in a weight, naming the tensor, the first index and the count', async () => {
		const poisoned = new Map(weights);
		const data = Float32Array.from(weights.get('model.layers.1.self_attn.k_proj.weight')!.data);
		data[40] = NaN;
		data[41] = -Infinity;
		poisoned.set('model.layers.1.self_attn.k_proj.weight', { shape: [32, 32], data });
		const error = await rejectionOf(
			loadModelFiles(reader(modelFiles({ 'model.safetensors': writeSafetensors(poisoned) })), { source: 'd' })
		);
		expect(error).toBeInstanceOf(NonFiniteWeightsError);
		expect(error.message).toContain(
			'model.layers.1.self_attn.k_proj.weight in d/model.safetensors holds 2 non-finite values; the first is NaN at index 40'
		);
	});

	it('a tokenizer.json whose ids reach past vocab_size, before reading the weights', async () => {
		const specialTokens = ['<|endoftext|>'];
		const trained = trainBpe(['the cat sat on the mat'], { vocabSize: 270, specialTokens });
		const tokenizer = tokenizerJson(trained, { specialTokens });
		const read: string[] = [];
		const files = modelFiles({
			'tokenizer.json': json(tokenizer.tokenizerJson),
			'tokenizer_config.json': json(tokenizer.tokenizerConfig)
		});
		const error = await rejectionOf(loadModelFiles(async (name) => (read.push(name), files[name]), { source: 'd' }));
		expect(error).toBeInstanceOf(TokenizerMismatchError);
		expect(error.message).toContain(`token ids up to ${trained.vocab.size - 1}`);
		expect(error.message).toContain("the model's vocabulary has 64 ids");
		expect(read).not.toContain('model.safetensors');
	});
});

describe('loadAdapterFiles', () => {
	const tensors = new Map<string, HostTensor>();
	for (let layer = 0; layer < 2; layer++) {
		tensors.set(`${loraModulePrefix(layer, 'q_proj')}.lora_A.weight`, {
			shape: [2, 32],
			data: new Float32Array(64).fill(0.5)
		});
		tensors.set(`${loraModulePrefix(layer, 'q_proj')}.lora_B.weight`, {
			shape: [32, 2],
			data: new Float32Array(64).fill(0.25)
		});
	}
	const adapterConfig = {
		peft_type: 'LORA',
		r: 2,
		lora_alpha: 4,
		target_modules: ['q_proj'],
		base_model_name_or_path: 'org/tiny'
	};

	it('loads a PEFT adapter (BF16) for its base', async () => {
		const adapter = await loadAdapterFiles(
			reader({
				'adapter_config.json': json(adapterConfig),
				'adapter_model.safetensors': writeSafetensors(tensors, { dtype: 'BF16' })
			}),
			{ config, modelId: 'org/tiny' }
		);
		expect(adapter).toMatchObject({ rank: 2, alpha: 4, targetModules: ['q_proj'] });
		expect(adapter.tensors.get(`${loraModulePrefix(0, 'q_proj')}.lora_B.weight`)!.data[0]).toBe(0.25);
	});

	it('refuses a missing file and another base model', async () => {
		const missing = await rejectionOf(
			loadAdapterFiles(reader({ 'adapter_config.json': json(adapterConfig) }), { config }, { source: 'a' })
		);
		expect(missing.message).toContain('adapter_model.safetensors is missing from a');
		const other = await rejectionOf(
			loadAdapterFiles(
				reader({ 'adapter_config.json': json(adapterConfig), 'adapter_model.safetensors': writeSafetensors(tensors) }),
				{ config, modelId: 'org/other' }
			)
		);
		expect(other).toBeInstanceOf(AdapterMismatchError);
		expect(other.message).toContain(
			'The adapter was trained on "org/tiny", not on "org/other". Load it onto that base model.'
		);
	});

	it('refuses NaN in an adapter tensor, naming it', async () => {
		const poisoned = new Map(tensors);
		const name = `${loraModulePrefix(1, 'q_proj')}.lora_B.weight`;
		const data = new Float32Array(64).fill(0.25);
		data[63] = Infinity;
		poisoned.set(name, { shape: [32, 2], data });
		const error = await rejectionOf(
			loadAdapterFiles(
				reader({ 'adapter_config.json': json(adapterConfig), 'adapter_model.safetensors': writeSafetensors(poisoned) }),
				{ config },
				{ source: 'a' }
			)
		);
		expect(error).toBeInstanceOf(NonFiniteWeightsError);
		expect(error.message).toContain(
			`${name} in a/adapter_model.safetensors holds 1 non-finite value; the first is Infinity at index 63`
		);
	});
});
