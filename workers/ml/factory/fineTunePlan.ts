// What the settings mean for one run, derived in one place so the run, the step-time measurement, the memory
// estimate and the published training.json agree: how many steps, the learning rate at each, which steps keep an
// adapter snapshot, the adapter's shape and AdamW's hyperparameters, and each step's fixed-shape batch.
import { DEFAULT_ADAMW, learningRateAt, type AdamWConfig, type LearningRateSchedule } from '../training/adamw.ts';
import type { LoraAdapterShape } from '../training/initLoraAdapter.ts';
import { maskedTokenBatch, type TokenBatch } from '../training/loss.ts';
import { batchSchedule } from '../training/trainLoop.ts';
import type { FineTuneSettings, TrainingDuration } from './fineTuneSettings.ts';
import type { TrainingExample } from './trainingExamples.ts';

/** Every step clips the gradients' global norm to this (the usual LoRA recipe's value; not a setting). */
export const MAX_GRAD_NORM = 1;

/** Pads rows to the sequence length; any id works, because padding is never a target and comes after real tokens. */
export const PAD_TOKEN_ID = 0;

/**
 * Optimizer steps of a run: `steps` as given, or ceil(epochs × training examples / batch size).
 *
 * @example
 * trainingSteps({ kind: 'epochs', epochs: 3 }, 100, 8); // 38
 */
export function trainingSteps(duration: TrainingDuration, trainCount: number, batchSize: number): number {
	if (duration.kind === 'steps') return duration.steps;
	return Math.max(1, Math.ceil((duration.epochs * trainCount) / batchSize));
}

/**
 * The learning-rate schedule: linear warmup, then the settings' decay to 0 at the end. Warmup is cut to a quarter of
 * the run: on little data the default 10 warmup steps would otherwise be most of the run, which would never train at
 * its peak rate (each step's rate is logged, so the cut is visible).
 *
 * @example
 * learningRateAt(fineTuneSchedule(DEFAULT_FINE_TUNE_SETTINGS, 100), 10); // 2e-3, the peak
 */
export function fineTuneSchedule(settings: FineTuneSettings, totalSteps: number): LearningRateSchedule {
	return {
		kind: settings.schedule,
		peak: settings.learningRate,
		warmupSteps: Math.min(settings.warmupSteps, Math.floor(totalSteps / 4)),
		totalSteps,
		minimum: 0
	};
}

/** The learning rate of every step, 0-based. */
export function learningRates(settings: FineTuneSettings, totalSteps: number): number[] {
	const schedule = fineTuneSchedule(settings, totalSteps);
	return Array.from({ length: totalSteps }, (_, step) => learningRateAt(schedule, step));
}

/**
 * The steps after which an adapter snapshot is kept: `kept` evenly spaced steps ending at the last one (fewer when
 * the run has fewer steps).
 *
 * @example
 * keptSnapshotSteps(100, 3); // [33, 67, 100]
 */
export function keptSnapshotSteps(totalSteps: number, kept: number): number[] {
	const steps = Array.from({ length: kept }, (_, i) => Math.max(1, Math.round(((i + 1) * totalSteps) / kept)));
	return [...new Set(steps)];
}

/** The adapter's shape from the settings (every layer). */
export function loraShape(settings: FineTuneSettings): LoraAdapterShape {
	return {
		rank: settings.rank,
		alpha: settings.alpha,
		useRsLora: settings.useRsLora,
		targetModules: [...settings.targetModules]
	};
}

/** AdamW with the settings' weight decay. */
export function adamwConfig(settings: FineTuneSettings): AdamWConfig {
	return { ...DEFAULT_ADAMW, weightDecay: settings.weightDecay };
}

/**
 * Example indices of every step: a seeded shuffle per epoch (batchSchedule), so step k's batch is the same in a
 * fresh run and in one resumed at k.
 *
 * @example
 * const order = stepBatches(train.length, settings, totalSteps); // order[k]: the indices of step k's batch
 */
export function stepBatches(trainCount: number, settings: FineTuneSettings, totalSteps: number): number[][] {
	return batchSchedule(trainCount, settings.batchSize, totalSteps, settings.seed);
}

/**
 * The batch of `examples` picked by `indices`, padded to exactly [batchSize, maxSeqLength]: one shape, one compile.
 *
 * @example
 * const batch = exampleBatch(train, order[step]!, settings);
 */
export function exampleBatch(
	examples: readonly TrainingExample[],
	indices: readonly number[],
	settings: Pick<FineTuneSettings, 'batchSize' | 'maxSeqLength'>
): TokenBatch {
	return maskedTokenBatch(
		indices.map((i) => examples[i]!),
		{ batchSize: settings.batchSize, seqLength: settings.maxSeqLength },
		PAD_TOKEN_ID
	);
}

/**
 * `examples` in batches of the run's shape (the last one completed with weightless padding rows), for evaluation.
 *
 * @example
 * const { loss } = await evaluateTokenBatches(settings, base, lora, evaluationBatches(validation, fineTune));
 */
export function* evaluationBatches(
	examples: readonly TrainingExample[],
	settings: Pick<FineTuneSettings, 'batchSize' | 'maxSeqLength'>
): Generator<TokenBatch> {
	for (let start = 0; start < examples.length; start += settings.batchSize)
		yield maskedTokenBatch(
			examples.slice(start, start + settings.batchSize),
			{ batchSize: settings.batchSize, seqLength: settings.maxSeqLength },
			PAD_TOKEN_ID
		);
}
