// The data step's split counts are the trainer's split: by record id and seed, whatever the order of the sources.
import { describe, expect, it } from 'vitest';
import { splitExamples, splitPosition } from '../../../workers/ml/factory/splitExamples.ts';
import { splitCounts } from './trainingSplit.ts';

const records = (prefix: string, n: number) =>
	Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, text: `Record ${i}.` }));

describe('splitCounts', () => {
	it('counts each side as splitPosition places the record ids', () => {
		const all = [...records('a', 60), ...records('b', 40)];
		const validation = all.filter((r) => splitPosition(r.id, 7) < 0.2).length;
		expect(splitCounts([all.slice(0, 60), all.slice(60)], { seed: 7, validationShare: 0.2 })).toEqual({
			train: 100 - validation,
			validation
		});
		expect(validation).toBeGreaterThan(0);
	});

	it('does not depend on how the records are spread over versions', () => {
		const all = records('r', 50);
		const settings = { seed: 3, validationShare: 0.1 };
		expect(splitCounts([all.slice(0, 10), all.slice(10)], settings)).toEqual(splitCounts([all], settings));
	});

	it('gives validation a record when there are two, as the trainer does', () => {
		const two = records('x', 2);
		const counts = splitCounts([two], { seed: 1, validationShare: 0.01 });
		expect(counts).toEqual({ train: 1, validation: 1 });
		expect(splitExamples([], { seed: 1, validationShare: 0.1 }).trainCount).toBe(0);
	});
});
