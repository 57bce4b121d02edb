// Span attribution of an answer, in integers: the answer's maximal spans in the training corpus, kept when they are
// long, rare and found in few places, each crediting the contributions whose records hold it. Integers only (token
// counts, Math.clz32, integer division), so Node and every browser compute the same scores from the same index.
import { recordAt, type SpanCorpus } from './spanCorpus.ts';
import { maximalSpans, spanPositions, type SpanIndexReader } from './spanSearch.ts';

/** Which spans count. */
export type SpanRules = {
	/** Fewest answer tokens a span must have. */
	minLength: number;
	/** A span found in more places than this is common phrasing, and is dropped. */
	maxOccurrences: number;
	/** Least surprise (see {@link tokenSurpriseBits}) a span's tokens must add up to. */
	minSurpriseBits: number;
};

/** A span of the answer that counted, and the contributions it credited. */
export type AttributedSpan = {
	start: number;
	end: number;
	/** Places in the corpus that hold it. */
	occurrences: number;
	surpriseBits: number;
	/** Indices of the contributions whose records hold it, ascending. */
	contributions: number[];
	/** Its first place in the corpus (the lowest position), where a reader is shown the record around it. */
	firstPosition: number;
};

export type SpanAttribution = {
	spans: AttributedSpan[];
	/** Span score per contribution index (contributions no span credited are absent). */
	scores: Map<number, number>;
};

/** A span's credit is shared among the contributions that hold it in units of 1/SHARE_UNITS bit, so little is lost to rounding. */
export const SHARE_UNITS = 1024;

/**
 * How surprising one occurrence of a token is, in whole bits: floor(log2(textTokens / count)). A token that is one
 * in a thousand scores 9, one that is every tenth token 3, the commonest 0.
 *
 * @example
 * tokenSurpriseBits(1_000_000, 1_000); // 9
 */
export function tokenSurpriseBits(textTokens: number, count: number): number {
	if (count <= 0 || count > textTokens) throw new RangeError(`A token counted ${count} times in ${textTokens} tokens.`);
	return 31 - Math.clz32(Math.floor(textTokens / count));
}

/**
 * The span scores of `answer` (token ids): every maximal span of at least `minLength` tokens found in at most
 * `maxOccurrences` places whose tokens' surprise adds up to `minSurpriseBits` credits each of the k contributions
 * holding it with floor(surpriseBits × SHARE_UNITS / k). A contribution's score is the sum of its credits. Sharing
 * (rather than crediting each in full) means that copying another's data into a second contribution splits the
 * credit instead of doubling it.
 *
 * @example
 * const { spans, scores } = await attributeSpans(reader, corpus, answerTokenIds, { minLength: 4, maxOccurrences: 64, minSurpriseBits: 24 });
 */
export async function attributeSpans(
	reader: SpanIndexReader,
	corpus: Pick<SpanCorpus, 'segmentStarts' | 'segmentRecords' | 'recordContributions' | 'unigramCounts' | 'textTokens'>,
	answer: ArrayLike<number>,
	rules: SpanRules
): Promise<SpanAttribution> {
	const spans: AttributedSpan[] = [];
	const scores = new Map<number, number>();
	for (const match of await maximalSpans(reader, answer, { minLength: rules.minLength })) {
		const occurrences = match.hi - match.lo;
		if (occurrences > rules.maxOccurrences) continue;
		let surpriseBits = 0;
		for (let i = match.start; i < match.end; i++)
			surpriseBits += tokenSurpriseBits(corpus.textTokens, corpus.unigramCounts[answer[i]!]!);
		if (surpriseBits < rules.minSurpriseBits) continue;
		const holders = new Set<number>();
		let firstPosition = Infinity;
		for (const position of await spanPositions(reader, match)) {
			holders.add(corpus.recordContributions[recordAt(corpus, position)]!);
			firstPosition = Math.min(firstPosition, position);
		}
		const contributions = [...holders].sort((a, b) => a - b);
		const credit = Math.floor((surpriseBits * SHARE_UNITS) / contributions.length);
		for (const contribution of contributions) scores.set(contribution, (scores.get(contribution) ?? 0) + credit);
		spans.push({ start: match.start, end: match.end, occurrences, surpriseBits, contributions, firstPosition });
	}
	return { spans, scores };
}

/** Tokens shown on each side of a span's first place, within its record's text. */
export const SPAN_CONTEXT_TOKENS = 16;

/**
 * The training text around `span`'s first place: up to SPAN_CONTEXT_TOKENS tokens before and after it, stopping at
 * the ends of the text that holds it (the corpus separates texts with the token `separator`).
 *
 * @example
 * const { before, after } = await spanContext(reader, span, span.end - span.start, tables.vocabSize);
 */
export async function spanContext(
	reader: SpanIndexReader,
	span: Pick<AttributedSpan, 'firstPosition'>,
	length: number,
	separator: number
): Promise<{ before: number[]; after: number[] }> {
	const before: number[] = [];
	for (let p = span.firstPosition - 1; p >= 0 && before.length < SPAN_CONTEXT_TOKENS; p--) {
		const token = await reader.token(p);
		if (token === separator) break;
		before.unshift(token);
	}
	const after: number[] = [];
	for (let p = span.firstPosition + length; p < reader.length && after.length < SPAN_CONTEXT_TOKENS; p++) {
		const token = await reader.token(p);
		if (token === separator) break;
		after.push(token);
	}
	return { before, after };
}
