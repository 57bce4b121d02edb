// Each difference function says exactly where evidence, record, rules and recomputation disagree: the subject, the
// field, what checking found and what was recorded, and a sentence for a person. Honest inputs give none.
import { describe, expect, it } from 'vitest';
import type { AttributionReport } from '../../../workers/ml/attribution/attributionReport.ts';
import {
	recomputationDifferences,
	recordDifferences,
	rulesDifferences,
	type RecordedAnswer
} from './attributionDifferences.ts';
import { ADAPTER_CID, AT, recordOf, RULES, sampleEvidence, sampleReport } from './evidence.testing.ts';
import { outputCommitmentOf } from './inferenceEvidence.ts';

const chain = { chainId: AT.chainId, adapterCid: ADAPTER_CID };
const recorded = (): RecordedAnswer => ({ ...recordOf(sampleEvidence()).args.answer });

describe('recordDifferences', () => {
	it('finds none between evidence and the record an honest payer made of it', () => {
		expect(recordDifferences(sampleEvidence(), recorded(), chain)).toEqual([]);
	});

	it('names another chain, model, adapter version and adapter CID', () => {
		const evidence = { ...sampleEvidence(), chainId: 1, modelId: '5', adapterVersion: 1, adapterCid: 'bafyother' };
		const differences = recordDifferences(evidence, recorded(), chain);
		expect(differences.map((d) => [d.subject, d.field, d.expected, d.recorded])).toEqual([
			['evidence', 'chainId', '31337', '1'],
			['evidence', 'modelId', '4', '5'],
			['evidence', 'adapterVersion', '2', '1'],
			['evidence', 'adapterCid', ADAPTER_CID, 'bafyother']
		]);
		expect(differences[3]!.message).toBe(
			`The evidence names adapter bafyother, but the registry published ${ADAPTER_CID} for that version.`
		);
	});

	it('names a record committing to another answer, and evidence whose own commitment is wrong', () => {
		const record = { ...recorded(), outputCommitment: outputCommitmentOf([1]) };
		const [d] = recordDifferences(sampleEvidence(), record, chain);
		expect(d).toMatchObject({
			subject: 'record',
			field: 'outputCommitment',
			expected: outputCommitmentOf([40, 41, 42, 43]),
			recorded: outputCommitmentOf([1])
		});
		const lying = { ...sampleEvidence(), outputCommitment: outputCommitmentOf([1]) };
		expect(recordDifferences(lying, recorded(), chain).map((x) => [x.subject, x.field])).toEqual([
			['evidence', 'outputCommitment']
		]);
	});

	it('names the total weight, a changed weight, a contribution paid only by the record and one only by the evidence', () => {
		const record: RecordedAnswer = {
			...recorded(),
			totalWeight: 1000n,
			contributionIds: [3n, 12n],
			weights: [350n, 100n]
		};
		const differences = recordDifferences(sampleEvidence(), record, chain);
		expect(differences.map((d) => [d.subject, d.field, d.expected, d.recorded])).toEqual([
			['record', 'totalWeight', '910', '1000'],
			['contribution 3', 'weight', '300', '350'],
			['contribution 9', 'paid', 'weight 600', 'not paid'],
			['contribution 12', 'paid', 'not paid', 'weight 100']
		]);
		expect(differences[1]!.message).toBe('Contribution 3 is recorded with weight 350; its evidence says 300.');
		expect(differences[3]!.message).toBe('The record pays contribution 12 (weight 100), which its evidence does not.');
	});
});

describe('rulesDifferences', () => {
	it('finds none for the protocol’s rules', () => {
		expect(rulesDifferences(sampleEvidence(), RULES)).toEqual([]);
	});

	it('names each rule the evidence was computed with that is not the protocol’s', () => {
		const evidence = sampleEvidence();
		evidence.attribution.rules = {
			...RULES,
			spans: { ...RULES.spans, minLength: 2 },
			payment: { thresholdBps: 50, maxPaid: RULES.payment.maxPaid }
		};
		const differences = rulesDifferences(evidence, RULES);
		expect(differences.map((d) => [d.subject, d.field, d.expected, d.recorded])).toEqual([
			['rules', 'spans.minLength', String(RULES.spans.minLength), '2'],
			['rules', 'payment.thresholdBps', '200', '50']
		]);
		expect(differences[1]!.message).toBe(
			"The evidence was computed with payment.thresholdBps 50; the protocol's is 200."
		);
	});
});

describe('recomputationDifferences', () => {
	const recompute = (change: (report: AttributionReport) => void = () => {}) => {
		const report = sampleReport();
		change(report);
		return report;
	};

	it('finds none when the recomputation gives the evidence’s integers', () => {
		expect(recomputationDifferences(sampleEvidence(), recompute())).toEqual([]);
	});

	it('names each contribution’s score that recomputes differently, with both values', () => {
		const evidence = sampleEvidence();
		evidence.scores[1]!.gradient = 87; // contribution 3 claims 87, recomputes to 80
		const [d, ...rest] = recomputationDifferences(evidence, recompute());
		expect(rest).toEqual([]);
		expect(d).toEqual({
			subject: 'contribution 3',
			field: 'gradient',
			expected: '80',
			recorded: '87',
			message: "Contribution 3's gradient score recomputes to 80; the evidence says 87."
		});
	});

	it('names a contribution scored on one side only (missing scores count as 0)', () => {
		const evidence = sampleEvidence();
		evidence.scores = evidence.scores.filter((s) => s.contribution !== '5');
		evidence.scores.push({ contribution: '12', span: 0, gradient: 0, weight: 4 });
		expect(
			recomputationDifferences(evidence, recompute()).map((d) => [d.subject, d.field, d.expected, d.recorded])
		).toEqual([
			['contribution 5', 'gradient', '5', '0'],
			['contribution 5', 'weight', '10', '0'],
			['contribution 12', 'weight', '0', '4']
		]);
	});

	it('names a skewed paid weight, the total and who is paid, and other answer tokens', () => {
		const evidence = sampleEvidence();
		evidence.scores[0]!.weight = 610;
		evidence.paid[1]!.weight = 610;
		evidence.totalWeight = 920;
		evidence.answerTokenIds = [40, 41];
		const differences = recomputationDifferences(evidence, recompute());
		expect(differences.map((d) => [d.subject, d.field, d.expected, d.recorded])).toEqual([
			['evidence', 'answerTokenIds', '4 tokens', '2 tokens'],
			['evidence', 'totalWeight', '910', '920'],
			['contribution 9', 'weight', '600', '610'],
			['evidence', 'paid', '3:300 9:600', '3:300 9:610']
		]);
		expect(differences[3]!.message).toBe(
			'Recomputed, the answer pays #3 (weight 300), #9 (weight 600); the evidence pays #3 (weight 300), #9 (weight 610).'
		);
	});

	it('says the pool when one side pays no contribution', () => {
		const evidence = { ...sampleEvidence(), paid: [] };
		const [d] = recomputationDifferences(evidence, recompute());
		expect(d).toMatchObject({ subject: 'evidence', field: 'paid', recorded: 'the pool' });
		expect(d!.message).toMatch(/the evidence pays the datanet pool\.$/);
	});
});
