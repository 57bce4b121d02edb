import { beforeAll, describe, expect, it } from 'vitest';
import { numpy as np, tree } from '@jax-js/jax';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { TensorMap } from '../core/hostTensor.ts';
import { referenceLogits } from '../reference/referenceForward.ts';
import { loraModulePrefix, loraScale, type LoraAdapter } from '../core/loraAdapter.ts';
import { jaxLoraFromAdapter, jaxWeightsFromHost, type JaxWeights } from './jaxForward.ts';
import { nextTokenBatch, referenceCrossEntropy, toJaxBatch, type TokenBatch } from './loss.ts';
import { adamwInit } from './adamw.ts';
import {
	fullLossAndGradients,
	fullTrainStep,
	loraLossAndGradients,
	loraTrainStep,
	NonFiniteStepError,
	releaseTrainSteps,
	type FullTrainState,
	type LoraTrainState
} from './trainStep.ts';
import { fixtureAdapter, fixtureConfigs, fixtureWeights } from '../model/fixtureModels.ts';
import { initJaxWasm } from './initJaxWasm.ts';
import { centralDifference, relativeError } from './finiteDifference.ts';

beforeAll(initJaxWasm);

// Rows of different lengths, so the right padding (id 0) and its zero weights take part.
const rows = [
	[1, 17, 42, 5, 63, 0, 9, 12],
	[3, 60, 21, 8, 44, 31]
];

function referenceLoss(config: ModelConfig, host: TensorMap, batch: TokenBatch, lora?: LoraAdapter): number {
	const logits: number[] = [];
	for (let b = 0; b < batch.batchSize; b++) {
		const ids = [...batch.inputIds.subarray(b * batch.seqLength, (b + 1) * batch.seqLength)];
		logits.push(...referenceLogits(config, host, ids, { lora }));
	}
	return referenceCrossEntropy(logits, batch);
}

describe('jitted loss and gradients', () => {
	for (const [name, config] of Object.entries(fixtureConfigs)) {
		it(`full gradients match float64 finite differences: ${name}`, async () => {
			const host = fixtureWeights(config, 41);
			const batch = nextTokenBatch(rows, 0);
			const settings = { config, loraScale: 0 };
			const weights = jaxWeightsFromHost(config, host);
			const jb = toJaxBatch(batch);
			const [lossArray, grads] = fullLossAndGradients(settings, weights, jb);
			const loss = (await lossArray.data())[0]!;
			expect(Math.abs(loss - referenceLoss(config, host, batch))).toBeLessThan(1e-5);

			// Entries of every kind of weight: the embedding (tied head included), norms, projections, biases, head.
			const probes: [string, (g: JaxWeights) => np.Array | undefined][] = [
				['model.embed_tokens.weight', (g) => g.embedding],
				['model.layers.0.input_layernorm.weight', (g) => g.layers[0]!.inputNorm],
				['model.layers.1.self_attn.k_proj.weight', (g) => g.layers[1]!.k],
				['model.layers.0.mlp.gate_proj.weight', (g) => g.layers[0]!.gate],
				['model.layers.1.post_attention_layernorm.weight', (g) => g.layers[1]!.postNorm],
				['model.norm.weight', (g) => g.norm],
				['model.layers.0.self_attn.q_proj.bias', (g) => g.layers[0]!.qBias],
				['lm_head.weight', (g) => g.lmHead]
			];
			let worst = 0;
			for (const [tensorName, pick] of probes) {
				const tensor = host.get(tensorName);
				const gradient = pick(grads);
				if (!tensor || !gradient) continue;
				const analytic = (await gradient.ref.data()) as Float32Array;
				// Embedding row 17 is an input token, row 2 appears nowhere (its gradient comes only via a tied head).
				const indices =
					tensorName === 'model.embed_tokens.weight'
						? [17 * config.hiddenSize + 3, 2 * config.hiddenSize + 5]
						: [0, Math.floor(tensor.data.length / 2), tensor.data.length - 1];
				for (const index of indices) {
					const numeric = centralDifference(tensor.data, index, () => referenceLoss(config, host, batch));
					worst = Math.max(worst, relativeError(analytic[index]!, numeric));
				}
			}
			console.log(`full gradient check (jit) ${name}: worst relative error ${worst.toExponential(2)}`);
			expect(worst).toBeLessThan(1e-3);
			tree.dispose([grads, weights, jb.inputIds, jb.targets, jb.weights]);
			releaseTrainSteps(settings);
		});

		it(`LoRA gradients match float64 finite differences: ${name}`, async () => {
			const host = fixtureWeights(config, 43);
			const adapter = fixtureAdapter(config, 47, { targetModules: ['k_proj', 'up_proj'] });
			const batch = nextTokenBatch(rows, 0);
			const settings = { config, loraScale: loraScale(adapter) };
			const base = jaxWeightsFromHost(config, host);
			const lora = jaxLoraFromAdapter(config, adapter);
			const jb = toJaxBatch(batch);
			const [lossArray, grads] = loraLossAndGradients(settings, base, lora, jb);
			const loss = (await lossArray.data())[0]!;
			expect(Math.abs(loss - referenceLoss(config, host, batch, adapter))).toBeLessThan(1e-5);
			let worst = 0;
			for (let layer = 0; layer < config.numLayers; layer++) {
				for (const module of ['k_proj', 'up_proj'] as const) {
					for (const factor of ['a', 'b'] as const) {
						const tensor = adapter.tensors.get(
							`${loraModulePrefix(layer, module)}.lora_${factor.toUpperCase()}.weight`
						)!;
						const analytic = (await grads.layers[layer]![module]![factor].ref.data()) as Float32Array;
						for (const index of [1, tensor.data.length - 2]) {
							const numeric = centralDifference(tensor.data, index, () => referenceLoss(config, host, batch, adapter));
							worst = Math.max(worst, relativeError(analytic[index]!, numeric));
						}
					}
				}
			}
			console.log(`LoRA gradient check (jit) ${name}: worst relative error ${worst.toExponential(2)}`);
			expect(worst).toBeLessThan(1e-3);
			tree.dispose([grads, base, lora, jb.inputIds, jb.targets, jb.weights]);
			releaseTrainSteps(settings);
		});
	}
});

describe('train steps', () => {
	const steps = 20;

	for (const [name, config] of Object.entries(fixtureConfigs)) {
		it(`loraTrainStep lowers the loss on a fixed batch: ${name}`, async () => {
			const adapter = fixtureAdapter(config, 31, { targetModules: ['q_proj', 'v_proj', 'down_proj'] });
			const lora = jaxLoraFromAdapter(config, adapter);
			const state: LoraTrainState = {
				settings: { config, loraScale: loraScale(adapter) },
				base: jaxWeightsFromHost(config, fixtureWeights(config, 29)),
				lora,
				optimizer: adamwInit(lora)
			};
			const batch = toJaxBatch(nextTokenBatch(rows, 0));
			const losses: number[] = [];
			let started = 0;
			for (let step = 0; step < steps; step++) {
				if (step === 1) started = performance.now(); // step 0 includes compilation
				losses.push((await loraTrainStep(state, batch, { learningRate: 1e-2, maxGradNorm: 1 })).loss);
			}
			const perStep = (performance.now() - started) / (steps - 1);
			console.log(
				`loraTrainStep ${name}: loss ${losses[0]!.toFixed(3)} → ${losses.at(-1)!.toFixed(3)}, ${perStep.toFixed(1)} ms/step`
			);
			expect(state.optimizer.step).toBe(steps);
			expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.7);
			tree.dispose([state.base, state.lora, state.optimizer.m, state.optimizer.v]);
			tree.dispose([batch.inputIds, batch.targets, batch.weights]);
			releaseTrainSteps(state.settings);
		});

		it(`fullTrainStep lowers the loss on a fixed batch: ${name}`, async () => {
			const weights = jaxWeightsFromHost(config, fixtureWeights(config, 29));
			const state: FullTrainState = { settings: { config, loraScale: 0 }, weights, optimizer: adamwInit(weights) };
			const batch = toJaxBatch(nextTokenBatch(rows, 0));
			const losses: number[] = [];
			const norms: number[] = [];
			let started = 0;
			for (let step = 0; step < steps; step++) {
				if (step === 1) started = performance.now();
				const result = await fullTrainStep(state, batch, { learningRate: 1e-2, maxGradNorm: 1 });
				losses.push(result.loss);
				norms.push(result.gradNorm);
			}
			const perStep = (performance.now() - started) / (steps - 1);
			console.log(
				`fullTrainStep ${name}: loss ${losses[0]!.toFixed(3)} → ${losses.at(-1)!.toFixed(3)}, ${perStep.toFixed(1)} ms/step`
			);
			expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.5);
			expect(norms.every((norm) => Number.isFinite(norm) && norm > 0)).toBe(true);
			tree.dispose([state.weights, state.optimizer.m, state.optimizer.v]);
			tree.dispose([batch.inputIds, batch.targets, batch.weights]);
			releaseTrainSteps(state.settings);
		});
	}
});

describe('stopOnNonFinite', () => {
	it('throws before updating when the loss is NaN, leaving the adapter and AdamW as they were', async () => {
		const config = fixtureConfigs['Qwen2-like, biases, untied head']!;
		const host = new Map(fixtureWeights(config, 29));
		const embedding = host.get('model.embed_tokens.weight')!;
		const poisoned = new Float32Array(embedding.data);
		poisoned.fill(NaN, 17 * config.hiddenSize, 18 * config.hiddenSize); // token 17 is in rows[0]
		host.set('model.embed_tokens.weight', { shape: embedding.shape, data: poisoned });
		const adapter = fixtureAdapter(config, 31, { targetModules: ['q_proj', 'v_proj'] });
		const lora = jaxLoraFromAdapter(config, adapter);
		const state: LoraTrainState = {
			settings: { config, loraScale: loraScale(adapter) },
			base: jaxWeightsFromHost(config, host),
			lora,
			optimizer: adamwInit(lora)
		};
		const batch = toJaxBatch(nextTokenBatch(rows, 0));
		const before = state.lora;
		const error = await loraTrainStep(state, batch, { learningRate: 1e-2, stopOnNonFinite: true }).catch((e) => e);
		expect(error).toBeInstanceOf(NonFiniteStepError);
		expect(Number.isNaN(error.loss)).toBe(true);
		expect(state.lora).toBe(before);
		expect(state.optimizer.step).toBe(0);
		const a = (await state.lora.layers[0]!.q_proj!.a.ref.data()) as Float32Array;
		expect(a.every(Number.isFinite)).toBe(true);
		tree.dispose([state.base, state.lora, state.optimizer.m, state.optimizer.v]);
		tree.dispose([batch.inputIds, batch.targets, batch.weights]);
		releaseTrainSteps(state.settings);
	});
});
