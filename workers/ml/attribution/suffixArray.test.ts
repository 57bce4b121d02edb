// SA-IS against the definition (every suffix compared token by token), on the inputs that break suffix sorters:
// runs of one token, periodic text, a one-token alphabet, large token ids, and many random sequences.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seededRandom.ts';
import { suffixArray } from './suffixArray.ts';

/** The suffix array by its definition: O(n² log n), for checking. */
function sortedSuffixes(tokens: readonly number[]): number[] {
	const compare = (a: number, b: number) => {
		for (; a < tokens.length && b < tokens.length; a++, b++)
			if (tokens[a] !== tokens[b]) return tokens[a]! - tokens[b]!;
		return b - a; // the shorter suffix (the one that ran out) first
	};
	return tokens.map((_, i) => i).sort(compare);
}

describe('suffixArray', () => {
	it('sorts the suffixes of the documented example, and of nothing', () => {
		expect([...suffixArray([1, 0, 1, 0], 2)]).toEqual([3, 1, 2, 0]);
		expect([...suffixArray([], 5)]).toEqual([]);
		expect([...suffixArray([7], 8)]).toEqual([0]);
	});

	it('puts a shorter suffix before the longer ones it starts, in runs and periodic text', () => {
		const cases = [
			Array(40).fill(0),
			Array(33).fill(5),
			Array.from({ length: 60 }, (_, i) => i % 2),
			Array.from({ length: 61 }, (_, i) => i % 3),
			Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? 1 : 0)),
			[2, 1, 2, 1, 2, 1, 0, 2, 1, 2, 1, 2, 1, 0],
			Array.from({ length: 64 }, (_, i) => 63 - i),
			Array.from({ length: 64 }, (_, i) => i)
		];
		for (const tokens of cases) expect([...suffixArray(tokens, 64)], tokens.join(' ')).toEqual(sortedSuffixes(tokens));
	});

	it('matches the definition on random sequences of every alphabet size, large ids included', () => {
		const next = seededRandom(12).uniform;
		for (let trial = 0; trial < 400; trial++) {
			const alphabet = [1, 2, 3, 4, 16, 1024, 2 ** 20][trial % 7]!;
			const length = Math.floor(next() * 300);
			// Few distinct values in most cases, so repeats (and recursion) are common.
			const distinct = Math.max(1, Math.min(alphabet, 1 + Math.floor(next() * 6)));
			const values = Array.from({ length: distinct }, () => Math.floor(next() * alphabet));
			const tokens = Array.from({ length }, () => values[Math.floor(next() * distinct)]!);
			expect([...suffixArray(tokens, alphabet)], `trial ${trial}`).toEqual(sortedSuffixes(tokens));
		}
	});

	it('is a permutation ordered by its suffixes on a long text with deep repeats', () => {
		const next = seededRandom(7).uniform;
		const phrase = Array.from({ length: 200 }, () => Math.floor(next() * 50));
		const tokens = new Uint32Array([...phrase, ...phrase, 3, ...phrase, ...phrase.slice(0, 150), ...phrase]);
		const sa = suffixArray(tokens, 50);
		expect(new Set(sa).size).toBe(tokens.length);
		for (let i = 1; i < sa.length; i++) {
			let a = sa[i - 1]!;
			let b = sa[i]!;
			while (b < tokens.length && a < tokens.length && tokens[a] === tokens[b]) (a++, b++);
			expect(a === tokens.length || (b < tokens.length && tokens[a]! < tokens[b]!), `ranks ${i - 1}, ${i}`).toBe(true);
		}
	});

	it('refuses a token outside the alphabet and a bad alphabet, naming them', () => {
		expect(() => suffixArray([0, 4, 1], 4)).toThrow('Token 4 at position 1 is outside [0, 4).');
		expect(() => suffixArray([0, -1], 4)).toThrow('Token -1 at position 1');
		expect(() => suffixArray([0, 1.5], 4)).toThrow('Token 1.5 at position 1');
		expect(() => suffixArray([0], 0)).toThrow('The alphabet size must be a positive integer');
	});
});
