import { describe, expect, it } from 'vitest';
import { combinedWeights, DEFAULT_COMBINATION, SHARE_BITS } from './combinedWeights.ts';
import { bigintSqrt } from './gradientSketches.ts';

const SHARE = 2 ** SHARE_BITS;

describe('combinedWeights', () => {
	it('pays nobody for an answer without span evidence, however its gradients lean (the evidence floor)', () => {
		const result = combinedWeights({ span: [0, 0, 0], influence: [10n, 900n, 5n], norms: [10n, 10n, 10n] });
		expect(result.weights).toEqual([0, 0, 0]);
		expect(result.totalWeight).toBe(0);
		// The lift is still measured (and reported): contribution 1's cosine is 900 / 305 of the mean.
		expect(result.liftPercent[1]).toBe(Math.floor((900 * 3 * 100) / 915));
	});

	it('mixes span shares and lifted gradient shares in the rules’ parts', () => {
		const result = combinedWeights(
			{ span: [3000, 1000, 0], influence: [100n, 100n, 1000n], norms: [1n, 1n, 1n] },
			{ spanParts: 3, gradientParts: 1, minLiftPercent: 150 }
		);
		// Spans 3/4 and 1/4 of 2^20, times 3; only contribution 2 is lifted (1000 against a mean of 400: 250 %).
		expect(result.weights).toEqual([3 * ((SHARE * 3) / 4), 3 * (SHARE / 4), SHARE]);
		expect(result.totalWeight).toBe(4 * SHARE);
		expect(result.gradient).toEqual([100, 100, 1000]);
	});

	it('ranks gradients by cosine, so a contribution is not lifted by its size alone', () => {
		// Nine examples pulling one way sum to nine times the influence and nine times the norm.
		const result = combinedWeights({ span: [1, 0], influence: [900n, 100n], norms: [90n, 10n] });
		expect(result.liftPercent).toEqual([100, 100]);
		expect(result.weights[1]).toBe(0);
	});

	it('earns nothing from negative influence and refuses mismatched inputs', () => {
		const result = combinedWeights({ span: [5, 5], influence: [-50n, 10n], norms: [1n, 1n] }, DEFAULT_COMBINATION);
		expect(result.gradient).toEqual([0, 10]);
		expect(result.liftPercent).toEqual([0, 0]); // the mean cosine is negative
		expect(() => combinedWeights({ span: [1], influence: [1n, 2n], norms: [1n] })).toThrow(RangeError);
	});
});

describe('bigintSqrt', () => {
	it('is the exact floor of the square root, beyond float precision too', () => {
		for (const n of [0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n, 10n ** 30n, 10n ** 30n - 1n, (2n ** 61n + 7n) ** 2n - 1n]) {
			const r = bigintSqrt(n);
			expect(r * r <= n && (r + 1n) * (r + 1n) > n, String(n)).toBe(true);
		}
		expect(() => bigintSqrt(-1n)).toThrow(RangeError);
	});
});
