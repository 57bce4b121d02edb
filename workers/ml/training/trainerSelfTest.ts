// The trainer's self-test: on whatever backend jax-js runs now (WebGPU in a browser worker, Wasm in Node or as
// the fallback), it checks the three facts training rests on against the float64 reference, for two fixtures
// (GQA, and Qwen2-like with biases and an untied head), each with a LoRA adapter on every module:
//   logits    jaxForward's logits equal referenceLogits (max absolute error);
//   gradients LoRA gradients from the jitted step equal central finite differences of the float64 reference
//             loss at seeded coordinates (worst relative error; differencing float32 jax would drown in rounding);
//   training  a few loraTrainStep calls on one fixed batch lower the loss.
// Every jax array it makes is freed before it returns, so it can run again and again in a long-lived worker.
import { defaultDevice, numpy as np, tree, type Device } from '@jax-js/jax';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { TensorMap } from '../core/hostTensor.ts';
import { fixtureAdapter, fixtureConfigs, fixtureWeights, maxAbsDifference } from '../model/fixtureModels.ts';
import { seededRandom } from '../random/seededRandom.ts';
import { referenceLogits } from '../reference/referenceForward.ts';
import { loraModulePrefix, loraScale, type LoraAdapter } from '../core/loraAdapter.ts';
import { adamwInit } from './adamw.ts';
import { jaxForward, jaxLoraFromAdapter, jaxWeightsFromHost, type JaxForwardSettings } from './jaxForward.ts';
import { nextTokenBatch, referenceCrossEntropy, toJaxBatch, type TokenBatch } from './loss.ts';
import { loraLossAndGradients, loraTrainStep, releaseTrainSteps, type LoraTrainState } from './trainStep.ts';
import { centralDifference, relativeError } from './finiteDifference.ts';

/** One check of one fixture: the figure measured and the bound it must stay below. */
export type TrainerCheck = {
	kind: 'logits' | 'gradients' | 'training';
	fixture: string;
	/** Max |logit error|, worst relative gradient error, or last loss / first loss. */
	value: number;
	/** The check passes when value < tolerance (NaN fails). */
	tolerance: number;
	passed: boolean;
};

/** What one fixture gave, with the raw numbers behind its checks. */
export type TrainerFixtureResult = {
	fixture: string;
	/** The loss of each training step, before its update. */
	losses: number[];
	/** Wall time of each training step, milliseconds; the first includes compiling the step. */
	stepMs: number[];
	/** How many gradient entries were compared with finite differences. */
	gradientsChecked: number;
	/** |jax loss − float64 reference loss| on the batch. */
	lossError: number;
};

/** What {@link runTrainerSelfTest} found. */
export type TrainerSelfTestResult = {
	backend: Device;
	/** Why WebGPU was not used, when the caller fell back (filled in by the worker). */
	fallbackReason?: string;
	checks: TrainerCheck[];
	fixtures: TrainerFixtureResult[];
	passed: boolean;
	totalMs: number;
};

/**
 * The bounds, ~10× above what was measured (Wasm in Node and Chromium, WebGPU on SwiftShader). Logits: float32
 * through 2 layers of std-0.3 weights, ≤4.3e-6 off on Wasm and ≤8.3e-6 on WebGPU. Gradients: relative to
 * max(|numeric|, 1e-3), so near-zero entries are judged absolutely; ≤1.2e-5 on both. Training: the loss must fall
 * by 10% in four steps; it fell to 0.39 and 0.52 of its first value.
 */
export const TRAINER_TOLERANCES = { logits: 1e-4, gradients: 1e-3, training: 0.9 } as const;

/** The fixtures checked: GQA, and Qwen2-like with q/k/v biases and an untied head. */
export const TRAINER_SELF_TEST_FIXTURES = ['GQA (8 heads, 2 kv heads)', 'Qwen2-like, biases, untied head'] as const;

// Rows of different lengths, so right padding and its zero loss weights take part.
const rows = [
	[1, 17, 42, 5, 63, 0, 9, 12],
	[3, 60, 21, 8, 44, 31]
];
const trainingSteps = 4;
const gradientProbes = 6;
const learningRate = 1e-2;

/**
 * Runs the self-test on jax-js's current default device; resolves even when a check fails (see `passed`).
 *
 * @example
 * await init('wasm'); defaultDevice('wasm');
 * const { passed, checks } = await runTrainerSelfTest();
 */
export async function runTrainerSelfTest(signal?: AbortSignal): Promise<TrainerSelfTestResult> {
	const started = performance.now();
	const checks: TrainerCheck[] = [];
	const fixtures: TrainerFixtureResult[] = [];
	for (const [index, fixture] of TRAINER_SELF_TEST_FIXTURES.entries()) {
		signal?.throwIfAborted();
		const result = await checkFixture(fixture, fixtureConfigs[fixture]!, 1000 + index, signal);
		checks.push(...result.checks);
		fixtures.push(result.fixture);
	}
	return {
		backend: defaultDevice(),
		checks,
		fixtures,
		passed: checks.every((check) => check.passed),
		totalMs: Math.round(performance.now() - started)
	};
}

async function checkFixture(name: string, config: ModelConfig, seed: number, signal: AbortSignal | undefined) {
	const host = fixtureWeights(config, seed);
	const adapter = fixtureAdapter(config, seed + 1);
	const batch = nextTokenBatch(rows, 0);
	const settings: JaxForwardSettings = { config, loraScale: loraScale(adapter) };
	const base = jaxWeightsFromHost(config, host);
	const lora = jaxLoraFromAdapter(config, adapter);
	const jaxBatch = toJaxBatch(batch);
	const check = (kind: TrainerCheck['kind'], value: number): TrainerCheck => {
		const tolerance = TRAINER_TOLERANCES[kind];
		return { kind, fixture: name, value, tolerance, passed: value < tolerance };
	};
	try {
		// Logits of every position of the padded batch, pad tokens included: the reference sees the same rows.
		const logits = jaxForward(settings, tree.ref(base), tree.ref(lora), jaxBatch.inputIds.ref);
		const actual = (await logits.data()) as Float32Array;
		const logitsError = nanAware(maxAbsDifference(actual, referenceBatchLogits(config, host, batch, adapter)));
		signal?.throwIfAborted();

		const [lossArray, grads] = loraLossAndGradients(settings, base, lora, jaxBatch);
		const loss = (await lossArray.data())[0]!;
		const lossError = Math.abs(loss - referenceLoss(config, host, batch, adapter));
		const random = seededRandom(seed + 2);
		let gradientError = 0;
		try {
			for (let probe = 0; probe < gradientProbes; probe++) {
				const layer = Math.floor(random.uniform() * config.numLayers);
				const module = adapter.targetModules[Math.floor(random.uniform() * adapter.targetModules.length)]!;
				const factor = random.uniform() < 0.5 ? 'a' : 'b';
				const tensor = adapter.tensors.get(`${loraModulePrefix(layer, module)}.lora_${factor.toUpperCase()}.weight`)!;
				const entry = Math.floor(random.uniform() * tensor.data.length);
				const analytic = ((await grads.layers[layer]![module]![factor].ref.data()) as Float32Array)[entry]!;
				const numeric = centralDifference(tensor.data, entry, () => referenceLoss(config, host, batch, adapter));
				gradientError = Math.max(gradientError, nanAware(relativeError(analytic, numeric)));
			}
		} finally {
			tree.dispose(grads);
		}
		signal?.throwIfAborted();

		// Training owns copies of the adapter (trainStep replaces state.lora and the moments every step).
		const state: LoraTrainState = { settings, base, lora: tree.ref(lora), optimizer: adamwInit(lora) };
		const losses: number[] = [];
		const stepMs: number[] = [];
		try {
			for (let step = 0; step < trainingSteps; step++) {
				signal?.throwIfAborted();
				const stepStarted = performance.now();
				losses.push((await loraTrainStep(state, jaxBatch, { learningRate, maxGradNorm: 1 })).loss);
				stepMs.push(Math.round(performance.now() - stepStarted));
			}
		} finally {
			tree.dispose([state.lora, state.optimizer.m, state.optimizer.v]);
		}
		const ratio = losses.every(Number.isFinite) ? losses.at(-1)! / losses[0]! : Number.NaN;
		return {
			checks: [check('logits', logitsError), check('gradients', gradientError), check('training', ratio)],
			fixture: { fixture: name, losses, stepMs, gradientsChecked: gradientProbes, lossError }
		};
	} finally {
		tree.dispose([base, lora, jaxBatch.inputIds, jaxBatch.targets, jaxBatch.weights]);
		releaseTrainSteps(settings);
	}
}

/** Reference logits of each padded row, concatenated as the jax forward lays them out ([B·T × V]). */
function referenceBatchLogits(config: ModelConfig, host: TensorMap, batch: TokenBatch, lora: LoraAdapter) {
	const out = new Float64Array(batch.batchSize * batch.seqLength * config.vocabSize);
	for (let b = 0; b < batch.batchSize; b++) {
		const ids = [...batch.inputIds.subarray(b * batch.seqLength, (b + 1) * batch.seqLength)];
		out.set(referenceLogits(config, host, ids, { lora }), b * batch.seqLength * config.vocabSize);
	}
	return out;
}

function referenceLoss(config: ModelConfig, host: TensorMap, batch: TokenBatch, lora: LoraAdapter): number {
	return referenceCrossEntropy(referenceBatchLogits(config, host, batch, lora), batch);
}

// NaN must fail a check, not vanish in Math.max or compare false against the bound.
const nanAware = (value: number) => (Number.isNaN(value) ? Number.POSITIVE_INFINITY : value);
