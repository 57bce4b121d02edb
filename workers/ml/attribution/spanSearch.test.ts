// Span search against brute force over the corpus, on random corpora with planted repeats: every position's
// longest match and its occurrences, the maximal spans (against matching every position), and the reads a search makes
// through a counting reader.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seededRandom.ts';
import { suffixArray } from './suffixArray.ts';
import { longestMatch, maximalSpans, memorySpanIndex, spanPositions, type SpanIndexReader } from './spanSearch.ts';

/** Positions where `corpus` holds `answer[start..end)`. */
function occurrences(corpus: readonly number[], answer: readonly number[], start: number, end: number): number[] {
	const found: number[] = [];
	for (let p = 0; p + end - start <= corpus.length; p++)
		if (answer.slice(start, end).every((token, d) => corpus[p + d] === token)) found.push(p);
	return found;
}

function bruteLongest(corpus: readonly number[], answer: readonly number[], start: number): number {
	let end = start;
	while (end < answer.length && occurrences(corpus, answer, start, end + 1).length > 0) end++;
	return end;
}

/** A corpus of `size` tokens below `vocab`, and an answer that copies pieces of it between tokens of its own. */
function plantedCase(next: () => number, size: number, vocab: number) {
	const corpus = Array.from({ length: size }, () => Math.floor(next() * vocab));
	const answer: number[] = [];
	while (answer.length < 40) {
		if (next() < 0.5)
			answer.push(Math.floor(next() * (vocab + 2))); // vocab, vocab+1: in no corpus
		else {
			const from = Math.floor(next() * size);
			answer.push(...corpus.slice(from, from + 1 + Math.floor(next() * 12)));
		}
	}
	return { corpus, answer };
}

describe('span search', () => {
	it("finds each position's longest match and exactly its occurrences", async () => {
		const next = seededRandom(3).uniform;
		for (let trial = 0; trial < 30; trial++) {
			const { corpus, answer } = plantedCase(next, 50 + Math.floor(next() * 300), 2 + (trial % 6));
			const suffixes = suffixArray(corpus, 8);
			const counts = new Uint32Array(8);
			for (const token of corpus) counts[token]!++;
			const reader = memorySpanIndex(corpus, suffixes);
			// With the first token's range from the unigram counts, the same matches (it only skips a search).
			const ranged = memorySpanIndex(corpus, suffixes, counts);
			for (let start = 0; start < answer.length; start++) {
				const match = await longestMatch(reader, answer, start);
				expect(await longestMatch(ranged, answer, start)).toEqual(match);
				expect(match.end, `trial ${trial} start ${start}`).toBe(bruteLongest(corpus, answer, start));
				if (match.end > start) {
					const positions = (await spanPositions(reader, match)).sort((a, b) => a - b);
					expect(positions).toEqual(occurrences(corpus, answer, start, match.end));
				}
			}
		}
	});

	it('keeps the maximal spans of at least the minimum length, in answer order', async () => {
		const next = seededRandom(9).uniform;
		for (let trial = 0; trial < 20; trial++) {
			const { corpus, answer } = plantedCase(next, 400, 50);
			const reader = memorySpanIndex(corpus, suffixArray(corpus, 52));
			const ends = answer.map((_, start) => bruteLongest(corpus, answer, start));
			const expected = ends
				.map((end, start) => ({ start, end }))
				.filter(({ start, end }) => ends.slice(0, start).every((before) => before < end) && end - start >= 3);
			const spans = await maximalSpans(reader, answer, { minLength: 3 });
			expect(
				spans.map(({ start, end }) => ({ start, end })),
				`trial ${trial}`
			).toEqual(expected);
		}
	});

	it('skips only positions whose match ends where the one before it does', async () => {
		const next = seededRandom(12).uniform;
		for (let trial = 0; trial < 20; trial++) {
			const { corpus, answer } = plantedCase(next, 300, 3 + (trial % 5));
			const counts = new Uint32Array(10);
			for (const token of corpus) counts[token]!++;
			const reader = memorySpanIndex(corpus, suffixArray(corpus, 10), trial % 2 ? counts : undefined);
			for (const [minLength, maxLength] of [
				[1, Infinity],
				[2, 5],
				[4, Infinity],
				[3, 3]
			] as const) {
				// The definition: every position's longest match, kept when it ends after every one before it.
				const expected = [];
				let reach = 0;
				for (let start = 0; start + minLength <= answer.length && reach < answer.length; start++) {
					const match = await longestMatch(reader, answer, start, maxLength);
					if (match.end <= reach) continue;
					reach = match.end;
					if (match.end - match.start >= minLength) expected.push(match);
				}
				expect(await maximalSpans(reader, answer, { minLength, maxLength }), `trial ${trial}`).toEqual(expected);
			}
		}
	});

	it('caps a match at maxLength and a position list at its limit', async () => {
		const corpus = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3];
		const reader = memorySpanIndex(corpus, suffixArray(corpus, 6));
		const match = await longestMatch(reader, [1, 2, 3, 4, 5, 1], 0, 3);
		expect([match.end, match.hi - match.lo]).toEqual([3, 3]);
		expect(await spanPositions(reader, match, 2)).toHaveLength(2);
		expect((await longestMatch(reader, [0, 1], 0)).end).toBe(0);
	});

	it('reads a few searches per span, not one per answer token', async () => {
		const next = seededRandom(5).uniform;
		const corpus = Array.from({ length: 100_000 }, () => Math.floor(next() * 1000));
		const memory = memorySpanIndex(corpus, suffixArray(corpus, 1000));
		let reads = 0;
		const counting: SpanIndexReader = {
			length: memory.length,
			token: (p) => (reads++, memory.token(p)),
			suffix: (r) => (reads++, memory.suffix(r))
		};
		const answer = [...corpus.slice(500, 530), 1001, ...corpus.slice(9000, 9020)];
		const spans = await maximalSpans(counting, answer, { minLength: 4 });
		expect(spans.map(({ start, end }) => [start, end])).toEqual([
			[0, 30],
			[31, 51]
		]);
		// Three searches of ~17 comparisons (the first quote, whether the fresh token extends it, the second quote),
		// each comparison a suffix entry and the tokens past what both bounds share: about 150 reads of 200 000.
		expect(reads).toBeLessThan(500);
	});

	it('refuses a reader whose suffix array does not fit its corpus, and a minimum length below 1', async () => {
		expect(() => memorySpanIndex([1, 2], [0])).toThrow('The suffix array has 1 entries for 2 tokens.');
		await expect(maximalSpans(memorySpanIndex([1], [0]), [1], { minLength: 0 })).rejects.toThrow('minLength');
	});
});
