// An answer's attribution as `provena attribute --json` prints it and the attribution worker returns it: contributions
// named by key, spans with their text, integer scores, who is paid, and the evidence to recompute all of it.
import type { AnswerAttribution, AttributionRules } from './attributeAnswer.ts';
import type { GradientExample } from './exampleGradient.ts';
import type { OpenedAttribution } from './openAttribution.ts';

export const ATTRIBUTION_EVIDENCE_FORMAT = 'provena-attribution-evidence/1';

/** What an attribution report holds; `paid` empty (and `pool` true) means the datanet pool is paid. */
export type AttributionReport = {
	answerTokenIds: number[];
	spans: {
		start: number;
		end: number;
		text: string;
		count: number;
		surpriseBits: number;
		contributions: string[];
		/** The training text around the span's first place (before and after it), for a reader. */
		context: { before: string; after: string };
	}[];
	scores: { contribution: string; span: number; gradient: number; weight: number }[];
	totalWeight: number;
	paid: { contribution: string; weight: number }[];
	pool: boolean;
	/** Why the pool is paid without looking (no artifacts), when that is the case. */
	notice?: string;
	evidence: AttributionEvidence;
};

/** Everything a verifier needs to recompute an attribution from the adapter folder and the base model. */
export type AttributionEvidence = {
	format: typeof ATTRIBUTION_EVIDENCE_FORMAT;
	/** SHA-256 of the adapter weights, and of the base tokenizer; null when the adapter has no artifacts. */
	adapter: string | null;
	tokenizer: string | null;
	spanIndex: string | null;
	gradientSketches: string | null;
	example: { tokenIds: number[]; lossMask: number[] };
	rules: AttributionRules;
};

/**
 * The report of `result`, naming contributions by their keys in `opened`'s manifest and spans by their text.
 *
 * @example
 * const report = attributionReport(opened, example, rules, result, (ids) => tokenizer.decode(ids));
 */
export function attributionReport(
	opened: OpenedAttribution,
	example: GradientExample,
	rules: AttributionRules,
	result: AnswerAttribution,
	decode: (tokenIds: number[]) => string
): AttributionReport {
	const key = (c: number) => opened.manifest.contributions[c]!;
	// The tokenizer refuses to decode nothing; a span at the start or end of its text has no context on that side.
	const decodeAny = (ids: number[]) => (ids.length === 0 ? '' : decode(ids));
	return {
		answerTokenIds: result.answerTokenIds,
		spans: result.spans.map((span) => ({
			start: span.start,
			end: span.end,
			text: decode(result.answerTokenIds.slice(span.start, span.end)),
			count: span.occurrences,
			surpriseBits: span.surpriseBits,
			contributions: span.contributions.map(key),
			context: { before: decodeAny(span.context.before), after: decodeAny(span.context.after) }
		})),
		scores: result.scores.map((s) => ({ ...s, contribution: key(s.contribution) })),
		totalWeight: result.totalWeight,
		paid: result.paid.map((p) => ({ contribution: key(p.contribution), weight: p.weight })),
		pool: result.paid.length === 0,
		evidence: {
			format: ATTRIBUTION_EVIDENCE_FORMAT,
			adapter: opened.manifest.adapter,
			tokenizer: opened.manifest.tokenizer,
			spanIndex: opened.spans.commitment,
			gradientSketches: opened.manifest.gradients.sha256,
			example: { tokenIds: [...example.tokenIds], lossMask: [...example.lossMask] },
			rules
		}
	};
}

/**
 * The report of an answer whose adapter has no attribution artifacts: nothing traced, the pool paid.
 */
export function poolOnlyReport(example: GradientExample, rules: AttributionRules, notice: string): AttributionReport {
	return {
		answerTokenIds: example.tokenIds.filter((_, t) => example.lossMask[t] === 1),
		spans: [],
		scores: [],
		totalWeight: 0,
		paid: [],
		pool: true,
		notice,
		evidence: {
			format: ATTRIBUTION_EVIDENCE_FORMAT,
			adapter: null,
			tokenizer: null,
			spanIndex: null,
			gradientSketches: null,
			example: { tokenIds: [...example.tokenIds], lossMask: [...example.lossMask] },
			rules
		}
	};
}
