import { describe, expect, it } from 'vitest';
import { jaccard, normaliseWords, shingleHashes } from './shingles.ts';
import { CONTRACT_LAW } from './testTexts.ts';

describe('normaliseWords', () => {
	it('lower-cases, drops punctuation and keeps accented letters and digits', () => {
		expect(normaliseWords('Hello, World! Ça va? It’s 2024 — the end.')).toEqual([
			'hello',
			'world',
			'ça',
			'va',
			'it',
			's',
			'2024',
			'the',
			'end'
		]);
	});

	it('folds compatibility forms (NFKC) and decomposed accents into one word', () => {
		expect(normaliseWords('ＦＵＬＬ width')).toEqual(['full', 'width']);
		expect(normaliseWords('cafe\u0301 café')).toEqual(['café', 'café']);
	});

	it('takes each character of unspaced scripts as a word', () => {
		expect(normaliseWords('契約法 law')).toEqual(['契', '約', '法', 'law']);
	});
});

describe('shingleHashes', () => {
	it('gives one shingle per distinct word 5-gram, sorted', () => {
		const shingles = shingleHashes('one two three four five six seven');
		expect(shingles).toHaveLength(3);
		expect([...shingles]).toEqual([...shingles].sort((x, y) => x - y));
		expect(shingleHashes('a b c d e a b c d e')).toHaveLength(5);
	});

	it('ignores case, punctuation and spacing', () => {
		const text = CONTRACT_LAW[0]!;
		const reformatted = text.toUpperCase().replaceAll(',', ' ;').replaceAll(' ', '\n  ');
		expect(shingleHashes(reformatted)).toEqual(shingleHashes(text));
	});

	it('makes a text of fewer than 5 words one shingle, and an empty text none', () => {
		expect(shingleHashes('just three words')).toHaveLength(1);
		expect(shingleHashes('just three words')).not.toEqual(shingleHashes('just three word'));
		expect(shingleHashes(' … !')).toHaveLength(0);
	});

	it('is order sensitive: the same words shuffled share few shingles', () => {
		const words = CONTRACT_LAW[1]!.split(' ');
		expect(jaccard(shingleHashes(words.join(' ')), shingleHashes(words.reverse().join(' ')))).toBeLessThan(0.05);
	});
});

describe('jaccard', () => {
	it('is |A ∩ B| / |A ∪ B| of sorted sets', () => {
		expect(jaccard(Uint32Array.of(1, 2, 3), Uint32Array.of(2, 3, 4))).toBe(0.5);
		expect(jaccard(Uint32Array.of(1, 2), Uint32Array.of(3))).toBe(0);
		expect(jaccard(Uint32Array.of(5, 0xffffffff), Uint32Array.of(5, 0xffffffff))).toBe(1);
		expect(jaccard(new Uint32Array(0), new Uint32Array(0))).toBe(1);
	});
});
