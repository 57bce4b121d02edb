import { describe, expect, it } from 'vitest';
import { fixtureExamples } from './fineTuneFixtures.testing.ts';
import { splitExamples, splitPosition } from './splitExamples.ts';

describe('splitExamples', () => {
	it('is stable, disjoint, complete and near the share asked for', () => {
		const examples = fixtureExamples(400);
		const split = splitExamples(examples, { seed: 1, validationShare: 0.1 });
		expect(splitExamples(examples, { seed: 1, validationShare: 0.1 })).toEqual(split);
		const trainIds = new Set(split.train.map((e) => e.recordId));
		expect(split.validation.some((e) => trainIds.has(e.recordId))).toBe(false);
		expect(split.trainCount + split.validationCount).toBe(400);
		expect(split.validationCount).toBe(split.validation.length);
		expect(split.validationCount).toBeGreaterThan(20);
		expect(split.validationCount).toBeLessThan(60);
		// Order inside each side is the examples' order.
		expect(split.train.map((e) => examples.indexOf(e))).toEqual(
			[...split.train.map((e) => examples.indexOf(e))].sort((a, b) => a - b)
		);
		// Another seed, another split.
		expect(splitExamples(examples, { seed: 2, validationShare: 0.1 }).validation).not.toEqual(split.validation);
	});

	it('puts a record on the same side whatever else is in the data, and keeps copies of a record together', () => {
		const examples = fixtureExamples(200);
		const full = splitExamples(examples, { seed: 7, validationShare: 0.2 });
		const half = splitExamples(examples.slice(0, 100), { seed: 7, validationShare: 0.2 });
		const fullValidation = new Set(full.validation.map((e) => e.recordId));
		expect(half.validation.every((e) => fullValidation.has(e.recordId))).toBe(true);
		const copies = [...examples, ...examples.slice(0, 50).map((e) => ({ ...e, sourceIndex: 1 }))];
		const split = splitExamples(copies, { seed: 7, validationShare: 0.2 });
		const validationIds = new Set(split.validation.map((e) => e.recordId));
		expect(split.train.some((e) => validationIds.has(e.recordId))).toBe(false);
	});

	it('gives both sides at least one example from two records on', () => {
		for (const count of [2, 3, 5]) {
			for (const seed of [1, 2, 3, 4, 5]) {
				const split = splitExamples(fixtureExamples(count), { seed, validationShare: 0.01 });
				expect(split.validationCount).toBeGreaterThanOrEqual(1);
				expect(split.trainCount).toBeGreaterThanOrEqual(1);
				const most = splitExamples(fixtureExamples(count), { seed, validationShare: 0.5 });
				expect(most.trainCount).toBeGreaterThanOrEqual(1);
			}
		}
		const one = splitExamples(fixtureExamples(1), { seed: 1, validationShare: 0.5 });
		expect([one.trainCount, one.validationCount]).toEqual([1, 0]);
	});

	it('hashes a record id to a fixed position, the same in every engine', () => {
		// Pinned: a change here would move records across the split of every published run.
		expect(splitPosition('record-0', 1)).toBe(splitPosition('record-0', 1));
		expect([splitPosition('record-0', 1), splitPosition('abc', 0)].map((p) => Math.round(p * 2 ** 32))).toEqual([
			1453017432, 1400879847
		]);
	});
});
