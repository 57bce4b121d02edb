// Re-checking a recorded answer from nothing but the chain and IPFS: fetch the evidence its record names, check it
// against the record (output commitment, model, adapter version and CID, who is paid), check that it used the
// protocol's rules of the record's block, recompute its attribution, and compare. The page, the validator tab and
// `provena verify` give this the same record and differ only in how they read IPFS and where they recompute.
import type { AttributionReport } from '../../../workers/ml/attribution/attributionReport.ts';
import { DEFAULT_ATTRIBUTION_RULES, type AttributionRules } from '../../../workers/ml/attribution/attributeAnswer.ts';
import { errorMessage } from '../../../workers/shared/errors/errorMessage.ts';
import type { InferenceRecord } from '../chain/actions/getInferenceRecords.ts';
import {
	recomputationDifferences,
	recordDifferences,
	rulesDifferences,
	type AttributionDifference
} from './attributionDifferences.ts';
import { parseInferenceEvidence, type InferenceEvidence } from './inferenceEvidence.ts';

/** The outcome: it matches, exactly what differs, or why it could not be checked (evidence missing or unreadable). */
export type InferenceVerdict =
	| { kind: 'matches'; evidence: InferenceEvidence; recomputed: AttributionReport }
	| {
			kind: 'differs';
			differences: AttributionDifference[];
			evidence: InferenceEvidence;
			recomputed?: AttributionReport;
			/** Why recomputation did not run, when it did not. */
			recomputeError?: string;
	  }
	| { kind: 'unverifiable'; reason: string };

/** Everything verification reads, injected so Node and the page bring their own IPFS and engine. */
export type VerifyInferenceInputs = {
	chainId: number;
	record: InferenceRecord;
	/** The adapter CID the registry published for the record's model and version. */
	adapterCid: string;
	/** ProtocolParams' threshold and most paid at the record's block. */
	payment: AttributionRules['payment'];
	/** The evidence's bytes; rejects when they cannot be fetched. */
	readEvidence: (cid: string) => Promise<Uint8Array>;
	/** Recomputes the evidence's example over the published adapter with the given rules. */
	recompute: (evidence: InferenceEvidence, adapterCid: string, rules: AttributionRules) => Promise<AttributionReport>;
};

/** The rules an answer must be attributed under: the engine's, with the payment rules governance set. */
export function protocolAttributionRules(payment: AttributionRules['payment']): AttributionRules {
	return { ...DEFAULT_ATTRIBUTION_RULES, payment: { thresholdBps: payment.thresholdBps, maxPaid: payment.maxPaid } };
}

/**
 * Verifies one recorded answer.
 *
 * @example
 * const verdict = await verifyInference({ chainId, record, adapterCid, payment, readEvidence, recompute });
 * if (verdict.kind !== 'matches') for (const d of verdict.differences ?? []) console.log(d.message);
 */
export async function verifyInference(inputs: VerifyInferenceInputs): Promise<InferenceVerdict> {
	const { answer } = inputs.record.args;
	let bytes: Uint8Array;
	try {
		bytes = await inputs.readEvidence(answer.evidenceCid);
	} catch (error) {
		return {
			kind: 'unverifiable',
			reason:
				`The evidence ${answer.evidenceCid} could not be fetched from IPFS: ${errorMessage(error)} ` +
				'Without it the record cannot be checked: ask the payer for a copy of the evidence and check that copy.'
		};
	}
	let evidence: InferenceEvidence;
	try {
		evidence = parseInferenceEvidence(bytes);
	} catch (error) {
		return {
			kind: 'unverifiable',
			reason: `The evidence ${answer.evidenceCid} cannot be read: ${errorMessage(error)}`
		};
	}
	return verifyEvidence(inputs, evidence);
}

/**
 * Verifies a record against evidence already read (a copy someone hands over, or one fetched by its CID). When the
 * recomputation itself fails (the adapter folder cannot be fetched), the verdict is 'differs' if the record and
 * evidence already disagree, else 'unverifiable'.
 */
export async function verifyEvidence(
	inputs: Omit<VerifyInferenceInputs, 'readEvidence'>,
	evidence: InferenceEvidence
): Promise<InferenceVerdict> {
	const rules = protocolAttributionRules(inputs.payment);
	const differences = [
		...recordDifferences(evidence, inputs.record.args.answer, {
			chainId: inputs.chainId,
			adapterCid: inputs.adapterCid
		}),
		...rulesDifferences(evidence, rules)
	];
	let recomputed: AttributionReport;
	try {
		recomputed = await inputs.recompute(evidence, inputs.adapterCid, rules);
	} catch (error) {
		// What the record and evidence alone show still counts; with nothing to show, the answer is simply unchecked.
		if (differences.length === 0)
			return { kind: 'unverifiable', reason: `The answer could not be recomputed: ${errorMessage(error)}` };
		return { kind: 'differs', differences, evidence, recomputeError: errorMessage(error) };
	}
	differences.push(...recomputationDifferences(evidence, recomputed));
	return differences.length === 0
		? { kind: 'matches', evidence, recomputed }
		: { kind: 'differs', differences, evidence, recomputed };
}
