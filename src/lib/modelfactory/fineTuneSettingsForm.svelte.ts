// The settings step's state: the settings being edited (restored from this browser, saved on every change),
// their errors against the chosen base model, and Reset to defaults.
import type { ModelConfig } from '../../../workers/ml/core/modelConfig.ts';
import {
	DEFAULT_FINE_TUNE_SETTINGS,
	type FineTuneSettings,
	type FineTuneSettingsErrors
} from '../../../workers/ml/factory/fineTuneSettings.ts';
import { fineTuneSettingsErrors } from './settingsFields.ts';
import { loadFineTuneSettings, saveFineTuneSettings } from './settingsStorage.ts';

const storage = () => (typeof localStorage === 'undefined' ? undefined : localStorage);

export class FineTuneSettingsForm {
	settings = $state<FineTuneSettings>(loadFineTuneSettings(storage()));

	/** The errors, field by field, against `config` (the base model's, once read). */
	errors(config: Pick<ModelConfig, 'maxPositionEmbeddings' | 'hiddenSize'> | undefined): FineTuneSettingsErrors {
		return fineTuneSettingsErrors(this.settings, config);
	}

	/** Keeps the settings in this browser (called on every change). */
	save(): void {
		saveFineTuneSettings(storage(), $state.snapshot(this.settings) as FineTuneSettings);
	}

	/** Puts every setting back to its default. */
	reset(): void {
		this.settings = structuredClone(DEFAULT_FINE_TUNE_SETTINGS) as FineTuneSettings;
		this.save();
	}

	/** Whether every setting is at its default. */
	get isDefault(): boolean {
		return JSON.stringify($state.snapshot(this.settings)) === JSON.stringify(DEFAULT_FINE_TUNE_SETTINGS);
	}
}
