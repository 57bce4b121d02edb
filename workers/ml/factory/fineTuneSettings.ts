// The settings of one ModelFactory fine-tune, their defaults, and the check every caller runs before training:
// the page's form (one message per field), the training worker and `provena train` all read them from here, so
// a setting means the same thing wherever it is given. Defaults are ones that train the default model's demo
// adapters well; each field's `help` is the one line the form shows beside it.
import type { ModelConfig } from '../core/modelConfig.ts';
import { LORA_TARGET_MODULES, type LoraTargetModule } from '../core/loraAdapter.ts';

/** How long to train: whole passes over the training split, or a number of optimizer steps. */
export type TrainingDuration = { kind: 'epochs'; epochs: number } | { kind: 'steps'; steps: number };

/** Everything that decides a fine-tune's result (with the data and the base model). */
export type FineTuneSettings = {
	rank: number;
	alpha: number;
	useRsLora: boolean;
	targetModules: readonly LoraTargetModule[];
	learningRate: number;
	schedule: 'cosine' | 'linear' | 'constant';
	/** Steps of linear warmup from 0 to `learningRate`. */
	warmupSteps: number;
	duration: TrainingDuration;
	batchSize: number;
	/** Examples are cut to this many tokens; every batch is padded to it (one shape, one compiled step). */
	maxSeqLength: number;
	weightDecay: number;
	seed: number;
	/** Save a resumable checkpoint every this many steps. */
	checkpointEvery: number;
	/** Evenly spaced adapter snapshots kept and published (TracIn-style attribution reads them). */
	keptCheckpoints: number;
	/** Share of records held out for validation, chosen by record id. */
	validationShare: number;
	/** Measure validation loss every this many steps (and at the end). */
	validateEvery: number;
};

export const DEFAULT_FINE_TUNE_SETTINGS: FineTuneSettings = {
	rank: 8,
	alpha: 16,
	useRsLora: false,
	targetModules: ['q_proj', 'v_proj'],
	learningRate: 2e-3,
	schedule: 'cosine',
	warmupSteps: 10,
	duration: { kind: 'epochs', epochs: 3 },
	batchSize: 8,
	maxSeqLength: 128,
	weightDecay: 0,
	seed: 1,
	checkpointEvery: 20,
	keptCheckpoints: 3,
	validationShare: 0.1,
	validateEvery: 20
};

/** The one line the form shows beside each setting. */
export const FINE_TUNE_SETTING_HELP: Record<keyof FineTuneSettings, string> = {
	rank: 'Size of the adapter: higher learns more and costs more memory (4–64 is usual).',
	alpha: 'Strength of the adapter; the update is scaled by alpha / rank (alpha / √rank with rsLoRA).',
	useRsLora: 'Rank-stabilised LoRA: keeps higher ranks from learning too slowly.',
	targetModules: 'Which projections of each layer the adapter changes (q and v are a cheap start).',
	learningRate: 'How big each update is; lower it if the loss jumps or becomes NaN.',
	schedule: 'How the learning rate falls after warmup.',
	warmupSteps: 'Steps that ramp the learning rate up from zero, so early updates stay small.',
	duration: 'How long to train: passes over the data (epochs) or a number of steps.',
	batchSize: 'Examples per step: larger is smoother but needs more memory.',
	maxSeqLength: 'Longest example in tokens; longer ones are cut. Memory grows with it.',
	weightDecay: 'Pulls the adapter towards zero each step, against overfitting.',
	seed: 'Fixes the adapter’s start, the data order and the split: the same seed gives the same adapter.',
	checkpointEvery: 'Save progress every this many steps, so a closed tab resumes from there.',
	keptCheckpoints: 'Snapshots of the adapter published with it; attribution uses them.',
	validationShare: 'Share of the records held out to measure how well the adapter generalises.',
	validateEvery: 'Measure validation loss every this many steps.'
};

/** A message per field that is out of range; empty when the settings can train. */
export type FineTuneSettingsErrors = Partial<Record<keyof FineTuneSettings, string>>;

const isInteger = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
const isBetween = (value: number, min: number, max: number) => Number.isFinite(value) && value >= min && value <= max;

/**
 * Checks settings against their ranges and the base model (a sequence longer than its context cannot train).
 *
 * @example
 * const errors = validateFineTuneSettings({ ...DEFAULT_FINE_TUNE_SETTINGS, rank: 0 }, config);
 * errors.rank; // 'Rank must be a whole number from 1 to 256.'
 */
export function validateFineTuneSettings(
	settings: FineTuneSettings,
	config: Pick<ModelConfig, 'maxPositionEmbeddings' | 'hiddenSize'>
): FineTuneSettingsErrors {
	const errors: FineTuneSettingsErrors = {};
	const maxRank = Math.min(256, config.hiddenSize);
	if (!isInteger(settings.rank, 1, maxRank)) errors.rank = `Rank must be a whole number from 1 to ${maxRank}.`;
	if (!isBetween(settings.alpha, Number.MIN_VALUE, 4096))
		errors.alpha = 'Alpha must be a number above 0, at most 4096.';
	if (settings.targetModules.length === 0) errors.targetModules = 'Pick at least one projection to adapt.';
	else if (settings.targetModules.some((module) => !LORA_TARGET_MODULES.includes(module)))
		errors.targetModules = `Target modules must be among ${LORA_TARGET_MODULES.join(', ')}.`;
	else if (new Set(settings.targetModules).size !== settings.targetModules.length)
		errors.targetModules = 'Each projection can be picked once.';
	if (!isBetween(settings.learningRate, 1e-7, 1)) errors.learningRate = 'Learning rate must be from 1e-7 to 1.';
	if (!['cosine', 'linear', 'constant'].includes(settings.schedule))
		errors.schedule = 'Schedule must be cosine, linear or constant.';
	if (!isInteger(settings.warmupSteps, 0, 100_000))
		errors.warmupSteps = 'Warmup must be a whole number of steps, 0 or more.';
	if (settings.duration.kind === 'epochs' && !isInteger(settings.duration.epochs, 1, 1000))
		errors.duration = 'Epochs must be a whole number from 1 to 1000.';
	if (settings.duration.kind === 'steps' && !isInteger(settings.duration.steps, 1, 1_000_000))
		errors.duration = 'Steps must be a whole number from 1 to 1,000,000.';
	if (!isInteger(settings.batchSize, 1, 512)) errors.batchSize = 'Batch size must be a whole number from 1 to 512.';
	if (!isInteger(settings.maxSeqLength, 8, config.maxPositionEmbeddings))
		errors.maxSeqLength = `Sequence length must be a whole number from 8 to ${config.maxPositionEmbeddings}, this model's context.`;
	if (!isBetween(settings.weightDecay, 0, 1)) errors.weightDecay = 'Weight decay must be from 0 to 1.';
	if (!isInteger(settings.seed, 0, 2 ** 32 - 1)) errors.seed = 'Seed must be a whole number from 0 to 4294967295.';
	if (!isInteger(settings.checkpointEvery, 1, 1_000_000))
		errors.checkpointEvery = 'Checkpoint interval must be a whole number of steps, 1 or more.';
	if (!isInteger(settings.keptCheckpoints, 1, 20)) errors.keptCheckpoints = 'Kept checkpoints must be from 1 to 20.';
	if (!isBetween(settings.validationShare, 0.01, 0.5))
		errors.validationShare = 'Validation share must be from 0.01 to 0.5 (1 % to 50 % of the records).';
	if (!isInteger(settings.validateEvery, 1, 1_000_000))
		errors.validateEvery = 'Validation interval must be a whole number of steps, 1 or more.';
	return errors;
}
