import { describe, expect, it } from 'vitest';
import { combinedWeights, DEFAULT_COMBINATION, SHARE_BITS } from './combinedWeights.ts';

const SHARE = 2 ** SHARE_BITS;

describe('combinedWeights', () => {
	it('pays nobody for an answer without span evidence, however its gradients lean (the evidence floor)', () => {
		const result = combinedWeights({ span: [0, 0, 0], influence: [10n, 900n, 5n], examples: [3, 3, 3] });
		expect(result.weights).toEqual([0, 0, 0]);
		expect(result.totalWeight).toBe(0);
		// The lift is still measured (and reported): contribution 1 pushed 296 % of the average.
		expect(result.liftPercent[1]).toBe(Math.floor((900 * 9 * 100) / (3 * 915)));
	});

	it('mixes span shares and lifted gradient shares in the rules’ parts', () => {
		const result = combinedWeights(
			{ span: [3000, 1000, 0], influence: [100n, 100n, 1000n], examples: [1, 1, 1] },
			{ spanParts: 3, gradientParts: 1, minLiftPercent: 200 }
		);
		// Spans 3/4 and 1/4 of 2^20, times 3; only contribution 2 is lifted (1000 of 1200 over 3 examples: 250 %).
		expect(result.weights).toEqual([(3 * (SHARE * 3)) / 4, 3 * (SHARE / 4), SHARE]);
		expect(result.totalWeight).toBe(4 * SHARE);
		expect(result.gradient).toEqual([100, 100, 1000]);
	});

	it('measures lift per example, so a large contribution is not lifted by its size alone', () => {
		const result = combinedWeights({ span: [1, 0], influence: [900n, 100n], examples: [9, 1] });
		expect(result.liftPercent).toEqual([100, 100]);
		expect(result.weights[1]).toBe(0);
	});

	it('earns nothing from negative influence and refuses mismatched inputs', () => {
		const result = combinedWeights({ span: [5, 5], influence: [-50n, 10n], examples: [1, 1] }, DEFAULT_COMBINATION);
		expect(result.gradient).toEqual([0, 10]);
		expect(result.liftPercent).toEqual([0, 0]); // the answer's total influence is negative
		expect(() => combinedWeights({ span: [1], influence: [1n, 2n], examples: [1] })).toThrow(RangeError);
	});
});
