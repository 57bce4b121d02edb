import { describe, expect, it } from 'vitest';
import { parseSafetensors, writeSafetensors } from '../formats/safetensors.ts';
import { seededRandom } from '../random/seededRandom.ts';
import { loraModulePrefix, loraScale } from '../core/loraAdapter.ts';
import { referenceLogits } from '../reference/referenceForward.ts';
import type { HostTensor } from '../core/hostTensor.ts';
import { initializeWeights } from './initializeWeights.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { AdapterMismatchError, parsePeftAdapter } from './parsePeftAdapter.ts';

const config: ModelConfig = {
	modelType: 'llama',
	vocabSize: 48,
	hiddenSize: 16,
	intermediateSize: 32,
	numLayers: 2,
	numHeads: 4,
	numKeyValueHeads: 2,
	headDim: 4,
	rmsNormEps: 1e-5,
	ropeTheta: 10_000,
	ropeScaling: { type: 'none' },
	maxPositionEmbeddings: 64,
	tieWordEmbeddings: true,
	attentionBias: false,
	eosTokenIds: [2]
};
const base = { config, modelId: 'provena/tiny-llama' };
const adapterConfig = {
	peft_type: 'LORA',
	task_type: 'CAUSAL_LM',
	base_model_name_or_path: 'provena/tiny-llama',
	r: 4,
	lora_alpha: 8,
	use_rslora: true,
	target_modules: ['q_proj', 'v_proj', 'down_proj'],
	layers_to_transform: [1],
	bias: 'none',
	fan_in_fan_out: false
};
const sizes = { q_proj: [16, 16], v_proj: [16, 8], down_proj: [32, 16] } as const;

/** An adapter written the way PEFT writes one, independently of the parser: BF16 safetensors. */
function peftFiles(seed: number, layers = [1]): Map<string, HostTensor> {
	const random = seededRandom(seed);
	const tensor = (rows: number, columns: number): HostTensor => ({
		shape: [rows, columns],
		data: Float32Array.from({ length: rows * columns }, () => random.normal() * 0.3)
	});
	const tensors = new Map<string, HostTensor>();
	for (const layer of layers)
		for (const [module, [input, output]] of Object.entries(sizes)) {
			const prefix = loraModulePrefix(layer, module as keyof typeof sizes);
			tensors.set(`${prefix}.lora_A.weight`, tensor(4, input));
			tensors.set(`${prefix}.lora_B.weight`, tensor(output, 4));
		}
	return parseSafetensors(writeSafetensors(tensors, { dtype: 'BF16' })).tensors;
}

/** W + scale · B·A, in float64 then rounded to float32 like any stored weight. */
function merged(weights: Map<string, HostTensor>, tensors: Map<string, HostTensor>, scale: number) {
	const result = new Map(weights);
	for (const [module, [input, output]] of Object.entries(sizes)) {
		const block = module === 'down_proj' ? 'mlp' : 'self_attn';
		const name = `model.layers.1.${block}.${module}.weight`;
		const w = weights.get(name)!;
		const a = tensors.get(`${loraModulePrefix(1, module as keyof typeof sizes)}.lora_A.weight`)!.data;
		const b = tensors.get(`${loraModulePrefix(1, module as keyof typeof sizes)}.lora_B.weight`)!.data;
		const data = new Float32Array(w.data.length);
		for (let o = 0; o < output; o++)
			for (let i = 0; i < input; i++) {
				let delta = 0;
				for (let r = 0; r < 4; r++) delta += b[o * 4 + r]! * a[r * input + i]!;
				data[o * input + i] = w.data[o * input + i]! + scale * delta;
			}
		result.set(name, { shape: w.shape, data });
	}
	return result;
}

describe('parsePeftAdapter', () => {
	it('loads a BF16 PEFT adapter whose logits equal the merged model', () => {
		const weights = initializeWeights(config, { seed: 5, std: 0.3, perturbNormsAndBiases: 0.1 });
		const tensors = peftFiles(11);
		const adapter = parsePeftAdapter(adapterConfig, tensors, base);
		expect(adapter).toMatchObject({ rank: 4, alpha: 8, useRsLora: true, layers: [1] });
		expect(adapter.targetModules).toEqual(['q_proj', 'v_proj', 'down_proj']);

		const tokens = [3, 17, 42, 8];
		const withAdapter = referenceLogits(config, weights, tokens, { lora: adapter });
		const mergedLogits = referenceLogits(config, merged(weights, tensors, loraScale(adapter)), tokens);
		const baseLogits = referenceLogits(config, weights, tokens);
		let maxError = 0;
		let maxShift = 0;
		for (let i = 0; i < withAdapter.length; i++) {
			maxError = Math.max(maxError, Math.abs(withAdapter[i]! - mergedLogits[i]!));
			maxShift = Math.max(maxShift, Math.abs(withAdapter[i]! - baseLogits[i]!));
		}
		// Merged weights are rounded to float32; the adapter path stays in float64.
		expect(maxError).toBeLessThan(1e-4);
		expect(maxShift).toBeGreaterThan(1e-2);
	});

	it('accepts a string target, a single layer index and a local path naming the same model', () => {
		const adapter = parsePeftAdapter(
			{
				...adapterConfig,
				target_modules: 'q_proj',
				layers_to_transform: 1,
				base_model_name_or_path: '/models/Tiny-Llama/'
			},
			new Map([...peftFiles(1)].filter(([name]) => name.includes('q_proj'))),
			base
		);
		expect(adapter.targetModules).toEqual(['q_proj']);
		expect(adapter.layers).toEqual([1]);
	});

	const refusals: [string, Record<string, unknown>, Map<string, HostTensor> | undefined, string, RegExp][] = [
		[
			'another base model',
			{ base_model_name_or_path: 'Qwen/Qwen2-0.5B' },
			undefined,
			'base_model_name_or_path',
			/trained on "Qwen\/Qwen2-0.5B"/
		],
		['a module it cannot adapt', { target_modules: ['q_proj', 'lm_head'] }, undefined, 'target_modules', /"lm_head"/],
		['a layer the model lacks', { layers_to_transform: [2] }, undefined, 'layers_to_transform', /layers 0…1/],
		['DoRA', { use_dora: true }, undefined, 'use_dora', /DoRA/],
		['trained biases', { bias: 'all' }, undefined, 'bias', /bias: "all"/],
		['per-module ranks', { rank_pattern: { q_proj: 8 } }, undefined, 'rank_pattern', /rank_pattern/],
		['saved modules', { modules_to_save: ['lm_head'] }, undefined, 'modules_to_save', /lm_head/],
		['a non-LoRA adapter', { peft_type: 'IA3' }, undefined, 'peft_type', /IA3/],
		['a bad rank', { r: 0 }, undefined, 'r', /positive integer/],
		[
			'a missing tensor',
			{},
			new Map([...peftFiles(1)].filter(([name]) => !name.includes('v_proj.lora_B'))),
			'base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight',
			/has no base_model\.model\.model\.layers\.1\.self_attn\.v_proj\.lora_B\.weight/
		],
		[
			'tensors for another model size',
			{},
			new Map(
				[...peftFiles(1)].map(([name, t]) => [
					name,
					name.includes('q_proj.lora_A') ? { shape: [4, 32], data: new Float32Array(128) } : t
				])
			),
			'base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight',
			/shape \[4, 32\], but this base model needs \[4, 16\]/
		],
		[
			'tensors its config does not describe',
			{ layers_to_transform: [1] },
			peftFiles(1, [0, 1]),
			'base_model.model.model.layers.0.mlp.down_proj.lora_A.weight',
			/does not describe/
		]
	];
	it.each(refusals)('refuses %s, naming it', (_, override, tensors, field, message) => {
		let error: unknown;
		try {
			parsePeftAdapter({ ...adapterConfig, ...override }, tensors ?? peftFiles(1), base);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(AdapterMismatchError);
		expect((error as AdapterMismatchError).field).toBe(field);
		expect((error as Error).message).toMatch(message);
	});
});
