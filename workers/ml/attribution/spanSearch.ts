// The spans of an answer that occur in a training corpus, found through the corpus's suffix array as infini-gram and
// OLMoTrace do: for each answer position, the longest run of answer tokens that some corpus suffix starts with, by
// narrowing a range of suffix ranks one token at a time with binary searches. Only the tokens and suffix-array
// entries the searches touch are read, through an asynchronous reader, so a chunked index on IPFS fetches what a
// query needs and no more.

/** Read access to a span index: its corpus tokens and its suffix array (in memory, or chunks fetched on demand). */
export interface SpanIndexReader {
	/** Tokens in the corpus, which is also the length of its suffix array. */
	readonly length: number;
	/** The corpus token at `position` (0 ≤ position < length). */
	token(position: number): Promise<number> | number;
	/** The corpus position of the suffix of rank `rank` (0 ≤ rank < length). */
	suffix(rank: number): Promise<number> | number;
	/**
	 * The ranks [lo, hi) of the suffixes that start with `token`, when the index knows them without searching (from
	 * its unigram counts: suffixes sort by their first token), which saves the widest binary search of each position.
	 */
	tokenRange?(token: number): [number, number];
}

/** A run of answer tokens found in the corpus, and the suffix ranks [lo, hi) of its occurrences. */
export type SpanMatch = {
	/** First answer token of the span. */
	start: number;
	/** One past its last answer token. */
	end: number;
	lo: number;
	hi: number;
};

/**
 * A reader over a corpus and its suffix array held in memory.
 *
 * @example
 * const reader = memorySpanIndex(tokens, suffixArray(tokens, vocabSize));
 */
export function memorySpanIndex(
	tokens: ArrayLike<number>,
	suffixes: ArrayLike<number>,
	unigramCounts?: ArrayLike<number>
): SpanIndexReader {
	if (tokens.length !== suffixes.length)
		throw new RangeError(`The suffix array has ${suffixes.length} entries for ${tokens.length} tokens.`);
	return {
		length: tokens.length,
		token: (position) => tokens[position]!,
		suffix: (rank) => suffixes[rank]!,
		...(unigramCounts ? { tokenRange: firstTokenRanges(unigramCounts) } : {})
	};
}

/**
 * The rank range of each token's suffixes from the corpus's unigram counts: suffixes sort by first token, so token
 * t's start after the counts of every smaller token (the separator, the largest id, sorts last).
 */
export function firstTokenRanges(unigramCounts: ArrayLike<number>): (token: number) => [number, number] {
	const starts = new Float64Array(unigramCounts.length + 1);
	for (let t = 0; t < unigramCounts.length; t++) starts[t + 1] = starts[t]! + unigramCounts[t]!;
	return (token) => (token >= 0 && token < unigramCounts.length ? [starts[token]!, starts[token + 1]!] : [0, 0]);
}

/** The token `offset` places into the suffix of rank `rank`, or -1 past the corpus's end (sorting first). */
async function tokenAt(reader: SpanIndexReader, rank: number, offset: number): Promise<number> {
	const position = (await reader.suffix(rank)) + offset;
	return position < reader.length ? await reader.token(position) : -1;
}

/** The first rank in [lo, hi) whose token at `offset` is at least `token` (or, with `after`, above it). */
async function boundary(
	reader: SpanIndexReader,
	lo: number,
	hi: number,
	offset: number,
	token: number,
	after: boolean
): Promise<number> {
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		const found = await tokenAt(reader, mid, offset);
		if (found < token || (after && found === token)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * The longest prefix of `answer[start..]` that occurs in the corpus (capped at `maxLength` tokens), with the rank
 * range of its occurrences; length 0 (and the whole range) when even its first token does not occur.
 */
export async function longestMatch(
	reader: SpanIndexReader,
	answer: ArrayLike<number>,
	start: number,
	maxLength = Infinity
): Promise<SpanMatch> {
	let lo = 0;
	let hi = reader.length;
	let end = start;
	if (reader.tokenRange && start < answer.length && maxLength > 0) {
		const [first, last] = reader.tokenRange(answer[start]!);
		if (first === last) return { start, end, lo, hi };
		[lo, hi] = [first, last];
		end++;
	}
	while (end < answer.length && end - start < maxLength) {
		const token = answer[end]!;
		const first = await boundary(reader, lo, hi, end - start, token, false);
		const last = await boundary(reader, first, hi, end - start, token, true);
		if (first === last) break;
		lo = first;
		hi = last;
		end++;
	}
	return { start, end, lo, hi };
}

/**
 * The maximal spans of `answer` in the corpus: each position's longest match, kept when it ends after every span
 * before it (a span inside another is not maximal), at least `minLength` tokens long. In answer order.
 *
 * @example
 * const spans = await maximalSpans(reader, answerTokenIds, { minLength: 4 });
 */
export async function maximalSpans(
	reader: SpanIndexReader,
	answer: ArrayLike<number>,
	{ minLength, maxLength = Infinity }: { minLength: number; maxLength?: number }
): Promise<SpanMatch[]> {
	if (!Number.isInteger(minLength) || minLength < 1)
		throw new RangeError(`minLength must be a positive integer; got ${minLength}.`);
	const spans: SpanMatch[] = [];
	let reach = 0;
	for (let start = 0; start + minLength <= answer.length; start++) {
		// Once a span reaches the answer's end, every later one lies inside it.
		if (reach === answer.length) break;
		const match = await longestMatch(reader, answer, start, maxLength);
		// A span that ends no later than one before it lies inside that one.
		if (match.end <= reach) continue;
		reach = match.end;
		if (match.end - match.start >= minLength) spans.push(match);
	}
	return spans;
}

/**
 * The corpus positions where `match` occurs, in suffix order; at most `limit` of them (a span found in very many
 * places says little about any one record, and the caller drops it instead).
 */
export async function spanPositions(reader: SpanIndexReader, match: SpanMatch, limit = Infinity): Promise<number[]> {
	const positions: number[] = [];
	for (let rank = match.lo; rank < match.hi && positions.length < limit; rank++)
		positions.push(await reader.suffix(rank));
	return positions;
}
