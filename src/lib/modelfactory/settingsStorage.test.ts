// Saved settings come back checked field by field; blocked or broken storage gives the defaults.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FINE_TUNE_SETTINGS } from '../../../workers/ml/factory/fineTuneSettings.ts';
import {
	loadFineTuneSettings,
	restoreFineTuneSettings,
	saveFineTuneSettings,
	SETTINGS_STORAGE_KEY
} from './settingsStorage.ts';

/** A Storage-shaped map. */
function memoryStorage(initial: Record<string, string> = {}) {
	const items = new Map(Object.entries(initial));
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value),
		items
	};
}

describe('settings storage', () => {
	it('round-trips settings', () => {
		const storage = memoryStorage();
		const settings = { ...DEFAULT_FINE_TUNE_SETTINGS, rank: 16, duration: { kind: 'steps', steps: 300 } as const };
		saveFineTuneSettings(storage, settings);
		expect(loadFineTuneSettings(storage)).toEqual(settings);
	});

	it('gives the defaults for nothing saved, broken JSON or blocked storage', () => {
		expect(loadFineTuneSettings(memoryStorage())).toEqual(DEFAULT_FINE_TUNE_SETTINGS);
		expect(loadFineTuneSettings(memoryStorage({ [SETTINGS_STORAGE_KEY]: '{oops' }))).toEqual(
			DEFAULT_FINE_TUNE_SETTINGS
		);
		const blocked = {
			getItem: () => {
				throw new DOMException('denied', 'SecurityError');
			}
		};
		expect(loadFineTuneSettings(blocked)).toEqual(DEFAULT_FINE_TUNE_SETTINGS);
		expect(() =>
			saveFineTuneSettings(
				{
					setItem: () => {
						throw new DOMException('full', 'QuotaExceededError');
					}
				},
				DEFAULT_FINE_TUNE_SETTINGS
			)
		).not.toThrow();
	});

	it('keeps what has the right type, out of range or not, and defaults the rest', () => {
		const restored = restoreFineTuneSettings({
			rank: 0,
			alpha: 'sixteen',
			useRsLora: true,
			schedule: 'exponential',
			targetModules: ['q_proj', 'q_proj', 'k_proj'],
			duration: { kind: 'steps', steps: 'many' },
			extra: 1
		});
		expect(restored).toEqual({
			...DEFAULT_FINE_TUNE_SETTINGS,
			rank: 0,
			useRsLora: true,
			targetModules: ['q_proj', 'k_proj']
		});
		expect(restoreFineTuneSettings({ targetModules: ['w_proj'] }).targetModules).toEqual(
			DEFAULT_FINE_TUNE_SETTINGS.targetModules
		);
	});

	it('does not share the defaults’ arrays with what it returns', () => {
		const restored = restoreFineTuneSettings(undefined);
		(restored.targetModules as string[]).push('k_proj');
		expect(DEFAULT_FINE_TUNE_SETTINGS.targetModules).toEqual(['q_proj', 'v_proj']);
	});
});
