// The token corpus a span index searches: every training record's texts, tokenized with the base model's tokenizer,
// joined with a separator that is no token of the vocabulary (so no span crosses from one text into the next), with
// the tables that take a corpus position back to its record and the record to its contribution, and each token's
// count (the unigram counts that say how rare a span is).

/** A training record as the corpus takes it: its texts' token ids and the contribution it came from. */
export type CorpusRecord = {
	/** Index of the record's contribution in the caller's list of contributions. */
	contribution: number;
	/** Token ids of each of its texts (a pair's prompt and response, or a text record's text). */
	segments: readonly (readonly number[] | Uint32Array)[];
};

export type SpanCorpus = {
	/** The segments in record order, each followed by the separator. */
	tokens: Uint32Array;
	/** Tokens of the vocabulary; the separator is this id, so the suffix array's alphabet is one larger. */
	vocabSize: number;
	/** Where each segment starts in `tokens`, ascending. */
	segmentStarts: Uint32Array;
	/** The record of each segment. */
	segmentRecords: Uint32Array;
	/** The contribution of each record. */
	recordContributions: Uint32Array;
	/** How often each vocabulary token occurs in the corpus (the separator is not counted). */
	unigramCounts: Uint32Array;
	/** Vocabulary tokens in the corpus: the sum of `unigramCounts`. */
	textTokens: number;
};

/**
 * The corpus of `records` over a vocabulary of `vocabSize` tokens.
 *
 * @example
 * const corpus = spanCorpus([{ contribution: 0, segments: [promptIds, responseIds] }], tokenizer.vocabSize);
 * const suffixes = suffixArray(corpus.tokens, corpus.vocabSize + 1);
 */
export function spanCorpus(records: readonly CorpusRecord[], vocabSize: number): SpanCorpus {
	if (!Number.isInteger(vocabSize) || vocabSize < 1)
		throw new RangeError(`The vocabulary size must be a positive integer; got ${vocabSize}.`);
	let length = 0;
	let segmentCount = 0;
	for (const record of records)
		for (const segment of record.segments) {
			length += segment.length + 1;
			segmentCount++;
		}
	const tokens = new Uint32Array(length);
	const segmentStarts = new Uint32Array(segmentCount);
	const segmentRecords = new Uint32Array(segmentCount);
	const recordContributions = new Uint32Array(records.length);
	const unigramCounts = new Uint32Array(vocabSize);
	let position = 0;
	let segmentIndex = 0;
	records.forEach((record, recordIndex) => {
		if (!Number.isInteger(record.contribution) || record.contribution < 0)
			throw new RangeError(`Record ${recordIndex} names contribution ${record.contribution}.`);
		recordContributions[recordIndex] = record.contribution;
		for (const segment of record.segments) {
			segmentStarts[segmentIndex] = position;
			segmentRecords[segmentIndex++] = recordIndex;
			for (const token of segment) {
				if (!Number.isInteger(token) || token < 0 || token >= vocabSize)
					throw new RangeError(`Record ${recordIndex} holds token ${token}, outside the vocabulary of ${vocabSize}.`);
				unigramCounts[token]!++;
				tokens[position++] = token;
			}
			tokens[position++] = vocabSize;
		}
	});
	return {
		tokens,
		vocabSize,
		segmentStarts,
		segmentRecords,
		recordContributions,
		unigramCounts,
		textTokens: length - segmentCount
	};
}

/**
 * The record whose text holds corpus position `position` (the last segment starting at or before it).
 *
 * @example
 * const record = recordAt(corpus, await reader.suffix(rank));
 */
export function recordAt(corpus: Pick<SpanCorpus, 'segmentStarts' | 'segmentRecords'>, position: number): number {
	const starts = corpus.segmentStarts;
	let lo = 0;
	let hi = starts.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (starts[mid]! <= position) lo = mid + 1;
		else hi = mid;
	}
	if (lo === 0) throw new RangeError(`Position ${position} is before the corpus's first text.`);
	return corpus.segmentRecords[lo - 1]!;
}

/**
 * The corpus records of training examples: each example's target tokens (lossMask 1), a segment per unbroken run
 * of them, so the corpus holds what the adapter learned (a pair's response as the chat template renders it, a text
 * record whole) and not the prompts it only read. `contributionOf` says whose each example is.
 *
 * @example
 * const corpus = spanCorpus(corpusRecordsOf(examples, (e) => e.sourceIndex), config.vocabSize);
 */
export function corpusRecordsOf<E extends { tokenIds: readonly number[]; lossMask: readonly number[] }>(
	examples: readonly E[],
	contributionOf: (example: E) => number
): CorpusRecord[] {
	return examples.map((example) => {
		const segments: number[][] = [];
		let run: number[] | undefined;
		example.tokenIds.forEach((token, t) => {
			if (example.lossMask[t] === 1) (run ??= []).push(token);
			else if (run) {
				segments.push(run);
				run = undefined;
			}
		});
		if (run) segments.push(run);
		return { contribution: contributionOf(example), segments };
	});
}
