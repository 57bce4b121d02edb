import { describe, expect, it } from 'vitest';
import { chunkText } from './chunkText.ts';
import { decodeUtf8 } from '../extract/decodeUtf8.ts';
import { normalizeText } from '../clean/normalizeText.ts';
import { sample, tinyTokenCount } from '../testdata/samples.ts';

const tokenCount = tinyTokenCount();
const text = normalizeText(decodeUtf8(sample('animal-care.txt'), 'animal-care.txt'));

describe('chunkText', () => {
	it('keeps a text that fits as one chunk with its exact token count', () => {
		const chunks = chunkText(text, 4096, tokenCount);
		expect(chunks).toEqual([{ text, tokens: tokenCount(text) }]);
	});

	it('cuts at paragraph boundaries first, every chunk within the limit', () => {
		const limit = Math.max(...text.split('\n\n').map(tokenCount)) + 5;
		const chunks = chunkText(text, limit, tokenCount);
		expect(chunks.length).toBeGreaterThan(1);
		for (const chunk of chunks) {
			expect(chunk.tokens).toBe(tokenCount(chunk.text));
			expect(chunk.tokens).toBeLessThanOrEqual(limit);
			// No paragraph is split: each chunk is whole paragraphs of the source.
			for (const paragraph of chunk.text.split('\n\n')) expect(text.split('\n\n')).toContain(paragraph);
		}
		expect(chunks.map((c) => c.text).join('\n\n')).toBe(text);
	});

	it('falls back to sentences, then words, when a paragraph is over the limit', () => {
		const paragraph = text.split('\n\n')[1]!;
		// The paragraph's two sentences have 47 and 65 tokens: together over 80, each under it.
		const chunks = chunkText(paragraph, 80, tokenCount);
		expect(chunks).toHaveLength(2);
		for (const chunk of chunks) expect(chunk.text).toMatch(/^[A-Z].*\.$/);
		expect(chunks.map((c) => c.text).join(' ')).toBe(paragraph);
		const words = chunkText(paragraph, 12, tokenCount);
		expect(words.length).toBeGreaterThan(4);
		for (const chunk of words) expect(chunk.tokens).toBeLessThanOrEqual(12);
		expect(words.map((c) => c.text).join(' ')).toBe(paragraph);
	});

	it('cuts a single overlong word', () => {
		const blob = 'x9Qz'.repeat(200);
		const chunks = chunkText(blob, 16, tokenCount);
		for (const chunk of chunks) expect(chunk.tokens).toBeLessThanOrEqual(16);
		expect(chunks.map((c) => c.text).join('')).toBe(blob);
	});
});
