// The evidence put on IPFS: one canonical encoding (so one CID), a faithful round trip, and a parse that names the
// first field a verifier could not rely on.
import { describe, expect, it } from 'vitest';
import { encodeAbiParameters, keccak256 } from 'viem';
import {
	encodeInferenceEvidence,
	exampleAnswerTokenIds,
	INFERENCE_EVIDENCE_FORMAT,
	inferenceEvidenceOf,
	InvalidEvidenceError,
	outputCommitmentOf,
	parseInferenceEvidence,
	type InferenceEvidence
} from './inferenceEvidence.ts';
import { AT, sampleEvidence, sampleReport } from './evidence.testing.ts';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const parseError = (value: unknown) => {
	try {
		parseInferenceEvidence(value instanceof Uint8Array ? value : encode(value));
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidEvidenceError);
		return (error as InvalidEvidenceError).shortMessage;
	}
	throw new Error('parsed');
};

describe('inferenceEvidenceOf', () => {
	it('takes the report whole, with its model, adapter and the answer tokens’ commitment', () => {
		const report = sampleReport();
		const evidence = sampleEvidence();
		expect(evidence).toMatchObject({ format: INFERENCE_EVIDENCE_FORMAT, ...AT, totalWeight: 910 });
		expect(evidence.outputCommitment).toBe(
			keccak256(encodeAbiParameters([{ type: 'uint32[]' }], [report.answerTokenIds]))
		);
		expect(evidence.scores).toEqual(report.scores);
		expect(evidence.paid).toEqual(report.paid);
		expect(evidence.attribution).toEqual(report.evidence);
		expect(exampleAnswerTokenIds(evidence)).toEqual(report.answerTokenIds);
	});

	it('copies what it keeps: changing the report later does not change the evidence', () => {
		const report = sampleReport();
		const evidence = inferenceEvidenceOf(report, AT);
		report.answerTokenIds.push(99);
		report.scores[0]!.weight = 1;
		report.evidence.example.tokenIds.push(99);
		expect(evidence.answerTokenIds).toEqual([40, 41, 42, 43]);
		expect(evidence.scores[0]!.weight).toBe(600);
		expect(evidence.attribution.example.tokenIds).toHaveLength(7);
	});
});

describe('encodeInferenceEvidence', () => {
	it('is canonical: sorted keys at every depth, no spaces, one trailing newline, whatever the key order', () => {
		const evidence = sampleEvidence();
		const shuffled = Object.fromEntries(Object.entries(evidence).reverse()) as InferenceEvidence;
		shuffled.attribution = Object.fromEntries(
			Object.entries(evidence.attribution).reverse()
		) as InferenceEvidence['attribution'];
		const bytes = encodeInferenceEvidence(evidence);
		expect(encodeInferenceEvidence(shuffled)).toEqual(bytes);
		const text = new TextDecoder().decode(bytes);
		expect(text.endsWith('}\n')).toBe(true);
		expect(text.indexOf('\n')).toBe(text.length - 1);
		expect(text).not.toMatch(/": /);
		expect(text.startsWith('{"adapterCid":')).toBe(true);
		expect(text).toContain('"rules":{"combination":{');
	});

	it('round-trips through parseInferenceEvidence to the same value and the same bytes', () => {
		const evidence = sampleEvidence();
		const bytes = encodeInferenceEvidence(evidence);
		const parsed = parseInferenceEvidence(bytes);
		expect(parsed).toEqual(evidence);
		expect(encodeInferenceEvidence(parsed)).toEqual(bytes);
	});
});

describe('outputCommitmentOf', () => {
	it('is keccak256 of the ABI-encoded uint32[] and depends on order', () => {
		expect(outputCommitmentOf([1, 2])).toBe(keccak256(encodeAbiParameters([{ type: 'uint32[]' }], [[1, 2]])));
		expect(outputCommitmentOf([1, 2])).not.toBe(outputCommitmentOf([2, 1]));
		expect(outputCommitmentOf([])).toMatch(/^0x[0-9a-f]{64}$/);
	});
});

describe('parseInferenceEvidence', () => {
	const good = () => JSON.parse(JSON.stringify(sampleEvidence())) as Record<string, unknown> & InferenceEvidence;

	it('refuses bytes that are not UTF-8 JSON', () => {
		expect(parseError(new Uint8Array([0xff, 0xfe]))).toMatch(/not UTF-8 JSON/);
		expect(parseError(new TextEncoder().encode('{"format":'))).toMatch(/not UTF-8 JSON/);
	});

	it('refuses another format, naming it', () => {
		expect(parseError([])).toMatch(/top level is not an object/);
		expect(parseError({ ...good(), format: 'provena-inference-evidence/0' })).toMatch(
			/not Provena inference evidence \(format "provena-inference-evidence\/0", expected provena-inference-evidence\/1\)/
		);
	});

	it.each([
		['chainId', -1, /chainId is not a chain id/],
		['modelId', 4, /modelId is not a decimal model id/],
		['modelId', '0x4', /modelId is not a decimal model id/],
		['adapterVersion', 1.5, /adapterVersion is not a version number/],
		['adapterCid', '', /adapterCid is not a CID/],
		['outputCommitment', '0xABC', /outputCommitment is not a 32-byte hash/],
		['answerTokenIds', [1, -2], /answerTokenIds is not a list of token ids/],
		['totalWeight', '910', /totalWeight is not a whole number/],
		['scores', [{ contribution: '3', span: 1.5, gradient: 0, weight: 1 }], /scores is not a list of integer scores/],
		['paid', [{ contribution: 3, weight: 1 }], /paid is not a list of contribution weights/],
		['spans', {}, /spans is not a list/],
		['attribution', { format: 'other' }, /attribution is not provena-attribution-evidence\/1 evidence/]
	])('names a bad %s', (field, value, message) => {
		expect(parseError({ ...good(), [field]: value })).toMatch(message);
	});

	it('names a bad example or rules inside the attribution', () => {
		const evidence = good();
		evidence.attribution.example = { tokenIds: [1, 2], lossMask: [0] };
		expect(parseError(evidence)).toMatch(
			/attribution.example is not token ids with a 0\/1 loss mask of the same length/
		);
		evidence.attribution.example = { tokenIds: [1, 2], lossMask: [0, 2] };
		expect(parseError(evidence)).toMatch(/0\/1 loss mask/);
		const noPayment = good();
		delete (noPayment.attribution.rules as Partial<typeof noPayment.attribution.rules>).payment;
		expect(parseError(noPayment)).toMatch(/attribution.rules is not the engine rules/);
		const wordy = good();
		(wordy.attribution.rules.spans as Record<string, unknown>).minLength = 'four';
		expect(parseError(wordy)).toMatch(/attribution.rules is not the engine rules/);
	});
});
