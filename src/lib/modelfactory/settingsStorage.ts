// The fine-tune settings a person last used, kept per browser in localStorage (a few hundred bytes, read
// synchronously before the form renders). What comes back is checked field by field against the settings' types:
// a field missing, renamed or of the wrong type takes its default, so an older or hand-edited entry never breaks
// the form; a value of the right type but out of range is kept, and the form says what is wrong with it.
import {
	DEFAULT_FINE_TUNE_SETTINGS,
	type FineTuneSettings,
	type TrainingDuration
} from '../../../workers/ml/factory/fineTuneSettings.ts';
import { LORA_TARGET_MODULES, type LoraTargetModule } from '../../../workers/ml/core/loraAdapter.ts';

export const SETTINGS_STORAGE_KEY = 'provena.modelfactory.settings/1';

const SCHEDULES: readonly FineTuneSettings['schedule'][] = ['cosine', 'linear', 'constant'];

/**
 * Settings from anything stored (parsed JSON), defaults where a field is unusable.
 *
 * @example
 * restoreFineTuneSettings({ rank: 16, schedule: 'nope' }); // rank 16, schedule 'cosine', the rest defaults
 */
export function restoreFineTuneSettings(saved: unknown): FineTuneSettings {
	const settings = structuredClone(DEFAULT_FINE_TUNE_SETTINGS) as FineTuneSettings;
	if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return settings;
	const record = saved as Record<string, unknown>;
	const mutable = settings as Record<keyof FineTuneSettings, unknown>;
	for (const key of Object.keys(DEFAULT_FINE_TUNE_SETTINGS) as (keyof FineTuneSettings)[]) {
		const value = record[key];
		const fallback = DEFAULT_FINE_TUNE_SETTINGS[key];
		if (typeof fallback === 'number' && typeof value === 'number' && Number.isFinite(value)) mutable[key] = value;
		else if (typeof fallback === 'boolean' && typeof value === 'boolean') mutable[key] = value;
	}
	if (SCHEDULES.includes(record.schedule as FineTuneSettings['schedule']))
		settings.schedule = record.schedule as FineTuneSettings['schedule'];
	const modules = record.targetModules;
	if (Array.isArray(modules) && modules.every((m) => LORA_TARGET_MODULES.includes(m as LoraTargetModule)))
		settings.targetModules = [...new Set(modules as LoraTargetModule[])];
	const duration = restoreDuration(record.duration);
	if (duration) settings.duration = duration;
	return settings;
}

function restoreDuration(value: unknown): TrainingDuration | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { kind, epochs, steps } = value as Record<string, unknown>;
	if (kind === 'epochs' && typeof epochs === 'number' && Number.isFinite(epochs)) return { kind, epochs };
	if (kind === 'steps' && typeof steps === 'number' && Number.isFinite(steps)) return { kind, steps };
	return undefined;
}

/**
 * The saved settings, or the defaults when nothing usable is saved (or storage is blocked).
 *
 * @example
 * const settings = loadFineTuneSettings(globalThis.localStorage);
 */
export function loadFineTuneSettings(storage: Pick<Storage, 'getItem'> | undefined): FineTuneSettings {
	try {
		const text = storage?.getItem(SETTINGS_STORAGE_KEY);
		return restoreFineTuneSettings(text ? JSON.parse(text) : undefined);
	} catch {
		return restoreFineTuneSettings(undefined);
	}
}

/**
 * Saves settings; a blocked or full storage is ignored (the form still works, it only forgets on reload).
 *
 * @example
 * saveFineTuneSettings(localStorage, settings);
 */
export function saveFineTuneSettings(storage: Pick<Storage, 'setItem'> | undefined, settings: FineTuneSettings): void {
	try {
		storage?.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(settings));
	} catch {
		// Private browsing or a full quota: nothing to do but keep the settings in the page.
	}
}
