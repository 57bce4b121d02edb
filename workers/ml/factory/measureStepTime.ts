// A measured estimate of a run's length: a few real steps at the run's own batch shape, on a throwaway adapter, so
// the page can show "about 12 minutes" (and meet an out-of-memory error) before committing to hours. The first step
// compiles the step function and is timed apart.
import { tree } from '@jax-js/jax';
import { loraScale } from '../core/loraAdapter.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { adamwInit } from '../training/adamw.ts';
import { initLoraAdapter } from '../training/initLoraAdapter.ts';
import { jaxLoraFromAdapter, type JaxForwardSettings, type JaxWeights } from '../training/jaxForward.ts';
import { toJaxBatch } from '../training/loss.ts';
import { loraTrainStep, releaseTrainSteps, type LoraTrainState } from '../training/trainStep.ts';
import { classifyTrainingError } from './classifyTrainingError.ts';
import { NoTrainingExamplesError } from './errors.ts';
import {
	adamwConfig,
	exampleBatch,
	learningRates,
	loraShape,
	MAX_GRAD_NORM,
	stepBatches,
	trainingSteps
} from './fineTunePlan.ts';
import type { FineTuneSettings } from './fineTuneSettings.ts';
import type { TrainingExample } from './trainingExamples.ts';

/** What {@link measureStepTime} measured and projects. */
export type StepTimeMeasurement = {
	/** Mean seconds of the measured steps (after the warm-up ones). */
	secondsPerStep: number;
	/** Seconds of the first step, compilation included. */
	firstStepSeconds: number;
	measuredSteps: number;
	/** Steps the run will take. */
	totalSteps: number;
	/** secondsPerStep × totalSteps (validation and checkpoints come on top). */
	projectedSeconds: number;
	/** Target tokens per second over the measured steps. */
	tokensPerSecond: number;
};

/** Options of {@link measureStepTime}. */
export type MeasureStepTimeOptions = {
	config: ModelConfig;
	/** Not consumed. */
	base: JaxWeights;
	train: readonly TrainingExample[];
	settings: FineTuneSettings;
	/** Steps run before timing starts (default 1: the compile). */
	warmupSteps?: number;
	/** Steps timed (default 3). */
	measuredSteps?: number;
	/**
	 * Called after each step; what it throws is classified like a step's own error. The worker raises there a GPU
	 * error that WebGPU reported only as an uncaptured event (an out-of-memory), as it does between training steps.
	 */
	afterStep?: () => void;
};

/**
 * Times real steps of the run `settings` describe; throws TrainingOutOfMemoryError when they do not fit.
 *
 * @example
 * const { secondsPerStep, projectedSeconds } = await measureStepTime({ config, base, train, settings });
 */
export async function measureStepTime(options: MeasureStepTimeOptions): Promise<StepTimeMeasurement> {
	const { config, base, train, settings } = options;
	const warmupSteps = options.warmupSteps ?? 1;
	const measuredSteps = options.measuredSteps ?? 3;
	if (train.length === 0) throw new NoTrainingExamplesError('There are no training examples to time a step on.');
	const totalSteps = trainingSteps(settings.duration, train.length, settings.batchSize);
	const rates = learningRates(settings, totalSteps);
	const order = stepBatches(train.length, settings, warmupSteps + measuredSteps);
	const shape = loraShape(settings);
	const forward: JaxForwardSettings = { config, loraScale: loraScale(shape) };
	const lora = jaxLoraFromAdapter(config, initLoraAdapter(config, shape, settings.seed));
	const state: LoraTrainState = { settings: forward, base, lora, optimizer: adamwInit(lora) };
	const times: number[] = [];
	let tokens = 0;
	try {
		for (let step = 0; step < warmupSteps + measuredSteps; step++) {
			const host = exampleBatch(train, order[step]!, settings);
			const batch = toJaxBatch(host);
			const started = performance.now();
			try {
				await loraTrainStep(state, batch, {
					learningRate: rates[Math.min(step, totalSteps - 1)]!,
					maxGradNorm: MAX_GRAD_NORM,
					adamw: adamwConfig(settings)
				});
			} finally {
				tree.dispose([batch.inputIds, batch.targets, batch.weights]);
			}
			times.push((performance.now() - started) / 1000);
			if (step >= warmupSteps) tokens += host.count;
			options.afterStep?.();
		}
	} catch (error) {
		throw classifyTrainingError(error, { settings });
	} finally {
		try {
			tree.dispose([state.lora, state.optimizer.m, state.optimizer.v]);
		} catch {
			// Already consumed by a step that failed half-way.
		}
		releaseTrainSteps(forward);
	}
	const measured = times.slice(warmupSteps);
	const seconds = measured.reduce((sum, t) => sum + t, 0);
	const secondsPerStep = measured.length > 0 ? seconds / measured.length : times[0]!;
	return {
		secondsPerStep,
		firstStepSeconds: times[0]!,
		measuredSteps: measured.length,
		totalSteps,
		projectedSeconds: secondsPerStep * totalSteps,
		tokensPerSecond: seconds > 0 ? tokens / seconds : 0
	};
}
