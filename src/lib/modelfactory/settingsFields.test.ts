// The settings form's fields: every setting has one and its help, the common ones outside "Advanced", and the
// errors shown before a base model is read carry no made-up upper bound.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FINE_TUNE_SETTINGS, FINE_TUNE_SETTING_HELP } from '../../../workers/ml/factory/fineTuneSettings.ts';
import { fineTuneSettingsErrors, SETTING_FIELDS } from './settingsFields.ts';

describe('SETTING_FIELDS', () => {
	it('lists every setting exactly once, each with its line of help', () => {
		const keys = SETTING_FIELDS.map((f) => f.key);
		expect(new Set(keys).size).toBe(keys.length);
		expect([...keys].sort()).toEqual(Object.keys(DEFAULT_FINE_TUNE_SETTINGS).sort());
		for (const key of keys) expect(FINE_TUNE_SETTING_HELP[key]).toBeTruthy();
	});

	it('keeps the common settings out of "Advanced"', () => {
		expect(SETTING_FIELDS.filter((f) => !f.advanced).map((f) => f.key)).toEqual([
			'rank',
			'alpha',
			'targetModules',
			'learningRate',
			'duration',
			'batchSize',
			'maxSeqLength'
		]);
	});
});

describe('fineTuneSettingsErrors', () => {
	it('checks the sequence length against the model once there is one', () => {
		const settings = { ...DEFAULT_FINE_TUNE_SETTINGS, maxSeqLength: 1024 };
		expect(fineTuneSettingsErrors(settings, { maxPositionEmbeddings: 512, hiddenSize: 128 }).maxSeqLength).toBe(
			"Sequence length must be a whole number from 8 to 512, this model's context."
		);
		expect(fineTuneSettingsErrors(settings, undefined)).toEqual({});
	});

	it('says what is wrong before a model is read, without a made-up bound', () => {
		expect(fineTuneSettingsErrors({ ...DEFAULT_FINE_TUNE_SETTINGS, maxSeqLength: 4 }, undefined).maxSeqLength).toBe(
			'Sequence length must be a whole number, 8 or more; the base model’s context is its upper bound.'
		);
	});

	it('reports an emptied number field (the form gives null) beside that field', () => {
		const errors = fineTuneSettingsErrors(
			{ ...DEFAULT_FINE_TUNE_SETTINGS, batchSize: null as unknown as number },
			undefined
		);
		expect(errors).toEqual({ batchSize: 'Batch size must be a whole number from 1 to 512.' });
	});
});
