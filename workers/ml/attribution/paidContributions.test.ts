// The payment rule against the AttributionLedger's own check, restated: each paid weight clears
// ceil(threshold × total / 10 000) and 1, no more than maxPaid are paid, the heaviest first, ids ascending.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seededRandom.ts';
import { paidContributions } from './paidContributions.ts';

describe('paidContributions', () => {
	it('pays those at or over the threshold, heaviest first up to the maximum, by id', () => {
		const weights = [
			{ contribution: 9n, weight: 30 },
			{ contribution: 2n, weight: 10 },
			{ contribution: 5n, weight: 30 },
			{ contribution: 7n, weight: 9 }
		];
		expect(paidContributions(weights, 100, 1000, 8)).toEqual([
			{ contribution: 2n, weight: 10 },
			{ contribution: 5n, weight: 30 },
			{ contribution: 9n, weight: 30 }
		]);
		// Ties go to the lower id when the maximum cuts.
		expect(paidContributions(weights, 100, 1000, 1)).toEqual([{ contribution: 5n, weight: 30 }]);
		expect(paidContributions(weights, 100, 3001, 8)).toEqual([]);
		expect(paidContributions([], 0, 1000, 8)).toEqual([]);
		// A zero weight never clears, even at a zero threshold.
		expect(paidContributions([{ contribution: 1, weight: 0 }], 10, 0, 8)).toEqual([]);
	});

	it('meets the contract’s check on random attributions, and rounds the threshold up as it does', () => {
		const random = seededRandom(4);
		for (let trial = 0; trial < 500; trial++) {
			const weights = Array.from({ length: Math.floor(random.uniform() * 12) }, (_, i) => ({
				contribution: BigInt(i * 3 + 1),
				weight: Math.floor(random.uniform() ** 3 * 1e6)
			}));
			const sum = weights.reduce((s, w) => s + w.weight, 0);
			const total = sum + Math.floor(random.uniform() * 1e6);
			const threshold = Math.floor(random.uniform() * 5001);
			const maxPaid = Math.floor(random.uniform() * 6);
			const paid = paidContributions(weights, total, threshold, maxPaid);
			const minimum = Math.max(1, Math.ceil((threshold * total) / 10_000));
			expect(paid.length).toBeLessThanOrEqual(maxPaid);
			for (const { weight } of paid) expect(weight).toBeGreaterThanOrEqual(minimum);
			expect(paid.map((p) => p.contribution)).toEqual(
				[...paid.map((p) => p.contribution)].sort((a, b) => (a < b ? -1 : 1))
			);
			const cleared = weights.filter((w) => w.weight >= minimum).length;
			expect(paid.length).toBe(Math.min(cleared, maxPaid));
		}
		expect(paidContributions([{ contribution: 1, weight: 1 }], 10_001, 1, 8)).toEqual([]); // ceil(1.0001) = 2
		expect(paidContributions([{ contribution: 1, weight: 2 }], 10_001, 1, 8)).toEqual([{ contribution: 1, weight: 2 }]);
		expect(paidContributions([{ contribution: 1, weight: 2 }], 10_001, 2, 8)).toEqual([]); // ceil(2.0002) = 3
	});

	it('refuses weights over the total and settings out of range', () => {
		expect(() => paidContributions([{ contribution: 1, weight: 11 }], 10, 0, 8)).toThrow(
			'more than the total weight 10'
		);
		expect(() => paidContributions([], 10, 10_001, 8)).toThrow('thresholdBps is at most 10000');
		expect(() => paidContributions([{ contribution: 1, weight: -1 }], 10, 0, 8)).toThrow(
			'Contribution 1 has weight -1.'
		);
	});
});
