// How the settings form presents FineTuneSettings: a label and a control per field, the common ones first and the
// rest behind "Advanced", and the per-field errors, including before a base model is read (when the context
// length that bounds the sequence length is not known yet).
import type { ModelConfig } from '../../../workers/ml/core/modelConfig.ts';
import {
	validateFineTuneSettings,
	type FineTuneSettings,
	type FineTuneSettingsErrors
} from '../../../workers/ml/factory/fineTuneSettings.ts';

/** The input a field is edited with. */
export type SettingControl = 'integer' | 'decimal' | 'checkbox' | 'modules' | 'schedule' | 'duration';

/** One field of the form. */
export type SettingField = {
	key: keyof FineTuneSettings;
	label: string;
	control: SettingControl;
	/** Behind the "Advanced" disclosure. */
	advanced: boolean;
};

const field = (
	key: keyof FineTuneSettings,
	label: string,
	control: SettingControl,
	advanced = false
): SettingField => ({
	key,
	label,
	control,
	advanced
});

/** Every setting once, in the order the form shows them. */
export const SETTING_FIELDS: readonly SettingField[] = [
	field('rank', 'Rank', 'integer'),
	field('alpha', 'Alpha', 'decimal'),
	field('targetModules', 'Target modules', 'modules'),
	field('learningRate', 'Learning rate', 'decimal'),
	field('duration', 'Training length', 'duration'),
	field('batchSize', 'Batch size', 'integer'),
	field('maxSeqLength', 'Maximum sequence length (tokens)', 'integer'),
	field('useRsLora', 'Rank-stabilised LoRA (rsLoRA)', 'checkbox', true),
	field('schedule', 'Learning-rate schedule', 'schedule', true),
	field('warmupSteps', 'Warmup steps', 'integer', true),
	field('weightDecay', 'Weight decay', 'decimal', true),
	field('seed', 'Seed', 'integer', true),
	field('validationShare', 'Validation share', 'decimal', true),
	field('validateEvery', 'Validate every (steps)', 'integer', true),
	field('checkpointEvery', 'Checkpoint every (steps)', 'integer', true),
	field('keptCheckpoints', 'Kept checkpoints', 'integer', true)
];

/**
 * The form's errors: validateFineTuneSettings against the base model, or, before one is read, with the bounds
 * that come from the model left open.
 *
 * @example
 * const errors = fineTuneSettingsErrors(settings, facts?.config);
 */
export function fineTuneSettingsErrors(
	settings: FineTuneSettings,
	config: Pick<ModelConfig, 'maxPositionEmbeddings' | 'hiddenSize'> | undefined
): FineTuneSettingsErrors {
	if (config) return validateFineTuneSettings(settings, config);
	const errors = validateFineTuneSettings(settings, {
		maxPositionEmbeddings: Number.MAX_SAFE_INTEGER,
		hiddenSize: Number.MAX_SAFE_INTEGER
	});
	if (errors.maxSeqLength)
		errors.maxSeqLength =
			'Sequence length must be a whole number, 8 or more; the base model’s context is its upper bound.';
	return errors;
}
