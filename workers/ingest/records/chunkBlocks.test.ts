import { describe, expect, it } from 'vitest';
import { chunkBlocks } from './chunkBlocks.ts';
import { chunkText } from './chunkText.ts';
import { normalizeText } from '../clean/normalizeText.ts';
import { decodeUtf8 } from '../extract/decodeUtf8.ts';
import { plainBlocks, type TextBlock } from '../extract/extractedDocument.ts';
import { markdownToBlocks } from '../extract/markdownToBlocks.ts';
import { sample, tinyTokenCount } from '../testdata/samples.ts';

const tokenCount = tinyTokenCount();
const heading = (text: string): TextBlock => ({ kind: 'heading', text });
const body = (text: string): TextBlock => ({ kind: 'body', text });
const texts = (blocks: TextBlock[], maxTokens = 256) => chunkBlocks(blocks, maxTokens, tokenCount).map((c) => c.text);

/** What every chunking must hold: within the limit, exact counts, and no chunk that ends on a heading. */
function expectWellFormed(blocks: TextBlock[], maxTokens: number) {
	const chunks = chunkBlocks(blocks, maxTokens, tokenCount);
	const headings = new Set(blocks.filter((b) => b.kind === 'heading').map((b) => b.text));
	for (const chunk of chunks) {
		expect(chunk.tokens).toBe(tokenCount(chunk.text));
		expect(chunk.tokens).toBeLessThanOrEqual(maxTokens);
		expect(headings.has(chunk.text.split('\n\n').at(-1)!)).toBe(false);
	}
	// Every heading opens a chunk.
	for (const text of headings) expect(chunks.some((c) => c.text.startsWith(`${text}\n\n`))).toBe(true);
	return chunks;
}

describe('chunkBlocks', () => {
	it('starts a new record at a heading instead of gluing it to the paragraph before', () => {
		const blocks = markdownToBlocks(
			'Workers shiver their flight muscles so that the fans vibrate.\n\n## Hive design\n\nThe Langstroth hive uses movable frames.'
		);
		expect(texts(blocks)).toEqual([
			'Workers shiver their flight muscles so that the fans vibrate.',
			'Hive design\n\nThe Langstroth hive uses movable frames.'
		]);
	});

	it('keeps the title with the first paragraph, on a line of its own', () => {
		const blocks = markdownToBlocks('# Keeping bees\n\nHoney bees live in colonies.\n\nA beginner needs a hive.');
		expect(texts(blocks)).toEqual(['Keeping bees\n\nHoney bees live in colonies.\n\nA beginner needs a hive.']);
	});

	it('never merges sections, even short ones that would fit together', () => {
		const blocks = [
			heading('Smoke'),
			body('It calms the bees.'),
			heading('Veil'),
			body('It keeps stings off the face.')
		];
		expect(texts(blocks)).toEqual(['Smoke\n\nIt calms the bees.', 'Veil\n\nIt keeps stings off the face.']);
	});

	it('keeps headings that follow each other with nothing between as the opening of one record', () => {
		const blocks = [heading('Keeping bees'), heading('Colony life'), body('Workers regulate the temperature.')];
		expect(texts(blocks)).toEqual(['Keeping bees\n\nColony life\n\nWorkers regulate the temperature.']);
	});

	it('keeps a heading with the first sentences of a paragraph too long for one record', () => {
		const paragraph = normalizeText(decodeUtf8(sample('animal-care.txt'), 'animal-care.txt')).split('\n\n')[1]!;
		const blocks = [heading('Senior dogs'), body(paragraph)];
		// The paragraph (two sentences) fits the limit alone, not with its heading: the heading takes the first sentence.
		const limit = tokenCount(paragraph) + 1;
		expect(tokenCount(`Senior dogs\n\n${paragraph}`)).toBeGreaterThan(limit);
		const chunks = expectWellFormed(blocks, limit);
		expect(chunks.map((c) => c.text)).toEqual([
			'Senior dogs\n\nOlder dogs sleep more, move more slowly and often need a diet with fewer calories but more fibre.',
			'A yearly check-up becomes a twice-yearly one after the age of eight, because kidney and liver problems are easier to treat when they are found early.'
		]);
	});

	it('splits an oversized paragraph at sentences, then words, every record within the limit', () => {
		const text = normalizeText(decodeUtf8(sample('animal-care.txt'), 'animal-care.txt'));
		const paragraphs = text.split('\n\n').slice(1, 5); // the prose, without the title and the copyright line
		const blocks = [heading('Senior dogs'), ...paragraphs.map(body), heading('All of it'), body(paragraphs.join(' '))];
		for (const limit of [16, 40, 100, 256]) {
			const chunks = expectWellFormed(blocks, limit);
			// Every sentence of the sample, with a heading before it, fits in 100 tokens: no chunk ends mid-sentence.
			if (limit >= 100) for (const chunk of chunks) expect(chunk.text).toMatch(/\.$/);
		}
	});

	it('chunks plain text exactly as before, so record ids do not change', () => {
		const text = normalizeText(decodeUtf8(sample('animal-care.txt'), 'animal-care.txt'));
		for (const limit of [24, 80, 4096])
			expect(chunkBlocks(plainBlocks(text), limit, tokenCount)).toEqual(chunkText(text, limit, tokenCount));
	});

	it('keeps a trailing heading as a record of its own, and reads an overlong "heading" as text', () => {
		expect(texts([body('The end of the text, with nothing after it.'), heading('Appendix')])).toEqual([
			'The end of the text, with nothing after it.',
			'Appendix'
		]);
		const long = 'A line set in a large font that runs on far too long to be a title '.repeat(3).trim();
		const chunks = chunkBlocks([heading(long), body('Then the body.')], 40, tokenCount);
		expect(chunks[0]!.text.startsWith(long)).toBe(false);
		for (const chunk of chunks) expect(chunk.tokens).toBeLessThanOrEqual(40);
	});
});
