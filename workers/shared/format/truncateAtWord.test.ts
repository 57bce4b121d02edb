import { describe, expect, it } from 'vitest';
import { ELLIPSIS, truncateAtWord } from './truncateAtWord.ts';

const characters = (text: string) =>
	Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)).length;
const record =
	'Hive design\n\nThe Langstroth hive uses movable frames spaced by the bee space, about eight millimetres. Bees fill any smaller gap with propolis.';

describe('truncateAtWord', () => {
	it('leaves text that fits as it is, with no ellipsis', () => {
		expect(truncateAtWord('Keeping bees', 12)).toBe('Keeping bees');
		expect(truncateAtWord('Keeping bees', 300)).toBe('Keeping bees');
		expect(truncateAtWord('', 10)).toBe('');
		// Ten characters in twenty UTF-16 units still fit in ten.
		expect(truncateAtWord('🐝'.repeat(10), 10)).toBe('🐝'.repeat(10));
	});

	it('cuts at the last space that fits and marks the cut with an ellipsis', () => {
		expect(truncateAtWord('Workers fan the hive with their wings', 20)).toBe('Workers fan the…');
		expect(truncateAtWord('fans vibrate. Hive design', 16)).toBe('fans vibrate.…');
		expect(truncateAtWord('one, two, three', 10)).toBe('one, two…');
	});

	it('never ends mid-word, never runs over the limit, and is always a start of the text', () => {
		// From the length where the first word fits with its ellipsis.
		for (let max = 'Hive…'.length; max <= record.length; max++) {
			const short = truncateAtWord(record, max);
			expect(characters(short)).toBeLessThanOrEqual(max);
			if (short === record) continue;
			expect(short.endsWith(ELLIPSIS)).toBe(true);
			const kept = short.slice(0, -ELLIPSIS.length);
			expect(record.startsWith(kept)).toBe(true);
			// What follows the kept part in the original is not a letter: the word was kept whole or left out.
			expect(record.slice(kept.length)).toMatch(/^[^\p{L}\p{N}]/u);
		}
	});

	it('cuts a string with no spaces at a character boundary', () => {
		expect(truncateAtWord('x'.repeat(50), 10)).toBe('xxxxxxxxx…');
		expect(truncateAtWord('https://example.org/a/very/long/path', 12)).toMatch(/^https:\/\/[^…]*…$/);
	});

	it('never splits a surrogate pair or a grapheme cluster', () => {
		const bees = truncateAtWord('🐝'.repeat(20), 5);
		expect(bees).toBe('🐝🐝🐝🐝…');
		expect(bees.isWellFormed()).toBe(true);
		const family = '👨‍👩‍👧'.repeat(6);
		expect(truncateAtWord(family, 3)).toBe('👨‍👩‍👧👨‍👩‍👧…');
		const accents = 'Cafe\u0301 '.repeat(10);
		expect(truncateAtWord(accents, 13)).toBe('Cafe\u0301 Cafe\u0301…');
	});

	it('cuts text written without spaces at a word boundary', () => {
		const japanese = '蜂は巣の中の温度を一定に保つために羽を振動させます';
		const short = truncateAtWord(japanese, 8);
		expect(characters(short)).toBeLessThanOrEqual(8);
		expect(japanese.startsWith(short.slice(0, -1))).toBe(true);
		expect(short.isWellFormed()).toBe(true);
	});

	it('gives only the ellipsis when there is room for nothing else', () => {
		expect(truncateAtWord('Keeping bees', 1)).toBe(ELLIPSIS);
		expect(truncateAtWord('Keeping bees', 0)).toBe('');
	});
});
