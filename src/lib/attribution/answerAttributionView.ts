// What the chat shows under an attributed answer, computed from its report: the answer cut into plain and matched
// segments (each match naming its span), the contributions ranked by weight with their share of the total, and
// who the fee would pay. Pure, so the same view is tested in Node.
import type { AttributionReport } from '../../../workers/ml/attribution/attributionReport.ts';
import {
	contributionPayouts,
	feeAmountsOf,
	type ContributionPayout,
	type FeeAmounts,
	type FeeSplitBps
} from './ledgerAnswer.ts';

/** A piece of the answer's text; `span` indexes the report's spans when the piece is a match. */
export type AnswerSegment = { text: string; span?: number };

/** A contribution's row: its scores, share of the total weight, and whether it clears the threshold and is paid. */
export type RankedContribution = {
	contribution: string;
	span: number;
	gradient: number;
	weight: number;
	/** Share of the answer's total weight, in basis points. */
	shareBps: number;
	paid: boolean;
};

/** Who the fee pays: contributors by weight (or the datanet pool), the model owner, stakers, the treasury. */
export type PaymentPreview = { fee: bigint; amounts: FeeAmounts; contributors: ContributionPayout[]; pool: boolean };

/**
 * The answer cut at its matched spans. A span's text is found in the answer from where the last one ended (the
 * decoder may add or drop a leading space, so it is matched trimmed); a span not found is left out of the
 * highlighting, never misplaced.
 *
 * @example
 * answerSegments('The capital is Duckwater.', [{ text: ' Duckwater', … }]);
 * // [{ text: 'The capital is ' }, { text: 'Duckwater', span: 0 }, { text: '.' }]
 */
export function answerSegments(
	answer: string,
	spans: readonly Pick<AttributionReport['spans'][number], 'text' | 'start'>[]
): AnswerSegment[] {
	const order = spans.map((span, index) => ({ span, index })).sort((a, b) => a.span.start - b.span.start);
	const segments: AnswerSegment[] = [];
	let cursor = 0;
	for (const { span, index } of order) {
		const needle = span.text.trim();
		if (!needle) continue;
		const at = answer.indexOf(needle, cursor);
		if (at < 0) continue;
		if (at > cursor) segments.push({ text: answer.slice(cursor, at) });
		segments.push({ text: needle, span: index });
		cursor = at + needle.length;
	}
	if (cursor < answer.length) segments.push({ text: answer.slice(cursor) });
	return segments;
}

/** The report's contributions by weight (heaviest first; ties by key), with their share and whether they are paid. */
export function rankedContributions(
	report: Pick<AttributionReport, 'scores' | 'paid' | 'totalWeight'>
): RankedContribution[] {
	const paid = new Set(report.paid.map((p) => p.contribution));
	return [...report.scores]
		.sort((a, b) => b.weight - a.weight || (a.contribution < b.contribution ? -1 : 1))
		.map((s) => ({
			contribution: s.contribution,
			span: s.span,
			gradient: s.gradient,
			weight: s.weight,
			shareBps: report.totalWeight === 0 ? 0 : Math.floor((s.weight * 10_000) / report.totalWeight),
			paid: paid.has(s.contribution)
		}));
}

/** Who `fee` pays under `split` for this report: by weight above the threshold, else the datanet pool. */
export function paymentPreview(
	fee: bigint,
	split: FeeSplitBps,
	report: Pick<AttributionReport, 'paid'>
): PaymentPreview {
	const amounts = feeAmountsOf(fee, split);
	const contributors = contributionPayouts(amounts.data, report.paid);
	return { fee, amounts, contributors, pool: report.paid.length === 0 };
}

/** The smallest weight a contribution needs to be paid: ceil(threshold × total), and at least 1 (as the ledger checks). */
export function minimumPaidWeight(totalWeight: number, thresholdBps: number): number {
	return Math.max(1, Number((BigInt(thresholdBps) * BigInt(totalWeight) + 9_999n) / 10_000n));
}
