// The spans of an answer that occur in a training corpus, found through the corpus's suffix array as infini-gram and
// OLMoTrace do: for each answer position, the longest run of answer tokens that some corpus suffix starts with. One
// binary search per position finds where the answer's suffix would sort among the corpus's suffixes; its longest
// match is with a neighbour of that place, and two more searches bound the ranks of that match's occurrences. Only
// the suffix-array entries and tokens the searches touch are read, through an asynchronous reader, so a chunked index
// on IPFS fetches what a query needs and no more.

/** A suffix-array entry as an index stores it: the suffix's corpus position and its first tokens, when it has them. */
export type SuffixEntry = {
	position: number;
	/** The first tokens of the suffix (fewer near the corpus's end, or none); later ones are read from the corpus. */
	tokens: ArrayLike<number>;
};

/** Read access to a span index: its corpus tokens and its suffix array (in memory, or chunks fetched on demand). */
export interface SpanIndexReader {
	/** Tokens in the corpus, which is also the length of its suffix array. */
	readonly length: number;
	/** The corpus token at `position` (0 ≤ position < length). */
	token(position: number): Promise<number> | number;
	/** The corpus position of the suffix of rank `rank` (0 ≤ rank < length). */
	suffix(rank: number): Promise<number> | number;
	/**
	 * The suffix of rank `rank` with the first tokens the index keeps beside it, so that most comparisons read no
	 * corpus tokens; without it, a search reads `suffix` and then `token`.
	 */
	entry?(rank: number): Promise<SuffixEntry> | SuffixEntry;
	/**
	 * The rank in [lo, hi) that a binary search over that range should compare next: one the index holds close to
	 * what it already read (a chunked index answers with ranks of its upper levels first). Without it, the middle.
	 */
	probe?(lo: number, hi: number): number;
	/**
	 * The ranks [lo, hi) of the suffixes that start with `token`, when the index knows them without searching (from
	 * its unigram counts: suffixes sort by their first token), which saves the widest part of each position's search.
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

const NO_TOKENS: ArrayLike<number> = [];

/**
 * One answer position's search: the answer's tokens [start, end) against corpus suffixes, each compared once per
 * position (the bounds' searches reuse the comparisons of the first one).
 */
class PositionSearch {
	/** Rank → how many tokens its suffix shares with the query. */
	readonly shared = new Map<number, number>();
	/** Rank → whether its suffix sorts before the query (smaller, and not starting with it). */
	readonly before = new Map<number, boolean>();

	readonly reader: SpanIndexReader;
	readonly answer: ArrayLike<number>;
	readonly start: number;
	readonly end: number;

	constructor(reader: SpanIndexReader, answer: ArrayLike<number>, start: number, end: number) {
		this.reader = reader;
		this.answer = answer;
		this.start = start;
		this.end = end;
	}

	/** Compares the suffix of rank `rank` with the query, knowing that they share at least `skip` tokens. */
	async compare(rank: number, skip: number): Promise<number> {
		const known = this.shared.get(rank);
		if (known !== undefined) return known;
		const { reader, answer, start, end } = this;
		let position: number;
		let tokens = NO_TOKENS;
		if (reader.entry) ({ position, tokens } = await reader.entry(rank));
		else position = await reader.suffix(rank);
		let k = skip;
		let before = false;
		for (; start + k < end; k++) {
			// Past the corpus's end is -1: a suffix that ends sorts before every longer one it begins.
			const token =
				k < tokens.length ? tokens[k]! : position + k < reader.length ? await reader.token(position + k) : -1;
			const wanted = answer[start + k]!;
			if (token !== wanted) {
				before = token < wanted;
				break;
			}
		}
		this.shared.set(rank, k);
		this.before.set(rank, before);
		return k;
	}

	/** How many tokens the suffix of rank `rank` shares with the query, when compared; else `fallback`. */
	sharedAt(rank: number, fallback: number): number {
		return this.shared.get(rank) ?? fallback;
	}

	/**
	 * The first rank in [lo, hi) for which `holds(rank)` (of a compared rank) fails, given that it holds before lo and
	 * fails from hi on: a binary search whose comparisons skip the tokens that every suffix between its bounds shares
	 * with the query (as many as both bounds share). `floor` is what every suffix of [lo, hi) shares in any case.
	 */
	async partition(lo: number, hi: number, floor: number, holds: (rank: number) => boolean): Promise<number> {
		while (lo < hi) {
			const mid = this.reader.probe ? this.reader.probe(lo, hi) : (lo + hi) >>> 1;
			if (!(mid >= lo && mid < hi)) throw new RangeError(`The index probed rank ${mid} outside [${lo}, ${hi}).`);
			const skip = Math.max(floor, Math.min(this.sharedAt(lo - 1, floor), this.sharedAt(hi, floor)));
			await this.compare(mid, skip);
			if (holds(mid)) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}

/** Where `answer[start..end)` sorts among the corpus's suffixes, and how long its longest match is. */
async function placeOf(reader: SpanIndexReader, answer: ArrayLike<number>, start: number, end: number) {
	let lo = 0;
	let hi = reader.length;
	let floor = 0;
	if (reader.tokenRange) {
		[lo, hi] = reader.tokenRange(answer[start]!);
		if (lo === hi) return undefined;
		floor = 1;
	}
	const search = new PositionSearch(reader, answer, start, end);
	// Every suffix before `at` is smaller than the query; the longest match is with `at - 1` or `at`.
	const at = await search.partition(lo, hi, floor, (rank) => search.before.get(rank)!);
	const length = Math.max(
		at > lo ? await search.compare(at - 1, floor) : floor,
		at < hi ? await search.compare(at, floor) : floor
	);
	return { search, lo, hi, floor, at, length };
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
	const none = { start, end: start, lo: 0, hi: reader.length };
	const end = Math.min(answer.length, start + maxLength);
	if (!(end > start)) return none;
	const place = await placeOf(reader, answer, start, end);
	if (!place || place.length === 0) return none;
	const { search, lo, hi, floor, at, length } = place;
	// The compared ranks bound both searches: those sharing fewer than `length` tokens lie outside the occurrences.
	let first = lo;
	let last = hi;
	for (const [rank, shared] of search.shared)
		if (shared < length) {
			if (rank < at) first = Math.max(first, rank + 1);
			else last = Math.min(last, rank);
		}
	const within = (rank: number) => search.shared.get(rank)! >= length;
	const matchLo = await search.partition(first, at, floor, (rank) => !within(rank));
	const matchHi = await search.partition(at, last, floor, within);
	return { start, end: start + length, lo: matchLo, hi: matchHi };
}

/**
 * The maximal spans of `answer` in the corpus: each position's longest match, kept when it ends after every span
 * before it (a span inside another is not maximal), at least `minLength` tokens long. In answer order.
 *
 * A match's end never falls as its start moves right (what occurs from one position occurs from the next), so after
 * a match ending at `reach` the next position whose match ends later is the first from which the answer up to and
 * including token `reach` occurs: found by a galloping search from `reach` back, not by matching every position in
 * between. Inside a quoted passage that is a few searches instead of one per token.
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
	// Once a span reaches the answer's end, every later one lies inside it.
	for (let start = 0; start + minLength <= answer.length && reach < answer.length;) {
		const match = await longestMatch(reader, answer, start, maxLength);
		// Only the first position can end no later than the spans before it (at 0); any other starts a new reach.
		if (match.end > reach) {
			reach = match.end;
			if (match.end - match.start >= minLength) spans.push(match);
		}
		if (reach === answer.length) break;
		// Every position in (start, next) ends its match at `reach` too: inside this span, so not maximal.
		const past = reach + 1;
		// Whether the answer's tokens [from, past) occur: from the first token's range when that is all, else by
		// placing the answer from `from` on (not only to `past`): the search its own match would make, so that if
		// `from` is the next start, its match reads nothing new.
		const reachesPast = async (from: number) => {
			if (past - from > maxLength) return false;
			if (past - from === 1 && reader.tokenRange) {
				const [lo, hi] = reader.tokenRange(answer[from]!);
				return lo < hi;
			}
			const place = await placeOf(reader, answer, from, Math.min(answer.length, from + maxLength));
			return (place?.length ?? 0) >= past - from;
		};
		let known = past; // the answer's tokens [known, past) occur (none, for known = past)
		let fails = start; // [start, past) does not, or this span would have ended later
		for (let step = 1; past - step > fails; step *= 2) {
			if (await reachesPast(past - step)) known = past - step;
			else {
				fails = past - step;
				break;
			}
		}
		while (known - fails > 1) {
			const mid = fails + Math.floor((known - fails) / 2);
			if (await reachesPast(mid)) known = mid;
			else fails = mid;
		}
		start = known;
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
