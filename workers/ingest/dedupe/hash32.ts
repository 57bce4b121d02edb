// 32-bit hashing for shingles and LSH band keys, written out because it runs in the browser, in workers and in Node
// and must give the same numbers everywhere: FNV-1a over a word's UTF-8 bytes, murmur3's block mix to combine word
// hashes, and murmur3's finaliser so that every output bit depends on every input bit.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a (32-bit) of the UTF-8 bytes of `text`, encoded on the fly so that no buffer is allocated per word.
 *
 * @example
 * fnv1a32('a'); // 0xe40c292c
 */
export function fnv1a32(text: string): number {
	let hash = FNV_OFFSET;
	for (let i = 0; i < text.length; i++) {
		let code = text.charCodeAt(i);
		if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
			const low = text.charCodeAt(i + 1);
			if (low >= 0xdc00 && low < 0xe000) {
				code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
				i++;
			}
		}
		if (code < 0x80) {
			hash = Math.imul(hash ^ code, FNV_PRIME);
		} else if (code < 0x800) {
			hash = Math.imul(hash ^ (0xc0 | (code >> 6)), FNV_PRIME);
			hash = Math.imul(hash ^ (0x80 | (code & 0x3f)), FNV_PRIME);
		} else if (code < 0x10000) {
			// A lone surrogate lands here and is hashed as its code unit, as TextEncoder would emit U+FFFD instead;
			// either way it is deterministic, which is all a shingle needs.
			hash = Math.imul(hash ^ (0xe0 | (code >> 12)), FNV_PRIME);
			hash = Math.imul(hash ^ (0x80 | ((code >> 6) & 0x3f)), FNV_PRIME);
			hash = Math.imul(hash ^ (0x80 | (code & 0x3f)), FNV_PRIME);
		} else {
			hash = Math.imul(hash ^ (0xf0 | (code >> 18)), FNV_PRIME);
			hash = Math.imul(hash ^ (0x80 | ((code >> 12) & 0x3f)), FNV_PRIME);
			hash = Math.imul(hash ^ (0x80 | ((code >> 6) & 0x3f)), FNV_PRIME);
			hash = Math.imul(hash ^ (0x80 | (code & 0x3f)), FNV_PRIME);
		}
	}
	return hash >>> 0;
}

/**
 * murmur3's 32-bit finaliser: a bijection on 32-bit integers with full avalanche.
 *
 * @example
 * fmix32(0); // 0
 */
export function fmix32(value: number): number {
	let h = value;
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/**
 * murmur3_x86_32 over `count` 32-bit words of `words` from `start` (the words as little-endian blocks), with `seed`.
 *
 * @example
 * murmur3Words(new Uint32Array([1, 2, 3, 4, 5]), 0, 5, 0);
 */
export function murmur3Words(words: ArrayLike<number>, start: number, count: number, seed: number): number {
	let h = seed | 0;
	for (let i = start; i < start + count; i++) {
		let k = Math.imul(words[i]!, 0xcc9e2d51);
		k = (k << 15) | (k >>> 17);
		k = Math.imul(k, 0x1b873593);
		h ^= k;
		h = (h << 13) | (h >>> 19);
		h = (Math.imul(h, 5) + 0xe6546b64) | 0;
	}
	return fmix32(h ^ (count * 4));
}
