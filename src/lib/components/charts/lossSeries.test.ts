// The loss chart's columns: appended in place, merged per step, rewound by a resumed run, gaps for what was not
// measured, and the text alternative.
import { describe, expect, it } from 'vitest';
import { describeLatestLoss, formatLoss, LossSeries } from './lossSeries.ts';

describe('LossSeries', () => {
	it('grows aligned columns, with gaps where validation was not measured', () => {
		const series = new LossSeries();
		const [steps] = series.data();
		series.append({ step: 1, trainLoss: 3 });
		series.append({ step: 2, trainLoss: 2.5 });
		series.append({ step: 2, validationLoss: 2.7 });
		series.append({ step: 3, trainLoss: 2.2 });
		expect(series.data()).toEqual([
			[1, 2, 3],
			[3, 2.5, 2.2],
			[null, 2.7, null]
		]);
		// The same arrays, grown in place: uPlot is handed them again, not a copy.
		expect(series.data()[0]).toBe(steps);
	});

	it('rewinds when a resumed run replays steps after its checkpoint', () => {
		const series = new LossSeries();
		for (const step of [1, 2, 3, 4]) series.append({ step, trainLoss: 10 - step });
		series.append({ step: 3, trainLoss: 6.5 });
		expect(series.data()).toEqual([
			[1, 2, 3],
			[9, 8, 6.5],
			[null, null, null]
		]);
	});

	it('draws a NaN or infinite loss as a gap', () => {
		const series = new LossSeries();
		series.append({ step: 1, trainLoss: Number.NaN, validationLoss: Number.POSITIVE_INFINITY });
		expect(series.data()).toEqual([[1], [null], [null]]);
		expect(series.latest()).toEqual({});
	});

	it('finds the latest value of each series', () => {
		const series = new LossSeries();
		series.append({ step: 10, trainLoss: 2, validationLoss: 2.4 });
		series.append({ step: 11, trainLoss: 1.9 });
		expect(series.latest()).toEqual({ train: { step: 11, value: 1.9 }, validation: { step: 10, value: 2.4 } });
	});
});

describe('describeLatestLoss', () => {
	it('says the latest values in words', () => {
		expect(describeLatestLoss({})).toBe('No loss measured yet.');
		expect(describeLatestLoss({ train: { step: 120, value: 1.23456 } })).toBe(
			'Step 120: training loss 1.235. No validation loss yet.'
		);
		expect(describeLatestLoss({ train: { step: 120, value: 1.2 }, validation: { step: 100, value: 1.3 } })).toBe(
			'Step 120: training loss 1.2. Validation loss 1.3 at step 100.'
		);
	});

	it('prints four significant digits', () => {
		expect(formatLoss(0.000123456)).toBe('0.0001235');
		expect(formatLoss(12.3456)).toBe('12.35');
	});
});
