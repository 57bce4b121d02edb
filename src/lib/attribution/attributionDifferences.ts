// What differs between a recorded answer, the evidence it names and a recomputation of that evidence, each named
// precisely (which contribution, which score, what was expected and what was recorded), so "does not match" always
// says where. Pure: the verify page, the validator tab and `provena verify` all call these.
import type { Hex } from 'viem';
import type { AttributionReport } from '../../../workers/ml/attribution/attributionReport.ts';
import type { AttributionRules } from '../../../workers/ml/attribution/attributeAnswer.ts';
import { exampleAnswerTokenIds, outputCommitmentOf, type InferenceEvidence } from './inferenceEvidence.ts';

/** One thing that differs: `expected` is what checking found, `recorded` what the record or its evidence says. */
export type AttributionDifference = {
	/** What it is about: 'record', 'evidence', 'rules', or `contribution 7`. */
	subject: string;
	/** The field: 'outputCommitment', 'weight', 'span', 'gradient', 'paid', 'totalWeight', … */
	field: string;
	expected: string;
	recorded: string;
	/** One sentence for a person. */
	message: string;
};

/** The parts of an InferenceRecorded event the evidence is checked against. */
export type RecordedAnswer = {
	modelId: bigint;
	adapterVersion: number;
	contributionIds: readonly bigint[];
	weights: readonly bigint[];
	totalWeight: bigint;
	outputCommitment: Hex;
	evidenceCid: string;
};

const difference = (subject: string, field: string, expected: unknown, recorded: unknown, message: string) => ({
	subject,
	field,
	expected: String(expected),
	recorded: String(recorded),
	message
});

/**
 * Where `evidence` disagrees with the record that names it: chain, model, adapter (its CID as published for that
 * version), the output commitment, and the paid contributions and weights.
 */
export function recordDifferences(
	evidence: InferenceEvidence,
	record: RecordedAnswer,
	chain: { chainId: number; adapterCid: string }
): AttributionDifference[] {
	const out: AttributionDifference[] = [];
	if (evidence.chainId !== chain.chainId)
		out.push(
			difference(
				'evidence',
				'chainId',
				chain.chainId,
				evidence.chainId,
				`The evidence is for chain ${evidence.chainId}, the record is on chain ${chain.chainId}.`
			)
		);
	if (evidence.modelId !== record.modelId.toString())
		out.push(
			difference(
				'evidence',
				'modelId',
				record.modelId,
				evidence.modelId,
				`The evidence names model #${evidence.modelId}; the record is of model #${record.modelId}.`
			)
		);
	if (evidence.adapterVersion !== record.adapterVersion)
		out.push(
			difference(
				'evidence',
				'adapterVersion',
				record.adapterVersion,
				evidence.adapterVersion,
				`The evidence names adapter version ${evidence.adapterVersion}; the record is of version ${record.adapterVersion}.`
			)
		);
	if (evidence.adapterCid !== chain.adapterCid)
		out.push(
			difference(
				'evidence',
				'adapterCid',
				chain.adapterCid,
				evidence.adapterCid,
				`The evidence names adapter ${evidence.adapterCid}, but the registry published ${chain.adapterCid} for that version.`
			)
		);
	const answerIds = exampleAnswerTokenIds(evidence);
	const commitment = outputCommitmentOf(answerIds);
	if (commitment !== record.outputCommitment)
		out.push(
			difference(
				'record',
				'outputCommitment',
				commitment,
				record.outputCommitment,
				`The record commits to another answer than the evidence holds (keccak256 of its ${answerIds.length} answer tokens is ${commitment}).`
			)
		);
	if (evidence.outputCommitment !== commitment)
		out.push(
			difference(
				'evidence',
				'outputCommitment',
				commitment,
				evidence.outputCommitment,
				`The evidence's own output commitment is not the hash of its answer tokens.`
			)
		);
	if (BigInt(evidence.totalWeight) !== record.totalWeight)
		out.push(
			difference(
				'record',
				'totalWeight',
				evidence.totalWeight,
				record.totalWeight,
				`The record's total weight is ${record.totalWeight}; its evidence says ${evidence.totalWeight}.`
			)
		);
	const recorded = new Map(record.contributionIds.map((id, i) => [id.toString(), record.weights[i]!]));
	const evidenced = new Map(evidence.paid.map((p) => [p.contribution, BigInt(p.weight)]));
	for (const [id, weight] of evidenced) {
		const onChain = recorded.get(id);
		if (onChain === undefined)
			out.push(
				difference(
					`contribution ${id}`,
					'paid',
					`weight ${weight}`,
					'not paid',
					`The evidence pays contribution ${id} (weight ${weight}); the record does not.`
				)
			);
		else if (onChain !== weight)
			out.push(
				difference(
					`contribution ${id}`,
					'weight',
					weight,
					onChain,
					`Contribution ${id} is recorded with weight ${onChain}; its evidence says ${weight}.`
				)
			);
	}
	for (const [id, weight] of recorded)
		if (!evidenced.has(id))
			out.push(
				difference(
					`contribution ${id}`,
					'paid',
					'not paid',
					`weight ${weight}`,
					`The record pays contribution ${id} (weight ${weight}), which its evidence does not.`
				)
			);
	return out;
}

/** Where the evidence's rules are not the protocol's (the engine's span and combination rules, and the payment rules in force when the answer was recorded). */
export function rulesDifferences(evidence: InferenceEvidence, protocol: AttributionRules): AttributionDifference[] {
	const out: AttributionDifference[] = [];
	const used = evidence.attribution.rules;
	const flat = (rules: AttributionRules): Record<string, number> => ({
		...Object.fromEntries(Object.entries(rules.spans).map(([k, v]) => [`spans.${k}`, v])),
		...Object.fromEntries(Object.entries(rules.combination).map(([k, v]) => [`combination.${k}`, v])),
		'payment.thresholdBps': rules.payment.thresholdBps,
		'payment.maxPaid': rules.payment.maxPaid
	});
	const want = flat(protocol);
	const got = flat(used);
	for (const [field, value] of Object.entries(want))
		if (got[field] !== value)
			out.push(
				difference(
					'rules',
					field,
					value,
					got[field],
					`The evidence was computed with ${field} ${got[field]}; the protocol's is ${value}.`
				)
			);
	return out;
}

/**
 * Where the evidence's scores differ from a recomputation of it: each contribution's span, gradient and weight, the
 * total, and who is paid.
 */
export function recomputationDifferences(
	evidence: InferenceEvidence,
	recomputed: AttributionReport
): AttributionDifference[] {
	const out: AttributionDifference[] = [];
	const ids = (xs: readonly number[]) => xs.join(',');
	if (ids(recomputed.answerTokenIds) !== ids(evidence.answerTokenIds))
		out.push(
			difference(
				'evidence',
				'answerTokenIds',
				`${recomputed.answerTokenIds.length} tokens`,
				`${evidence.answerTokenIds.length} tokens`,
				'The evidence lists other answer tokens than its example marks.'
			)
		);
	if (recomputed.totalWeight !== evidence.totalWeight)
		out.push(
			difference(
				'evidence',
				'totalWeight',
				recomputed.totalWeight,
				evidence.totalWeight,
				`Recomputed, the total weight is ${recomputed.totalWeight}; the evidence says ${evidence.totalWeight}.`
			)
		);
	const mine = new Map(recomputed.scores.map((s) => [s.contribution, s]));
	const theirs = new Map(evidence.scores.map((s) => [s.contribution, s]));
	for (const key of new Set([...mine.keys(), ...theirs.keys()])) {
		const want = mine.get(key);
		const got = theirs.get(key);
		for (const field of ['span', 'gradient', 'weight'] as const) {
			const w = want?.[field] ?? 0;
			const g = got?.[field] ?? 0;
			if (w !== g)
				out.push(
					difference(
						`contribution ${key}`,
						field,
						w,
						g,
						`Contribution ${key}'s ${field} score recomputes to ${w}; the evidence says ${g}.`
					)
				);
		}
	}
	const paidKey = (paid: readonly { contribution: string; weight: number }[]) =>
		paid.map((p) => `${p.contribution}:${p.weight}`).join(' ');
	if (paidKey(recomputed.paid) !== paidKey(evidence.paid))
		out.push(
			difference(
				'evidence',
				'paid',
				paidKey(recomputed.paid) || 'the pool',
				paidKey(evidence.paid) || 'the pool',
				`Recomputed, the answer pays ${describePaid(recomputed.paid)}; the evidence pays ${describePaid(evidence.paid)}.`
			)
		);
	return out;
}

function describePaid(paid: readonly { contribution: string; weight: number }[]): string {
	return paid.length === 0 ? 'the datanet pool' : paid.map((p) => `#${p.contribution} (weight ${p.weight})`).join(', ');
}
