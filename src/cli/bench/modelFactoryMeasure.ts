// One `modelfactory` bench measurement: LoRA training steps with the trainer's own primitives (loraTrainStep over
// the jax forward, AdamW) on jax-js Wasm, at one model and batch shape, with ModelFactory's default adapter (rank 8,
// alpha 16, q_proj and v_proj). The default model trains from its shipped weights; the 135M shape from seeded
// weights made here (nothing is downloaded). The batch is seeded random tokens, every position a target, so a step
// costs what a full batch of real data costs. Runs inside its own process (modelFactoryJob.ts), so that the peak
// memory it reports is this measurement's alone and running out of memory loses nothing else.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tree } from '@jax-js/jax';
import type { HostTensor } from '../../../workers/ml/core/hostTensor.ts';
import { loraScale } from '../../../workers/ml/core/loraAdapter.ts';
import type { ModelConfig } from '../../../workers/ml/core/modelConfig.ts';
import { classifyTrainingError } from '../../../workers/ml/factory/classifyTrainingError.ts';
import { TrainingOutOfMemoryError } from '../../../workers/ml/factory/errors.ts';
import { estimateTrainingMemory } from '../../../workers/ml/factory/estimateTrainingMemory.ts';
import { adamwConfig, loraShape, MAX_GRAD_NORM } from '../../../workers/ml/factory/fineTunePlan.ts';
import { DEFAULT_FINE_TUNE_SETTINGS, type FineTuneSettings } from '../../../workers/ml/factory/fineTuneSettings.ts';
import { parseSafetensors } from '../../../workers/ml/formats/safetensors.ts';
import { initializeWeights } from '../../../workers/ml/model/initializeWeights.ts';
import { parseModelConfig } from '../../../workers/ml/model/parseModelConfig.ts';
import { seededRandom } from '../../../workers/ml/random/seededRandom.ts';
import { adamwInit } from '../../../workers/ml/training/adamw.ts';
import { initLoraAdapter } from '../../../workers/ml/training/initLoraAdapter.ts';
import { jaxLoraFromAdapter, jaxWeightsFromHost } from '../../../workers/ml/training/jaxForward.ts';
import { nextTokenBatch, toJaxBatch } from '../../../workers/ml/training/loss.ts';
import { loraTrainStep, type LoraTrainState } from '../../../workers/ml/training/trainStep.ts';
import { repoRoot } from '../paths.ts';
import { timeCheckpoint } from './modelFactoryCheckpoint.ts';
import type { TrainingJob, TrainingJobResult } from './modelFactoryPlan.ts';

const DEFAULT_MODEL_DIR = join(repoRoot, 'static/models/provena-tiny');

/** Reports the process's peak memory so far: jax's Wasm memory and the resident set. */
export type MemoryProbe = () => { wasmBytes: number; maxRssBytes: number };

/**
 * Runs `job` and reports what it measured, or where it stopped; never throws for a failed measurement.
 *
 * @example
 * const result = await measureTrainingJob(job, probe, console.error);
 */
export async function measureTrainingJob(
	job: TrainingJob,
	probe: MemoryProbe,
	log: (line: string) => void
): Promise<TrainingJobResult> {
	const settings: FineTuneSettings = { ...DEFAULT_FINE_TUNE_SETTINGS, batchSize: job.batch, maxSeqLength: job.seq };
	const shape = loraShape(settings);
	const common = { job, parameters: 0, loraParameters: 0, weightsSeconds: 0, estimatedBytes: 0 };
	let phase: 'weights' | 'first step' | 'steps' | 'checkpoint' = 'weights';
	// Nothing is disposed on failure: the process ends right after.
	try {
		let started = performance.now();
		const { config, weights } = await hostModel(job);
		common.parameters = [...weights.values()].reduce((sum, tensor) => sum + tensor.data.length, 0);
		const estimate = estimateTrainingMemory(config, settings, 4 * common.parameters);
		common.loraParameters = estimate.loraParameters;
		common.estimatedBytes = estimate.totalBytes;
		const base = jaxWeightsFromHost(config, weights);
		weights.clear();
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
			? await timeCheckpoint(config, settings, initial, state, job.steps + 1)
			: undefined;
		return {
			...common,
			...probe(),
			ok: true,
			firstStepSeconds: times[0]!,
			stepSeconds: times.slice(1),
			...(checkpoint ? { checkpoint } : {})
		};
	} catch (error) {
		const classified = classifyTrainingError(error, { settings });
		return {
			...common,
			...probe(),
			ok: false,
			phase,
			outOfMemory: classified instanceof TrainingOutOfMemoryError,
			timedOut: false,
			error: error instanceof Error ? error.message : String(error)
		};
	}
}

/** The job's model config and host weights. */
async function hostModel(job: TrainingJob): Promise<{ config: ModelConfig; weights: Map<string, HostTensor> }> {
	if (job.model.id === 'smollm2-135m')
		return { config: job.model.config, weights: initializeWeights(job.model.config, { seed: 135 }) };
	const config = parseModelConfig(JSON.parse(await readFile(join(DEFAULT_MODEL_DIR, 'config.json'), 'utf8')));
	const { tensors } = parseSafetensors(new Uint8Array(await readFile(join(DEFAULT_MODEL_DIR, 'model.safetensors'))));
	return { config, weights: tensors };
}

/** `count` rows of `length` seeded token ids. */
function randomRows(vocabSize: number, count: number, length: number): number[][] {
	const random = seededRandom(count * 100_003 + length);
	return Array.from({ length: count }, () => Array.from({ length }, () => Math.floor(random.uniform() * vocabSize)));
}
