// The corpus tables and the span scores, on a corpus small enough to check by hand: rare phrases planted in one
// contribution, one phrase copied into a second, and filler common enough that its spans say nothing.
import { describe, expect, it } from 'vitest';
import { corpusRecordsOf, recordAt, spanCorpus, type CorpusRecord } from './spanCorpus.ts';
import { attributeSpans, SHARE_UNITS, spanContext, tokenSurpriseBits } from './spanScores.ts';
import { memorySpanIndex } from './spanSearch.ts';
import { suffixArray } from './suffixArray.ts';

const VOCAB = 100;
const filler = (n: number) => Array.from({ length: n }, (_, i) => 1 + (i % 3));
const records: CorpusRecord[] = [
	{ contribution: 0, segments: [filler(30), [1, 2, 3, 50, 51, 52, 53, 1, 2]] },
	{ contribution: 1, segments: [[60, 61, 62, 63, 64]] },
	{ contribution: 2, segments: [filler(30), [60, 61, 62, 63, 3]] },
	{ contribution: 0, segments: [filler(40)] }
];

function indexOf(corpusRecords: readonly CorpusRecord[]) {
	const corpus = spanCorpus(corpusRecords, VOCAB);
	return { corpus, reader: memorySpanIndex(corpus.tokens, suffixArray(corpus.tokens, VOCAB + 1)) };
}

describe('spanCorpus', () => {
	it('joins the texts with the separator and maps positions back to records and contributions', () => {
		const corpus = spanCorpus(
			[
				{ contribution: 4, segments: [[7, 8], [9]] },
				{ contribution: 2, segments: [[8]] }
			],
			10
		);
		expect([...corpus.tokens]).toEqual([7, 8, 10, 9, 10, 8, 10]);
		expect([...corpus.segmentStarts]).toEqual([0, 3, 5]);
		expect([...corpus.segmentRecords]).toEqual([0, 0, 1]);
		expect([...corpus.recordContributions]).toEqual([4, 2]);
		expect(corpus.unigramCounts[8]).toBe(2);
		expect(corpus.textTokens).toBe(4);
		expect([0, 1, 2, 3, 4, 5, 6].map((p) => recordAt(corpus, p))).toEqual([0, 0, 0, 0, 0, 1, 1]);
	});

	it('takes from training examples only their target tokens, a segment per run', () => {
		const examples = [
			{ source: 2, tokenIds: [5, 6, 7, 8, 9, 10], lossMask: [0, 0, 1, 1, 0, 1] },
			{ source: 0, tokenIds: [3, 4], lossMask: [0, 1] },
			{ source: 1, tokenIds: [3, 4], lossMask: [0, 0] }
		];
		expect(corpusRecordsOf(examples, (e) => e.source)).toEqual([
			{ contribution: 2, segments: [[7, 8], [10]] },
			{ contribution: 0, segments: [[4]] },
			{ contribution: 1, segments: [] }
		]);
	});

	it('refuses a token outside the vocabulary and a bad contribution index, naming the record', () => {
		expect(() => spanCorpus([{ contribution: 0, segments: [[3, 10]] }], 10)).toThrow(
			'Record 0 holds token 10, outside the vocabulary of 10.'
		);
		expect(() =>
			spanCorpus(
				[
					{ contribution: 0, segments: [] },
					{ contribution: -1, segments: [] }
				],
				10
			)
		).toThrow('Record 1 names contribution -1.');
	});
});

describe('attributeSpans', () => {
	it('scores surprise in whole bits from the unigram counts', () => {
		expect(tokenSurpriseBits(1_000_000, 1_000)).toBe(9);
		expect(tokenSurpriseBits(10, 1)).toBe(3);
		expect(tokenSurpriseBits(10, 10)).toBe(0);
		expect(() => tokenSurpriseBits(10, 0)).toThrow('A token counted 0 times in 10 tokens.');
	});

	it('credits a rare phrase to its one contribution, and shares a copied one between both holders', async () => {
		const { corpus, reader } = indexOf(records);
		const bits = (tokens: number[]) =>
			tokens.reduce((sum, t) => sum + tokenSurpriseBits(corpus.textTokens, corpus.unigramCounts[t]!), 0);
		// 9 9 is in no record; 1 2 3 1 2 3 is filler; the two phrases are planted.
		const answer = [9, 50, 51, 52, 53, 9, 1, 2, 3, 1, 2, 3, 9, 60, 61, 62, 63, 9];
		const { spans, scores } = await attributeSpans(reader, corpus, answer, {
			minLength: 3,
			maxOccurrences: 8,
			minSurpriseBits: 12
		});
		const anywhere = expect.any(Number);
		expect(spans).toEqual([
			{
				start: 1,
				end: 5,
				occurrences: 1,
				surpriseBits: bits([50, 51, 52, 53]),
				contributions: [0],
				firstPosition: anywhere
			},
			{
				start: 13,
				end: 17,
				occurrences: 2,
				surpriseBits: bits([60, 61, 62, 63]),
				contributions: [1, 2],
				firstPosition: anywhere
			}
		]);
		// Each span's first place holds its tokens, and the text around it stops at the ends of its record's text.
		for (const span of spans) {
			const at = Array.from({ length: span.end - span.start }, (_, i) => corpus.tokens[span.firstPosition + i]);
			expect(at).toEqual(answer.slice(span.start, span.end));
			const { before, after } = await spanContext(reader, span, span.end - span.start, corpus.vocabSize);
			expect(before.length + after.length).toBeGreaterThan(0);
			expect([...before, ...after]).not.toContain(corpus.vocabSize);
			const segment = corpus.segmentStarts.findLast((start) => start <= span.firstPosition)!;
			expect(span.firstPosition - before.length).toBeGreaterThanOrEqual(segment);
		}
		const shared = Math.floor((bits([60, 61, 62, 63]) * SHARE_UNITS) / 2);
		expect(Object.fromEntries(scores)).toEqual({ 0: bits([50, 51, 52, 53]) * SHARE_UNITS, 1: shared, 2: shared });
	});

	it('drops spans that are common, unsurprising or short, and never lets one cross from one text into the next', async () => {
		const { corpus, reader } = indexOf(records);
		const kept = async (
			answer: number[],
			rules: { minLength: number; maxOccurrences: number; minSurpriseBits: number }
		) => (await attributeSpans(reader, corpus, answer, rules)).spans.length;
		// Each rule alone drops a span the others keep.
		const loose = { minLength: 2, maxOccurrences: 1000, minSurpriseBits: 1 };
		expect(await kept([1, 2, 3, 1, 2, 3], loose)).toBe(1);
		expect(await kept([1, 2, 3, 1, 2, 3], { ...loose, minSurpriseBits: 12 })).toBe(0); // 1 bit a token
		expect(await kept([60, 61, 62, 63], loose)).toBe(1);
		expect(await kept([60, 61, 62, 63], { ...loose, maxOccurrences: 1 })).toBe(0); // in two records
		expect(await kept([50, 51, 9], loose)).toBe(1);
		expect(await kept([50, 51, 9], { ...loose, minLength: 3 })).toBe(0);
		// 63 64 ends record 1's text; 64 60 is in no text, though the corpus has 64, a separator, then 60 ….
		const across = await attributeSpans(reader, corpus, [62, 63, 64, 60, 61, 62], {
			minLength: 2,
			maxOccurrences: 8,
			minSurpriseBits: 1
		});
		expect(across.spans.map(({ start, end }) => [start, end])).toEqual([
			[0, 3],
			[3, 6]
		]);
	});
});
