// Word 5-gram shingles of a text, the unit near-duplicate detection compares: two records are near-duplicates when
// most of their 5-word runs are shared. Case, punctuation and spacing are dropped first so that reformatting a text
// does not hide a copy.
import { fnv1a32, murmur3Words } from './hash32.ts';

/** Words per shingle: 5-grams, as in the Gopher/RefinedWeb near-dedupe pipelines. */
export const SHINGLE_WORDS = 5;

// Letters (with their combining marks) and digits make words; everything else separates them.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
// Scripts written without spaces: each character is taken as a word, or a whole paragraph would be one word.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;
const UNSPACED_SPLIT =
	/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]+/gu;
// Distinguishes a short text's single shingle from a 5-gram that happens to hash the same words.
const SHORT_SEED = 0x5f3759df;
const GRAM_SEED = 0x9747b28c;

/**
 * The normalised words of `text`: NFKC, lower-cased, split on anything that is not a letter, mark or digit.
 *
 * @example
 * normaliseWords('Hello, World! Ça va?'); // ['hello', 'world', 'ça', 'va']
 */
export function normaliseWords(text: string): string[] {
	const words: string[] = [];
	for (const [word] of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
		if (!UNSPACED.test(word)) words.push(word);
		else for (const [piece] of word.matchAll(UNSPACED_SPLIT)) words.push(piece);
	}
	return words;
}

/**
 * The sorted, distinct 32-bit hashes of `text`'s word 5-grams; a text of 1–4 words is one shingle of all its words,
 * an empty one has none.
 *
 * @example
 * shingleHashes('the quick brown fox jumps over'); // Uint32Array(2) — two 5-grams
 */
export function shingleHashes(text: string): Uint32Array {
	const words = normaliseWords(text);
	if (words.length === 0) return new Uint32Array(0);
	const wordHashes = new Uint32Array(words.length);
	for (let i = 0; i < words.length; i++) wordHashes[i] = fnv1a32(words[i]!);
	if (words.length < SHINGLE_WORDS) return Uint32Array.of(murmur3Words(wordHashes, 0, words.length, SHORT_SEED));
	const shingles = new Uint32Array(words.length - SHINGLE_WORDS + 1);
	for (let i = 0; i < shingles.length; i++) shingles[i] = murmur3Words(wordHashes, i, SHINGLE_WORDS, GRAM_SEED);
	return sortedDistinct(shingles);
}

/**
 * The exact Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted, distinct hash sets (1 when both are empty).
 *
 * @example
 * jaccard(Uint32Array.of(1, 2, 3), Uint32Array.of(2, 3, 4)); // 0.5
 */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
	if (a.length === 0 && b.length === 0) return 1;
	let i = 0;
	let j = 0;
	let shared = 0;
	while (i < a.length && j < b.length) {
		const x = a[i]!;
		const y = b[j]!;
		if (x === y) {
			shared++;
			i++;
			j++;
		} else if (x < y) i++;
		else j++;
	}
	return shared / (a.length + b.length - shared);
}

function sortedDistinct(values: Uint32Array): Uint32Array {
	values.sort();
	let length = 0;
	for (let i = 0; i < values.length; i++)
		if (i === 0 || values[i] !== values[length - 1]) values[length++] = values[i]!;
	// A copy, so that a stored set does not pin the larger buffer it was sorted in.
	return length === values.length ? values : values.slice(0, length);
}
