// The evidence of a paid answer, as it is put on IPFS before `recordInference` names its CID: which model and adapter
// answered, the answer's token ids (whose keccak256 is the record's output commitment), the integer scores the payer
// computed and the inputs (the prompt and answer as the adapter read them, the rules) that let anyone recompute them.
// One canonical JSON encoding, so the same evidence always has the same CID.
import { encodeAbiParameters, keccak256, type Hex } from 'viem';
import { canonicalJson } from '../../../workers/ml/factory/fingerprint.ts';
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import {
	ATTRIBUTION_EVIDENCE_FORMAT,
	type AttributionEvidence,
	type AttributionReport
} from '../../../workers/ml/attribution/attributionReport.ts';

export const INFERENCE_EVIDENCE_FORMAT = 'provena-inference-evidence/1';

/** A contribution's integer scores in an answer (contributions named by their on-chain id, in decimal). */
export type EvidenceScore = { contribution: string; span: number; gradient: number; weight: number };

/** What a recorded answer's evidence CID holds. */
export type InferenceEvidence = {
	format: typeof INFERENCE_EVIDENCE_FORMAT;
	chainId: number;
	/** The registered model (decimal id) and the adapter version that answered. */
	modelId: string;
	adapterVersion: number;
	/** The adapter folder's CID as the registry published it (its attribution/ holds the artifacts). */
	adapterCid: string;
	/** keccak256 of the answer's token ids: the record's outputCommitment. */
	outputCommitment: Hex;
	answerTokenIds: number[];
	/** Every contribution with a score, by weight as the engine ranked them. */
	scores: EvidenceScore[];
	totalWeight: number;
	/** The contributions the record pays, by id ascending; empty when the pool is paid. */
	paid: { contribution: string; weight: number }[];
	/** The spans found, for a reader; recomputation does not need them. */
	spans: AttributionReport['spans'];
	/** The engine's inputs: prompt and answer as token ids with the answer's mask, rules and artifact hashes. */
	attribution: AttributionEvidence;
};

/** Evidence that cannot be read: not JSON, another format, or a field of the wrong kind. */
export class InvalidEvidenceError extends ProvenaError {
	override name = 'InvalidEvidenceError';
}

/**
 * The commitment a record makes to its answer: keccak256 of the ABI-encoded token ids (uint32[]).
 *
 * @example
 * outputCommitmentOf([12, 7, 99]); // '0x…', what recordInference's outputCommitment must be
 */
export function outputCommitmentOf(answerTokenIds: readonly number[]): Hex {
	return keccak256(encodeAbiParameters([{ type: 'uint32[]' }], [answerTokenIds]));
}

/**
 * The evidence of `report`, an answer of adapter version `adapterVersion` of model `modelId`.
 *
 * @example
 * const evidence = inferenceEvidenceOf(report, { chainId: 31337, modelId: '1', adapterVersion: 1, adapterCid });
 */
export function inferenceEvidenceOf(
	report: AttributionReport,
	at: { chainId: number; modelId: string; adapterVersion: number; adapterCid: string }
): InferenceEvidence {
	return {
		format: INFERENCE_EVIDENCE_FORMAT,
		chainId: at.chainId,
		modelId: at.modelId,
		adapterVersion: at.adapterVersion,
		adapterCid: at.adapterCid,
		outputCommitment: outputCommitmentOf(report.answerTokenIds),
		answerTokenIds: [...report.answerTokenIds],
		scores: report.scores.map(({ contribution, span, gradient, weight }) => ({ contribution, span, gradient, weight })),
		totalWeight: report.totalWeight,
		paid: report.paid.map(({ contribution, weight }) => ({ contribution, weight })),
		spans: structuredClone(report.spans),
		attribution: structuredClone(report.evidence)
	};
}

/** The evidence's bytes as stored on IPFS: canonical JSON (sorted keys) and a trailing newline. */
export function encodeInferenceEvidence(evidence: InferenceEvidence): Uint8Array {
	return new TextEncoder().encode(`${canonicalJson(evidence)}\n`);
}

/**
 * Reads evidence bytes, checking every field a verifier relies on; throws InvalidEvidenceError naming the first
 * bad one.
 */
export function parseInferenceEvidence(bytes: Uint8Array): InferenceEvidence {
	let value: unknown;
	try {
		value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch (error) {
		throw new InvalidEvidenceError('The evidence is not UTF-8 JSON, so nothing in it can be checked.', {
			cause: error
		});
	}
	const bad = (field: string, want: string): never => {
		throw new InvalidEvidenceError(`The evidence's ${field} is not ${want}; it cannot be checked.`);
	};
	if (!isObject(value)) return bad('top level', 'an object');
	if (value.format !== INFERENCE_EVIDENCE_FORMAT)
		throw new InvalidEvidenceError(
			`This is not Provena inference evidence (format ${JSON.stringify(value.format)}, expected ${INFERENCE_EVIDENCE_FORMAT}).`
		);
	if (!isCount(value.chainId)) bad('chainId', 'a chain id');
	if (typeof value.modelId !== 'string' || !/^\d+$/.test(value.modelId)) bad('modelId', 'a decimal model id');
	if (!isCount(value.adapterVersion)) bad('adapterVersion', 'a version number');
	if (typeof value.adapterCid !== 'string' || !value.adapterCid) bad('adapterCid', 'a CID');
	if (typeof value.outputCommitment !== 'string' || !/^0x[0-9a-f]{64}$/.test(value.outputCommitment))
		bad('outputCommitment', 'a 32-byte hash');
	if (!isCountList(value.answerTokenIds)) bad('answerTokenIds', 'a list of token ids');
	if (!isCount(value.totalWeight)) bad('totalWeight', 'a whole number');
	if (!Array.isArray(value.scores) || !value.scores.every(isScore)) bad('scores', 'a list of integer scores');
	if (!Array.isArray(value.paid) || !value.paid.every(isPaid)) bad('paid', 'a list of contribution weights');
	if (!Array.isArray(value.spans)) bad('spans', 'a list');
	const attribution = value.attribution;
	if (!isObject(attribution) || attribution.format !== ATTRIBUTION_EVIDENCE_FORMAT)
		bad('attribution', `${ATTRIBUTION_EVIDENCE_FORMAT} evidence`);
	const example = (attribution as Record<string, unknown>).example;
	if (!isObject(example) || !isCountList(example.tokenIds) || !isCountList(example.lossMask))
		bad('attribution.example', 'token ids with a loss mask');
	const { tokenIds, lossMask } = example as { tokenIds: number[]; lossMask: number[] };
	if (tokenIds.length !== lossMask.length || lossMask.some((m) => m !== 0 && m !== 1))
		bad('attribution.example', 'token ids with a 0/1 loss mask of the same length');
	const rules = (attribution as Record<string, unknown>).rules;
	if (
		!isObject(rules) ||
		!(['spans', 'combination', 'payment'] as const).every(
			(part) => isObject(rules[part]) && Object.values(rules[part]).every((v) => Number.isFinite(v))
		)
	)
		bad('attribution.rules', 'the engine rules (spans, combination and payment, in numbers)');
	return value as InferenceEvidence;
}

/** The answer's token ids as the evidence's example marks them (lossMask 1). */
export function exampleAnswerTokenIds(evidence: InferenceEvidence): number[] {
	const { tokenIds, lossMask } = evidence.attribution.example;
	return tokenIds.filter((_, t) => lossMask[t] === 1);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isCount(value: unknown): value is number {
	return Number.isSafeInteger(value) && (value as number) >= 0;
}
function isCountList(value: unknown): value is number[] {
	return Array.isArray(value) && value.every(isCount);
}
function isScore(value: unknown): boolean {
	return (
		isObject(value) &&
		typeof value.contribution === 'string' &&
		Number.isSafeInteger(value.span) &&
		Number.isSafeInteger(value.gradient) &&
		isCount(value.weight)
	);
}
function isPaid(value: unknown): boolean {
	return isObject(value) && typeof value.contribution === 'string' && isCount(value.weight);
}
