// A small attribution report and the evidence, record and verification inputs it implies, for the attribution
// modules' unit tests: three scored contributions (ids 3, 5 and 9), two of them paid, under the default rules.
import type { AttributionReport } from '../../../workers/ml/attribution/attributionReport.ts';
import { ATTRIBUTION_EVIDENCE_FORMAT } from '../../../workers/ml/attribution/attributionReport.ts';
import type { InferenceRecord } from '../chain/actions/getInferenceRecords.ts';
import { inferenceEvidenceOf, type InferenceEvidence } from './inferenceEvidence.ts';
import { ledgerAnswerOf } from './ledgerAnswer.ts';
import { protocolAttributionRules } from './verifyInference.ts';

export const PAYMENT = { thresholdBps: 200, maxPaid: 16 };
export const RULES = protocolAttributionRules(PAYMENT);
export const ADAPTER_CID = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
export const EVIDENCE_CID = 'bafkreidyaaru5rpbsmzzsfzqvggu7nqrhustrr4ejg5jmbwnr5wcccuu3a';
export const AT = { chainId: 31337, modelId: '4', adapterVersion: 2, adapterCid: ADAPTER_CID };

/** A report as the engine returns it: contributions ranked by weight (9 first), 3 and 9 paid, by id ascending. */
export function sampleReport(): AttributionReport {
	return {
		answerTokenIds: [40, 41, 42, 43],
		spans: [
			{
				start: 0,
				end: 4,
				text: 'the capital is x',
				count: 1,
				surpriseBits: 30,
				contributions: ['9'],
				context: { before: 'Q: ', after: '.' }
			}
		],
		scores: [
			{ contribution: '9', span: 700, gradient: 120, weight: 600 },
			{ contribution: '3', span: 200, gradient: 80, weight: 300 },
			{ contribution: '5', span: 0, gradient: 5, weight: 10 }
		],
		totalWeight: 910,
		paid: [
			{ contribution: '3', weight: 300 },
			{ contribution: '9', weight: 600 }
		],
		pool: false,
		evidence: {
			format: ATTRIBUTION_EVIDENCE_FORMAT,
			adapter: 'a'.repeat(64),
			tokenizer: 'b'.repeat(64),
			spanIndex: 'c'.repeat(64),
			gradientSketches: 'd'.repeat(64),
			example: { tokenIds: [1, 2, 3, 40, 41, 42, 43], lossMask: [0, 0, 0, 1, 1, 1, 1] },
			rules: RULES
		}
	};
}

export const sampleEvidence = (): InferenceEvidence => inferenceEvidenceOf(sampleReport(), AT);

/** The InferenceRecorded record an honest payer makes of `evidence`. */
export function recordOf(evidence: InferenceEvidence, evidenceCid = EVIDENCE_CID): InferenceRecord {
	const answer = ledgerAnswerOf(evidence, evidenceCid);
	return {
		args: { answer, recordId: 7n } as unknown as InferenceRecord['args'],
		blockNumber: 100n,
		transactionHash: `0x${'ab'.repeat(32)}`
	};
}
