// verifyInference with its IPFS and its engine injected: the verdicts' shapes (matches, differs with what, and
// unverifiable with why), and which rules recomputation is asked to use.
import { describe, expect, it, vi } from 'vitest';
import type { AttributionRules } from '../../../workers/ml/attribution/attributeAnswer.ts';
import {
	ADAPTER_CID,
	AT,
	EVIDENCE_CID,
	PAYMENT,
	recordOf,
	RULES,
	sampleEvidence,
	sampleReport
} from './evidence.testing.ts';
import { encodeInferenceEvidence } from './inferenceEvidence.ts';
import { protocolAttributionRules, verifyEvidence, verifyInference } from './verifyInference.ts';

const inputs = (overrides: Partial<Parameters<typeof verifyInference>[0]> = {}) => ({
	chainId: AT.chainId,
	record: recordOf(sampleEvidence()),
	adapterCid: ADAPTER_CID,
	payment: PAYMENT,
	readEvidence: async () => encodeInferenceEvidence(sampleEvidence()),
	recompute: async () => sampleReport(),
	...overrides
});

describe('protocolAttributionRules', () => {
	it('is the engine’s span and combination rules with governance’s payment rules', () => {
		const rules = protocolAttributionRules({ thresholdBps: 350, maxPaid: 4 });
		expect(rules.payment).toEqual({ thresholdBps: 350, maxPaid: 4 });
		expect(rules.spans).toEqual(RULES.spans);
		expect(rules.combination).toEqual(RULES.combination);
	});
});

describe('verifyInference', () => {
	it('matches an honest record, fetching the CID it names and recomputing over the published adapter', async () => {
		const readEvidence = vi.fn(async () => encodeInferenceEvidence(sampleEvidence()));
		const recompute = vi.fn(async (_e: unknown, _cid: string, _rules: AttributionRules) => sampleReport());
		const verdict = await verifyInference(inputs({ readEvidence, recompute }));
		expect(verdict.kind).toBe('matches');
		expect(readEvidence).toHaveBeenCalledWith(EVIDENCE_CID);
		expect(recompute.mock.calls[0]![1]).toBe(ADAPTER_CID);
		expect(recompute.mock.calls[0]![2]).toEqual(protocolAttributionRules(PAYMENT));
	});

	it('is unverifiable, saying what to do, when the evidence cannot be fetched', async () => {
		const verdict = await verifyInference(
			inputs({ readEvidence: () => Promise.reject(new Error('no block arrived in 30 s')) })
		);
		expect(verdict).toEqual({
			kind: 'unverifiable',
			reason: expect.stringMatching(
				new RegExp(
					`^The evidence ${EVIDENCE_CID} could not be fetched from IPFS: no block arrived in 30 s.*ask the payer for a copy`
				)
			)
		});
	});

	it('is unverifiable when the evidence cannot be read', async () => {
		const verdict = await verifyInference(inputs({ readEvidence: async () => new TextEncoder().encode('{}') }));
		expect(verdict).toMatchObject({ kind: 'unverifiable', reason: expect.stringContaining('cannot be read') });
	});

	it('differs, with every difference, when the evidence was computed with a lower threshold and skewed', async () => {
		const evidence = sampleEvidence();
		evidence.attribution.rules = { ...evidence.attribution.rules, payment: { ...PAYMENT, thresholdBps: 10 } };
		evidence.scores[0]!.weight = 610;
		evidence.paid[1]!.weight = 610;
		const verdict = await verifyInference(
			inputs({ record: recordOf(evidence), readEvidence: async () => encodeInferenceEvidence(evidence) })
		);
		expect(verdict.kind).toBe('differs');
		if (verdict.kind !== 'differs') return;
		expect(verdict.differences.map((d) => `${d.subject} ${d.field}`)).toEqual([
			'rules payment.thresholdBps',
			'contribution 9 weight',
			'evidence paid'
		]);
		expect(verdict.recomputed).toBeDefined();
	});
});

describe('verifyEvidence', () => {
	it('checks a copy against the record: a tampered copy differs from the record and the recomputation', async () => {
		const copy = sampleEvidence();
		copy.paid[0]!.weight = 301;
		const verdict = await verifyEvidence(inputs(), copy);
		expect(verdict.kind).toBe('differs');
		if (verdict.kind === 'differs')
			expect(verdict.differences.map((d) => `${d.subject} ${d.field} ${d.expected} ${d.recorded}`)).toEqual([
				'contribution 3 weight 301 300',
				'evidence paid 3:300 9:600 3:301 9:600'
			]);
	});

	it('is unverifiable when recomputation fails and nothing else differs', async () => {
		const verdict = await verifyEvidence(
			inputs({ recompute: () => Promise.reject(new Error('the adapter folder could not be fetched')) }),
			sampleEvidence()
		);
		expect(verdict).toEqual({
			kind: 'unverifiable',
			reason: 'The answer could not be recomputed: the adapter folder could not be fetched'
		});
	});

	it('still differs, saying recomputation did not run, when the record already disagrees', async () => {
		const copy = { ...sampleEvidence(), modelId: '5' };
		const verdict = await verifyEvidence(inputs({ recompute: () => Promise.reject(new Error('offline')) }), copy);
		expect(verdict).toMatchObject({ kind: 'differs', recomputeError: 'offline' });
	});
});
