import { describe, expect, it } from 'vitest';
import { answerSegments, minimumPaidWeight, paymentPreview, rankedContributions } from './answerAttributionView.ts';
import { describeChange, type AttributionTerms } from '../state/answerPaymentTerms.ts';

describe('answerSegments', () => {
	it('cuts the answer at its spans, matched trimmed and in order', () => {
		const segments = answerSegments('The capital is Duckwater, by the sea.', [
			{ text: ' by the sea', start: 9 },
			{ text: ' Duckwater', start: 3 }
		]);
		expect(segments).toEqual([
			{ text: 'The capital is ' },
			{ text: 'Duckwater', span: 1 },
			{ text: ', ' },
			{ text: 'by the sea', span: 0 },
			{ text: '.' }
		]);
		expect(segments.map((s) => s.text).join('')).toBe('The capital is Duckwater, by the sea.');
	});

	it('leaves out a span it cannot find rather than misplace it', () => {
		expect(answerSegments('Plain answer.', [{ text: 'nowhere', start: 0 }])).toEqual([{ text: 'Plain answer.' }]);
	});
});

describe('rankedContributions', () => {
	it('ranks by weight with the share of the total and who is paid', () => {
		const ranked = rankedContributions({
			scores: [
				{ contribution: '3', span: 1, gradient: 2, weight: 10 },
				{ contribution: '7', span: 5, gradient: 0, weight: 80 },
				{ contribution: '1', span: 0, gradient: 1, weight: 10 }
			],
			paid: [{ contribution: '7', weight: 80 }],
			totalWeight: 100
		});
		expect(ranked.map((r) => [r.contribution, r.shareBps, r.paid])).toEqual([
			['7', 8000, true],
			['1', 1000, false],
			['3', 1000, false]
		]);
	});
});

describe('paymentPreview', () => {
	const split = { dataBps: 7000, modelOwnerBps: 2000, stakersBps: 500, treasuryBps: 500 };

	it('splits the fee as the ledger does and the data share by weight', () => {
		const preview = paymentPreview(1001n, split, {
			paid: [
				{ contribution: '2', weight: 1 },
				{ contribution: '5', weight: 2 }
			]
		});
		// 1001 × 70 % = 700 (rounded down); the treasury takes what rounding leaves.
		expect(preview.amounts).toEqual({ data: 700n, modelOwner: 200n, stakers: 50n, treasury: 51n });
		expect(preview.contributors.map((c) => c.amount)).toEqual([233n, 466n]);
		expect(preview.pool).toBe(false);
	});

	it('says the pool is paid when no contribution clears the threshold', () => {
		expect(paymentPreview(100n, split, { paid: [] })).toMatchObject({ pool: true, contributors: [] });
	});
});

describe('minimumPaidWeight', () => {
	it('is ceil(threshold × total) and never zero', () => {
		expect(minimumPaidWeight(1000, 100)).toBe(10);
		expect(minimumPaidWeight(1001, 100)).toBe(11);
		expect(minimumPaidWeight(0, 100)).toBe(1);
	});
});

describe('describeChange', () => {
	const terms: AttributionTerms = {
		payment: { thresholdBps: 100, maxPaid: 32 },
		split: { dataBps: 7000, modelOwnerBps: 2000, stakersBps: 500, treasuryBps: 500 },
		challengeWindow: 60
	};
	it('names what governance changed, and nothing when nothing did', () => {
		expect(describeChange(terms, { ...terms, challengeWindow: 120 })).toBeUndefined();
		expect(describeChange(terms, { ...terms, payment: { thresholdBps: 250, maxPaid: 32 } })).toBe(
			'the attribution threshold (1 % → 2.5 %)'
		);
		expect(describeChange(terms, { ...terms, split: { ...terms.split, dataBps: 6000, treasuryBps: 1500 } })).toContain(
			'the fee split (70 % / 20 % / 5 % / 5 % → 60 % / 20 % / 5 % / 15 %)'
		);
	});
});
