// ModelFactory's errors, in one module so the training bridge can register them all and rebuild each as its own
// class on the page. Every constructor takes (shortMessage, options), as rebuildError needs; the extra fields a
// class carries (a checkpoint, a suggestion) are optional because they do not cross the worker boundary.
import { ProvenaError, type ProvenaErrorOptions } from '../../shared/errors/ProvenaError.ts';
import type { FineTuneCheckpoint } from './checkpoint.ts';
import type { FineTuneSettingsErrors } from './fineTuneSettings.ts';

/** A data source (a datanet version, a records file) has no records to train on. */
export class EmptyTrainingSourceError extends ProvenaError {
	override name = 'EmptyTrainingSourceError';
	readonly label: string | undefined;
	constructor(shortMessage: string, options: ProvenaErrorOptions & { label?: string } = {}) {
		super(shortMessage, options);
		this.label = options.label;
	}
}

/** The records gave no example with a token to learn (all too short, or the prompts fill the sequence length). */
export class NoTrainingExamplesError extends ProvenaError {
	override name = 'NoTrainingExamplesError';
}

/** Settings out of range; `errors` has one message per field, as validateFineTuneSettings gives them. */
export class FineTuneSettingsError extends ProvenaError {
	override name = 'FineTuneSettingsError';
	readonly errors: FineTuneSettingsErrors;
	constructor(shortMessage: string, options: ProvenaErrorOptions & { errors?: FineTuneSettingsErrors } = {}) {
		super(shortMessage, options);
		this.errors = options.errors ?? {};
	}
}

/** Bytes that are not a fine-tune checkpoint, or one of a format this code does not read. */
export class CheckpointFormatError extends ProvenaError {
	override name = 'CheckpointFormatError';
}

/** A checkpoint made from other settings, data or base model than the run asked to resume. */
export class CheckpointMismatchError extends ProvenaError {
	override name = 'CheckpointMismatchError';
}

/** The learning rate to suggest after a run at `learningRate` diverged: a tenth of it, to two significant digits. */
export function learningRateAfterDivergence(learningRate: number): number {
	return Number((learningRate / 10).toPrecision(2));
}

/**
 * The loss or gradients became NaN or infinite; `checkpoint` is the state just before that step (in the worker only:
 * it stays there), and the learning rate to try instead travels with the error to the page.
 */
export class NonFiniteLossError extends ProvenaError {
	override name = 'NonFiniteLossError';
	readonly checkpoint: FineTuneCheckpoint | undefined;
	constructor(
		shortMessage: string,
		options: ProvenaErrorOptions & { checkpoint?: FineTuneCheckpoint; suggestedLearningRate?: number } = {}
	) {
		const { checkpoint, suggestedLearningRate, ...rest } = options;
		super(
			shortMessage,
			suggestedLearningRate === undefined ? rest : { ...rest, data: { ...rest.data, suggestedLearningRate } }
		);
		this.checkpoint = checkpoint;
	}

	/** A tenth of the run's learning rate (see {@link learningRateAfterDivergence}), when the run knew it. */
	get suggestedLearningRate(): number | undefined {
		const rate = this.data?.suggestedLearningRate;
		return typeof rate === 'number' ? rate : undefined;
	}
}

/** The device (GPU or Wasm memory) ran out of memory; the message names a smaller batch and sequence length. */
export class TrainingOutOfMemoryError extends ProvenaError {
	override name = 'TrainingOutOfMemoryError';
}

/** The GPU device was lost (driver reset, tab in the background too long); resume from the last checkpoint. */
export class TrainingDeviceLostError extends ProvenaError {
	override name = 'TrainingDeviceLostError';
}

/** Every ModelFactory error class, for the training bridge's error registry. */
export const FINE_TUNE_ERRORS = [
	EmptyTrainingSourceError,
	NoTrainingExamplesError,
	FineTuneSettingsError,
	CheckpointFormatError,
	CheckpointMismatchError,
	NonFiniteLossError,
	TrainingOutOfMemoryError,
	TrainingDeviceLostError
] as const;
