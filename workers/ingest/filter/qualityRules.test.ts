import { describe, expect, it } from 'vitest';
import { checkQuality } from './qualityRules.ts';
import type { IngestRecord } from '../records/recordSchema.ts';
import { decodeUtf8 } from '../extract/decodeUtf8.ts';
import { normalizeText } from '../clean/normalizeText.ts';
import { sample } from '../testdata/samples.ts';

const text = (value: string): IngestRecord => ({
	id: 'x',
	kind: 'text',
	text: value,
	source: { file: 't.txt' },
	tokens: 0
});
const prose = normalizeText(decodeUtf8(sample('animal-care.txt'), 'animal-care.txt')).split('\n\n')[1]!;

describe('checkQuality', () => {
	it('passes real prose', () => {
		expect(checkQuality(text(prose))).toBeUndefined();
	});

	it('passes a short pair, which the word minimum does not apply to', () => {
		expect(
			checkQuality({
				id: 'p',
				kind: 'pair',
				prompt: 'Capital of France?',
				response: 'Paris.',
				source: { file: 'q.jsonl' },
				tokens: 0
			})
		).toBeUndefined();
	});

	it.each([
		['too-few-words', 'Too short to teach.', 4, 8],
		[
			'symbol-to-word-ratio',
			`${prose} #tag #law #dogs #cats #vet #care #health #pets #seniors #joints #teeth #food`,
			0.214,
			0.1
		],
		[
			'ellipsis-lines',
			'The story begins here and goes on...\nThen something happened to them…\nIt was the end of all of it.',
			0.667,
			0.3
		],
		[
			'repeated-lines',
			'Click here to subscribe now\nClick here to subscribe now\nClick here to subscribe now\nA real line of text here',
			0.5,
			0.3
		],
		['repeated-ngrams', 'buy now buy now buy now buy now buy now buy now buy now buy now buy now buy now', 1, 0.15],
		['mostly-non-alphabetic', '12 34 56 78 90 12.5 33.1 47 91 a total of ten', 0.308, 0.8],
		['mean-word-length', 'a b c d e f g h i j k l m n o p', 1, 3]
	])('drops by %s with the measured value and threshold', (rule, input, value, threshold) => {
		const failure = checkQuality(text(input));
		expect(failure).toMatchObject({ rule, value, threshold });
		expect(failure!.message).toContain(String(threshold));
	});

	it('measures the most frequent short n-gram in documents of 50 words or more', () => {
		const failure = checkQuality(text(`${prose} ${'the vet the vet '.repeat(12)}and that is all`));
		expect(failure).toMatchObject({ rule: 'repeated-ngrams', threshold: 0.2 });
		expect(failure!.message).toContain('the most frequent 2-gram ("the vet")');
	});

	it('finds duplicated long n-grams in otherwise varied text', () => {
		const repeated = 'the court held that the contract was void for uncertainty';
		const failure = checkQuality(text(`${repeated}, and later ${repeated}, and on appeal ${repeated}.`));
		expect(failure?.rule).toBe('repeated-ngrams');
	});

	it('skips word rules for text in scripts without spaces', () => {
		expect(checkQuality(text('犬は毎年ワクチンを接種する必要があります。'))).toBeUndefined();
	});
});
