import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalizeText.ts';

describe('normalizeText', () => {
	it('composes accents to NFC so equal text is equal bytes', () => {
		expect(normalizeText('Cafe\u0301')).toBe('Café');
		expect(normalizeText('Cafe\u0301')).toBe(normalizeText('Caf\u00e9'));
	});

	it('strips control and invisible characters but keeps newlines and tabs', () => {
		expect(normalizeText('a\u0000b\u0007c\u001bd\u200be\uFEFFf\u00ADg\th\ni')).toBe('abcdefg\th\ni');
	});

	it('unifies line ends, collapses spaces, trims lines and keeps one blank line between paragraphs', () => {
		expect(normalizeText('  one\u00A0 two  \r\nthree \r\n\r\n\r\n\r\nfour\u2028five  ')).toBe(
			'one two\nthree\n\nfour\nfive'
		);
	});
});
