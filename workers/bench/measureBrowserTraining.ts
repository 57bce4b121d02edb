// One browser measurement of ModelFactory training: LoRA steps at one model and batch shape on the jax-js backend
// already started (WebGPU or Wasm), with the trainer's own step (loraTrainStep over the jax forward, AdamW) and
// ModelFactory's default adapter (rank 8, alpha 16, q_proj and v_proj). It does what the Node half of the
// `modelfactory` bench does (src/cli/bench/modelFactoryMeasure.ts) step for step — the same seeded random tokens,
// every position a target, the same seeded weights for the 135M shape — so their timings divide into a ratio.
// (measureStepTime, the training worker's own estimate, averages its steps and frees its state, so it can give
// neither a median nor a trained state to checkpoint.) Never throws for a failed measurement: it says where it stopped.
import { blockUntilReady, tree } from '@jax-js/jax';
import type { HostTensor } from '../ml/core/hostTensor.ts';
import { loraScale } from '../ml/core/loraAdapter.ts';
import type { ModelConfig } from '../ml/core/modelConfig.ts';
import { classifyTrainingError } from '../ml/factory/classifyTrainingError.ts';
import { TrainingOutOfMemoryError } from '../ml/factory/errors.ts';
import { estimateTrainingMemory } from '../ml/factory/estimateTrainingMemory.ts';
import { adamwConfig, loraShape, MAX_GRAD_NORM } from '../ml/factory/fineTunePlan.ts';
import { DEFAULT_FINE_TUNE_SETTINGS, type FineTuneSettings } from '../ml/factory/fineTuneSettings.ts';
import { fetchModelFiles } from '../ml/model/fetchModelFiles.ts';
import { initializeWeights } from '../ml/model/initializeWeights.ts';
import { loadModelFiles } from '../ml/model/modelDirectory.ts';
import { seededRandom } from '../ml/random/seededRandom.ts';
import { adamwInit } from '../ml/training/adamw.ts';
import { initLoraAdapter } from '../ml/training/initLoraAdapter.ts';
import { jaxLoraFromAdapter, jaxWeightsFromHost } from '../ml/training/jaxForward.ts';
import { nextTokenBatch, toJaxBatch } from '../ml/training/loss.ts';
import { loraTrainStep, releaseTrainSteps, type LoraTrainState } from '../ml/training/trainStep.ts';
import { timeBrowserCheckpoint, type BrowserCheckpointTiming } from './browserCheckpointTiming.ts';
import type { TrainingMemoryProbe } from './trainingMemoryProbe.ts';

/** The jax-js backends a browser trains on. */
export type TrainingBackend = 'webgpu' | 'wasm';

/** The model of a measurement: the default model's folder at a URL, or a config trained from seeded weights. */
export type BrowserTrainingModel = { id: 'default'; url: string } | { id: 'smollm2-135m'; config: ModelConfig };

/** One measurement: LoRA steps on one model at one batch shape, on one backend, in a page of its own. */
export type BrowserTrainingJob = {
	backend: TrainingBackend;
	model: BrowserTrainingModel;
	batch: number;
	seq: number;
	/** Steps timed after the first (which compiles). */
	steps: number;
	/** Also time saving a checkpoint to IndexedDB and resuming from it. */
	checkpoint: boolean;
};

/** Where a measurement was when it stopped. */
export type TrainingPhase = 'start' | 'weights' | 'first step' | 'steps' | 'checkpoint';

/** What one browser job measured, or where and why it stopped (numbers it could not reach are 0). */
export type BrowserTrainingMeasurement = {
	parameters: number;
	loraParameters: number;
	/** Seconds to fetch (or make) the weights and copy them to the device. */
	weightsSeconds: number;
	/** estimateTrainingMemory's total for the job's shape, in bytes. */
	estimatedBytes: number;
	/** Peak size of jax's Wasm memory (Wasm backend; 0 on WebGPU, which makes none). */
	wasmBytes: number;
	/** Peak bytes of GPU buffers alive at once (WebGPU backend; 0 on Wasm). */
	gpuBufferBytes: number;
} & (
	| { ok: true; firstStepSeconds: number; stepSeconds: number[]; checkpoint?: BrowserCheckpointTiming }
	| { ok: false; phase: TrainingPhase; outOfMemory: boolean; timedOut: boolean; error: string }
);

/**
 * Runs `job` on the jax-js backend already started and default; never throws for a failed measurement.
 *
 * @example
 * const measurement = await measureBrowserTraining(job, probe, log);
 */
export async function measureBrowserTraining(
	job: BrowserTrainingJob,
	probe: TrainingMemoryProbe,
	log: (line: string) => void
): Promise<BrowserTrainingMeasurement> {
	const settings: FineTuneSettings = { ...DEFAULT_FINE_TUNE_SETTINGS, batchSize: job.batch, maxSeqLength: job.seq };
	const shape = loraShape(settings);
	const common = { parameters: 0, loraParameters: 0, weightsSeconds: 0, estimatedBytes: 0 };
	const memory = () => ({ wasmBytes: probe.wasmBytes(), gpuBufferBytes: probe.gpuBufferBytes() });
	let phase: TrainingPhase = 'weights';
	// Nothing is disposed on failure: the page is closed right after.
	try {
		let started = performance.now();
		const { config, weights } = await hostModel(job.model);
		common.parameters = [...weights.values()].reduce((sum, tensor) => sum + tensor.data.length, 0);
		const estimate = estimateTrainingMemory(config, settings, 4 * common.parameters);
		common.loraParameters = estimate.loraParameters;
		common.estimatedBytes = estimate.totalBytes;
		const base = jaxWeightsFromHost(config, weights);
		weights.clear();
		// Wait for the copies to the device (jax-js queues them), so that weight loading is not timed as a step.
		await blockUntilReady(base);
		common.weightsSeconds = (performance.now() - started) / 1000;
		log(`${(common.parameters / 1e6).toFixed(1)}M parameters ready in ${common.weightsSeconds.toFixed(1)} s`);

		const initial = initLoraAdapter(config, shape, settings.seed);
		const lora = jaxLoraFromAdapter(config, initial);
		const state: LoraTrainState = {
			settings: { config, loraScale: loraScale(shape) },
			base,
			lora,
			optimizer: adamwInit(lora)
		};
		const batch = toJaxBatch(nextTokenBatch(randomRows(config.vocabSize, job.batch, job.seq), 0));
		const options = { learningRate: settings.learningRate, maxGradNorm: MAX_GRAD_NORM, adamw: adamwConfig(settings) };
		const times: number[] = [];
		for (let step = 0; step <= job.steps; step++) {
			phase = step === 0 ? 'first step' : 'steps';
			started = performance.now();
			const { loss } = await loraTrainStep(state, batch, options);
			times.push((performance.now() - started) / 1000);
			log(`step ${step} ${times.at(-1)!.toFixed(2)} s, loss ${loss.toFixed(3)}`);
		}
		tree.dispose([batch.inputIds, batch.targets, batch.weights]);
		phase = 'checkpoint';
		const checkpoint = job.checkpoint
			? await timeBrowserCheckpoint(config, settings, initial, state, job.steps + 1)
			: undefined;
		releaseTrainSteps(state.settings);
		return {
			...common,
			...memory(),
			ok: true,
			firstStepSeconds: times[0]!,
			stepSeconds: times.slice(1),
			...(checkpoint ? { checkpoint } : {})
		};
	} catch (error) {
		const classified = classifyTrainingError(error, { settings });
		return {
			...common,
			...memory(),
			ok: false,
			phase,
			outOfMemory: classified instanceof TrainingOutOfMemoryError,
			timedOut: false,
			error: error instanceof Error ? error.message : String(error)
		};
	}
}

/** The job's model config and host weights: the default model's files, or seeded weights (as the Node half makes). */
async function hostModel(
	model: BrowserTrainingModel
): Promise<{ config: ModelConfig; weights: Map<string, HostTensor> }> {
	if (model.id === 'smollm2-135m')
		return { config: model.config, weights: initializeWeights(model.config, { seed: 135 }) };
	const files = await loadModelFiles(fetchModelFiles(model.url), { source: model.url });
	return { config: files.config, weights: files.weights };
}

/** `count` rows of `length` seeded token ids (the same rows as the Node half's for the same shape). */
function randomRows(vocabSize: number, count: number, length: number): number[][] {
	const random = seededRandom(count * 100_003 + length);
	return Array.from({ length: count }, () => Array.from({ length }, () => Math.floor(random.uniform() * vocabSize)));
}
