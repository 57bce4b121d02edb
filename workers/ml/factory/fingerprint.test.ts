import { describe, expect, it } from 'vitest';
import { fixtureWeights, tinyLlamaConfig } from '../model/fixtureModels.ts';
import { fixtureExamples, fixtureSettings } from './fineTuneFixtures.testing.ts';
import { canonicalJson, fineTuneFingerprint, fingerprintBaseModel } from './fingerprint.ts';

describe('fingerprints', () => {
	it('canonical JSON ignores key order', () => {
		expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }], u: undefined })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
	});

	it('change with the settings, the data or the base, and only with them', async () => {
		const examples = fixtureExamples(6);
		const base = await fingerprintBaseModel(fixtureWeights(tinyLlamaConfig, 1));
		const a = await fineTuneFingerprint(fixtureSettings, examples.slice(0, 4), examples.slice(4), base);
		const reordered = Object.fromEntries(Object.entries(fixtureSettings).reverse()) as typeof fixtureSettings;
		expect(await fineTuneFingerprint(reordered, examples.slice(0, 4), examples.slice(4), base)).toEqual(a);
		const b = await fineTuneFingerprint({ ...fixtureSettings, seed: 2 }, examples.slice(0, 4), examples.slice(4), base);
		expect([b.settings === a.settings, b.data === a.data]).toEqual([false, true]);
		const c = await fineTuneFingerprint(fixtureSettings, examples.slice(0, 3), examples.slice(3), base);
		expect([c.settings === a.settings, c.data === a.data]).toEqual([true, false]);
		const weights = new Map(fixtureWeights(tinyLlamaConfig, 1));
		const norm = weights.get('model.norm.weight')!;
		const nudged = new Float32Array(norm.data);
		nudged[0]! += 1e-6;
		weights.set('model.norm.weight', { shape: norm.shape, data: nudged });
		expect(await fingerprintBaseModel(weights)).not.toBe(base);
		expect(await fingerprintBaseModel(fixtureWeights(tinyLlamaConfig, 1))).toBe(base);
	});
});
