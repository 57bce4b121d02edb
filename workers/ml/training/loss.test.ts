import { beforeAll, describe, expect, it } from 'vitest';
import { grad, numpy as np, tree } from '@jax-js/jax';
import type { HostTensor } from '../core/hostTensor.ts';
import { referenceLogits } from '../reference/referenceForward.ts';
import { loraModulePrefix, loraScale, type LoraAdapter } from '../core/loraAdapter.ts';
import { jaxForward, jaxLoraFromAdapter, jaxWeightsFromHost, type JaxLora } from './jaxForward.ts';
import {
	crossEntropyLoss,
	maskedTokenBatch,
	nextTokenBatch,
	referenceCrossEntropy,
	toJaxBatch,
	type TokenBatch
} from './loss.ts';
import { fixtureAdapter, fixtureConfigs, fixtureWeights } from '../model/fixtureModels.ts';
import { initJaxWasm } from './initJaxWasm.ts';

beforeAll(initJaxWasm);

// Rows of different lengths, so padding (id 0) and its zero weights are exercised.
const rows = [
	[1, 17, 42, 5, 63, 0, 9],
	[3, 60, 21, 8]
];

function referenceLoss(
	config: (typeof fixtureConfigs)[string],
	host: Map<string, HostTensor> | ReadonlyMap<string, HostTensor>,
	adapter: LoraAdapter,
	batch: TokenBatch
): number {
	const logits: number[] = [];
	for (let b = 0; b < batch.batchSize; b++) {
		const ids = [...batch.inputIds.subarray(b * batch.seqLength, (b + 1) * batch.seqLength)];
		logits.push(...referenceLogits(config, host, ids, { lora: adapter }));
	}
	return referenceCrossEntropy(logits, batch);
}

describe('nextTokenBatch', () => {
	it('right-pads and weights only real next tokens', () => {
		const batch = nextTokenBatch(
			[
				[1, 5, 9],
				[1, 7]
			],
			0
		);
		expect([...batch.inputIds]).toEqual([1, 5, 9, 1, 7, 0]);
		expect([...batch.targets]).toEqual([5, 9, 0, 7, 0, 0]);
		expect([...batch.weights]).toEqual([1, 1, 0, 1, 0, 0]);
		expect(batch.count).toBe(3);
	});

	it('refuses a batch with nothing to predict', () => {
		expect(() => nextTokenBatch([[4]], 0)).toThrow(/nothing to predict/);
	});
});

describe('maskedTokenBatch', () => {
	it('pads to the fixed shape and weights only the masked targets', () => {
		const batch = maskedTokenBatch(
			[
				{ tokenIds: [1, 5, 9, 2], lossMask: [0, 0, 1, 1] },
				{ tokenIds: [1, 7], lossMask: [0, 1] }
			],
			{ batchSize: 3, seqLength: 5 },
			0
		);
		expect([batch.batchSize, batch.seqLength, batch.count]).toEqual([3, 5, 3]);
		expect([...batch.inputIds]).toEqual([1, 5, 9, 2, 0, 1, 7, 0, 0, 0, 0, 0, 0, 0, 0]);
		expect([...batch.weights]).toEqual([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
		expect([...batch.targets.subarray(0, 3)]).toEqual([0, 9, 2]);
		expect(batch.targets[5]).toBe(7);
	});

	it('refuses rows that do not fit, masks of another length, and batches with no target', () => {
		const shape = { batchSize: 1, seqLength: 3 };
		expect(() => maskedTokenBatch([{ tokenIds: [1, 2, 3, 4], lossMask: [0, 1, 1, 1] }], shape, 0)).toThrow(/fit/);
		expect(() => maskedTokenBatch([{ tokenIds: [1, 2], lossMask: [0] }], shape, 0)).toThrow(/one entry per token/);
		expect(() => maskedTokenBatch([{ tokenIds: [1, 2], lossMask: [1, 0] }], shape, 0)).toThrow(/nothing to predict/);
		expect(() => maskedTokenBatch([{ tokenIds: [1, 2], lossMask: [0, 1] }], { batchSize: 0, seqLength: 3 }, 0)).toThrow(
			/do not fit a batch/
		);
	});
});

describe('crossEntropyLoss', () => {
	for (const [name, config] of Object.entries(fixtureConfigs)) {
		it(`LoRA gradients match float64 finite differences: ${name}`, async () => {
			const host = fixtureWeights(config, 21);
			const adapter = fixtureAdapter(config, 23, { targetModules: ['q_proj', 'v_proj', 'o_proj', 'down_proj'] });
			const batch = nextTokenBatch(rows, 0);
			const settings = { config, loraScale: loraScale(adapter) };
			const weights = jaxWeightsFromHost(config, host);
			const jb = toJaxBatch(batch);

			const lossOf = (lora: JaxLora) =>
				crossEntropyLoss(
					jaxForward(settings, tree.ref(weights), lora, jb.inputIds.ref),
					jb.targets.ref,
					jb.weights.ref
				);
			const value = (await lossOf(jaxLoraFromAdapter(config, adapter)).data())[0]!;
			const expectedValue = referenceLoss(config, host, adapter, batch);
			expect(Math.abs(value - expectedValue)).toBeLessThan(1e-5);

			const gradients = grad(lossOf)(jaxLoraFromAdapter(config, adapter));

			// Central differences of the float64 loss, on a few entries of A and B in each layer. The step is
			// the difference actually stored in float32, so rounding of the perturbed weight does not count.
			let worst = 0;
			for (let layer = 0; layer < config.numLayers; layer++) {
				for (const module of ['q_proj', 'down_proj'] as const) {
					for (const factor of ['a', 'b'] as const) {
						const name = `${loraModulePrefix(layer, module)}.lora_${factor.toUpperCase()}.weight`;
						const tensor = adapter.tensors.get(name)!;
						const analytic = (await gradients.layers[layer]![module]![factor].ref.data()) as Float32Array;
						for (const index of [0, Math.floor(tensor.data.length / 2), tensor.data.length - 1]) {
							const original = tensor.data[index]!;
							const h = 1e-3;
							tensor.data[index] = original + h;
							const plusValue = tensor.data[index]!;
							const plus = referenceLoss(config, host, adapter, batch);
							tensor.data[index] = original - h;
							const minusValue = tensor.data[index]!;
							const minus = referenceLoss(config, host, adapter, batch);
							tensor.data[index] = original;
							const numeric = (plus - minus) / (plusValue - minusValue);
							const relative = Math.abs(analytic[index]! - numeric) / Math.max(Math.abs(numeric), 1e-3);
							worst = Math.max(worst, relative);
						}
					}
				}
			}
			tree.dispose(gradients);
			tree.dispose(weights);
			tree.dispose([jb.inputIds, jb.targets, jb.weights]);
			console.log(
				`LoRA gradient check ${name}: worst relative error ${worst.toExponential(2)} (loss ${value.toFixed(6)})`
			);
			expect(worst).toBeLessThan(1e-3);
		});
	}
});
