import { beforeAll, describe, expect, it } from 'vitest';
import { tree } from '@jax-js/jax';
import { parseSafetensors } from '../formats/safetensors.ts';
import { fixtureAdapter, fixtureConfigs, fixtureWeights } from '../model/fixtureModels.ts';
import { parsePeftAdapter } from '../model/parsePeftAdapter.ts';
import { loraModulePrefix } from '../core/loraAdapter.ts';
import { hostAdapterFromJax, hostWeightsFromJax, peftAdapterFiles } from './exportPeftAdapter.ts';
import { initLoraAdapter } from './initLoraAdapter.ts';
import { jaxLoraFromAdapter, jaxWeightsFromHost } from './jaxForward.ts';
import { initJaxWasm } from './initJaxWasm.ts';

beforeAll(initJaxWasm);

describe('hostWeightsFromJax', () => {
	for (const [name, config] of Object.entries(fixtureConfigs)) {
		it(`gives back every tensor bit for bit: ${name}`, async () => {
			const host = fixtureWeights(config, 13);
			const weights = jaxWeightsFromHost(config, host);
			const back = await hostWeightsFromJax(config, weights);
			expect([...back.keys()].sort()).toEqual([...host.keys()].sort());
			for (const [tensorName, tensor] of host) {
				expect(back.get(tensorName)!.shape).toEqual(tensor.shape);
				expect(back.get(tensorName)!.data).toEqual(tensor.data);
			}
			// Not consumed: the jax weights are still usable.
			expect((await weights.norm.ref.data()).length).toBe(config.hiddenSize);
			tree.dispose(weights);
		});
	}
});

describe('PEFT export', () => {
	const config = fixtureConfigs['GQA (8 heads, 2 kv heads)']!;
	const shapes = [
		{
			rank: 4,
			alpha: 8,
			useRsLora: false,
			targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']
		},
		{ rank: 4, alpha: 16, useRsLora: true, targetModules: ['v_proj', 'q_proj'] },
		{ rank: 2, alpha: 4, useRsLora: false, targetModules: ['down_proj'], layers: [1] }
	] as const;
	for (const shape of shapes) {
		it(`round-trips through adapter_config.json and safetensors: ${JSON.stringify(shape)}`, async () => {
			const adapter = fixtureAdapter(config, 17, shape);
			const jaxLora = jaxLoraFromAdapter(config, adapter);
			const exported = await hostAdapterFromJax(jaxLora, adapter);
			tree.dispose(jaxLora);
			const { adapterConfig, safetensors } = peftAdapterFiles(exported, 'provena/fixture');
			const json = JSON.parse(JSON.stringify(adapterConfig));
			expect(json).toMatchObject({
				peft_type: 'LORA',
				task_type: 'CAUSAL_LM',
				base_model_name_or_path: 'provena/fixture',
				r: shape.rank,
				lora_alpha: shape.alpha,
				use_rslora: shape.useRsLora,
				layers_to_transform: 'layers' in shape ? shape.layers : null
			});
			const parsed = parsePeftAdapter(json, parseSafetensors(safetensors).tensors, {
				config,
				modelId: 'provena/fixture'
			});
			expect(new Set(parsed.targetModules)).toEqual(new Set(shape.targetModules));
			expect(parsed.layers).toEqual('layers' in shape ? shape.layers : undefined);
			expect([...parsed.tensors.keys()].sort()).toEqual([...adapter.tensors.keys()].sort());
			for (const [name, tensor] of adapter.tensors) expect(parsed.tensors.get(name)!.data).toEqual(tensor.data);
			expect(parsed.tensors.has(`${loraModulePrefix(1, shape.targetModules[0])}.lora_A.weight`)).toBe(true);
		});
	}
});

describe('initLoraAdapter', () => {
	it('starts at the base model (B = 0) with bounded A, the same for a seed', () => {
		const config = fixtureConfigs['llama, tied embeddings']!;
		const shape = { rank: 4, alpha: 8, useRsLora: false, targetModules: ['up_proj', 'q_proj'] as const, layers: [0] };
		const adapter = initLoraAdapter(config, shape, 3);
		expect(adapter.targetModules).toEqual(['q_proj', 'up_proj']);
		expect([...adapter.tensors.keys()]).toHaveLength(4);
		const a = adapter.tensors.get(`${loraModulePrefix(0, 'q_proj')}.lora_A.weight`)!;
		const b = adapter.tensors.get(`${loraModulePrefix(0, 'q_proj')}.lora_B.weight`)!;
		expect(a.shape).toEqual([4, config.hiddenSize]);
		expect(b.shape).toEqual([config.numHeads * config.headDim, 4]);
		expect(b.data.every((v) => v === 0)).toBe(true);
		expect(a.data.every((v) => Math.abs(v) <= 1 / Math.sqrt(config.hiddenSize))).toBe(true);
		expect(
			initLoraAdapter(config, shape, 3).tensors.get(`${loraModulePrefix(0, 'q_proj')}.lora_A.weight`)!.data
		).toEqual(a.data);
	});
});
