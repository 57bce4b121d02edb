// An example's flattened LoRA gradient is the trainer's gradient, in the documented order, whatever the padding.
import { beforeAll, describe, expect, it } from 'vitest';
import { tree } from '@jax-js/jax';
import { loraScale } from '../core/loraAdapter.ts';
import { fixtureAdapter, fixtureWeights, tinyLlamaConfig } from '../model/fixtureModels.ts';
import { initJaxWasm } from '../training/initJaxWasm.ts';
import { jaxLoraFromAdapter, jaxWeightsFromHost } from '../training/jaxForward.ts';
import { maskedTokenBatch, toJaxBatch } from '../training/loss.ts';
import { loraLossAndGradients, releaseTrainSteps } from '../training/trainStep.ts';
import { flattenLora, LENGTH_BUCKET, loraExampleGradient, loraParameterCount } from './exampleGradient.ts';

beforeAll(initJaxWasm);

const config = tinyLlamaConfig;
const adapter = fixtureAdapter(config, 5, { targetModules: ['q_proj', 'v_proj'] });
const model = () => ({
	settings: { config, loraScale: loraScale(adapter) },
	base: jaxWeightsFromHost(config, fixtureWeights(config, 3)),
	lora: jaxLoraFromAdapter(config, adapter)
});
const example = { tokenIds: [1, 17, 42, 5, 63, 9, 12], lossMask: [0, 0, 0, 1, 1, 1, 1] };

describe('loraExampleGradient', () => {
	it('is the trainer’s LoRA gradient, layers in order, q before v, A before B', async () => {
		const m = model();
		const gradient = await loraExampleGradient(m, example);
		expect(gradient.length).toBe(loraParameterCount(m.lora));
		const batch = toJaxBatch(maskedTokenBatch([example], { batchSize: 1, seqLength: example.tokenIds.length }, 0));
		const [loss, grads] = loraLossAndGradients(m.settings, m.base, m.lora, batch);
		loss.dispose();
		const expected: number[] = [];
		for (const layer of grads.layers)
			for (const module of ['q_proj', 'v_proj'] as const)
				for (const factor of ['a', 'b'] as const)
					expected.push(...((await layer[module]![factor].ref.data()) as Float32Array));
		// Padding to the length bucket adds positions of weight 0: the same gradient, to float rounding.
		expect(example.tokenIds.length).toBeLessThan(LENGTH_BUCKET);
		const worst = Math.max(
			...[...gradient].map((value, i) => Math.abs(value - expected[i]!) / Math.max(1, Math.abs(expected[i]!)))
		);
		expect(worst).toBeLessThan(1e-5);
		expect(gradient.some((value) => value !== 0)).toBe(true);
		tree.dispose([grads, m.base, m.lora, batch.inputIds, batch.targets, batch.weights]);
		releaseTrainSteps(m.settings);
	});

	it('gives the same vector on every call, a zero one without targets, and refuses a mask of another length', async () => {
		const m = model();
		const first = await loraExampleGradient(m, example);
		expect(await loraExampleGradient(m, example)).toEqual(first);
		const none = await loraExampleGradient(m, { tokenIds: [1, 2, 3], lossMask: [1, 0, 0] });
		expect(none.length).toBe(first.length);
		expect(none.every((value) => value === 0)).toBe(true);
		await expect(loraExampleGradient(m, { tokenIds: [1, 2], lossMask: [1] })).rejects.toThrow(
			'2 tokens but 1 loss-mask entries'
		);
		expect((await flattenLora(tree.ref(m.lora))).length).toBe(first.length);
		tree.dispose([m.base, m.lora]);
		releaseTrainSteps(m.settings);
	});
});
