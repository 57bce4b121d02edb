// From evidence to the ledger: the Answer struct in the order the contract requires, and the fee split with the
// contract's own integer arithmetic (each share rounded down, the remainder to the treasury).
import { describe, expect, it } from 'vitest';
import { contributionPayouts, feeAmountsOf, ledgerAnswerOf } from './ledgerAnswer.ts';
import { EVIDENCE_CID, sampleEvidence } from './evidence.testing.ts';

describe('ledgerAnswerOf', () => {
	it('names the paid contributions by id ascending with their weights, and the evidence CID', () => {
		const evidence = sampleEvidence();
		evidence.paid = [
			{ contribution: '12', weight: 50 },
			{ contribution: '9', weight: 600 },
			{ contribution: '3', weight: 300 }
		];
		expect(ledgerAnswerOf(evidence, EVIDENCE_CID)).toEqual({
			modelId: 4n,
			adapterVersion: 2,
			contributionIds: [3n, 9n, 12n],
			weights: [300n, 600n, 50n],
			totalWeight: 910n,
			outputCommitment: evidence.outputCommitment,
			evidenceCid: EVIDENCE_CID
		});
	});

	it('sorts numerically, not as text (9 before 10)', () => {
		const evidence = sampleEvidence();
		evidence.paid = [
			{ contribution: '10', weight: 1 },
			{ contribution: '9', weight: 2 }
		];
		expect(ledgerAnswerOf(evidence, EVIDENCE_CID).contributionIds).toEqual([9n, 10n]);
	});

	it('pays the pool with empty lists', () => {
		const evidence = { ...sampleEvidence(), paid: [] };
		expect(ledgerAnswerOf(evidence, EVIDENCE_CID)).toMatchObject({ contributionIds: [], weights: [] });
	});

	it('refuses a contribution named by a file path (an offline run): it cannot be paid', () => {
		const evidence = { ...sampleEvidence(), paid: [{ contribution: 'data/facts.jsonl', weight: 3 }] };
		expect(() => ledgerAnswerOf(evidence, EVIDENCE_CID)).toThrow(
			/"data\/facts.jsonl" is not an on-chain contribution id/
		);
	});
});

describe('feeAmountsOf', () => {
	/** The contract's arithmetic, written out in full: AttributionLedger._record. */
	function contract(fee: bigint, split: { dataBps: number; modelOwnerBps: number; stakersBps: number }) {
		const data = (fee * BigInt(split.dataBps)) / 10_000n;
		const modelOwner = (fee * BigInt(split.modelOwnerBps)) / 10_000n;
		const stakers = (fee * BigInt(split.stakersBps)) / 10_000n;
		return { data, modelOwner, stakers, treasury: fee - data - modelOwner - stakers };
	}

	it('rounds each share down and gives the remainder to the treasury', () => {
		const split = { dataBps: 7000, modelOwnerBps: 2000, stakersBps: 999, treasuryBps: 1 };
		expect(feeAmountsOf(10_001n, split)).toEqual({ data: 7000n, modelOwner: 2000n, stakers: 999n, treasury: 2n });
		const amounts = feeAmountsOf(10n ** 15n + 7n, split);
		expect(amounts.data + amounts.modelOwner + amounts.stakers + amounts.treasury).toBe(10n ** 15n + 7n);
	});

	it('agrees with the contract’s formula on many fees and splits', () => {
		let seed = 12345;
		const next = (max: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % max;
		for (let i = 0; i < 500; i++) {
			const dataBps = next(10_001);
			const modelOwnerBps = next(10_001 - dataBps);
			const stakersBps = next(10_001 - dataBps - modelOwnerBps);
			const split = { dataBps, modelOwnerBps, stakersBps, treasuryBps: 10_000 - dataBps - modelOwnerBps - stakersBps };
			const fee = BigInt(next(2 ** 30)) * BigInt(next(2 ** 30) + 1);
			expect(feeAmountsOf(fee, split)).toEqual(contract(fee, split));
		}
	});
});

describe('contributionPayouts', () => {
	it('divides the data share by weight, each rounded down, as finalisation credits it', () => {
		const payouts = contributionPayouts(1000n, [
			{ contribution: '3', weight: 1 },
			{ contribution: '9', weight: 2 }
		]);
		expect(payouts).toEqual([
			{ contribution: '3', weight: 1, amount: 333n },
			{ contribution: '9', weight: 2, amount: 666n }
		]);
		// The wei left over (1 here) is the treasury's.
		expect(1000n - payouts.reduce((sum, p) => sum + p.amount, 0n)).toBe(1n);
	});

	it('pays nobody when nothing is paid', () => {
		expect(contributionPayouts(1000n, [])).toEqual([]);
	});
});
