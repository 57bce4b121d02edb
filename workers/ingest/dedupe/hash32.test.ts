import { describe, expect, it } from 'vitest';
import { fmix32, fnv1a32, murmur3Words } from './hash32.ts';

/** FNV-1a over TextEncoder's bytes: an independent reference for the on-the-fly UTF-8 encoding. */
function fnvReference(text: string): number {
	let hash = 0x811c9dc5;
	for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
	return hash >>> 0;
}

describe('fnv1a32', () => {
	it('matches the published FNV-1a test vectors', () => {
		expect(fnv1a32('')).toBe(0x811c9dc5);
		expect(fnv1a32('a')).toBe(0xe40c292c);
		expect(fnv1a32('foobar')).toBe(0xbf9cf968);
	});

	it('hashes the UTF-8 bytes of any script, astral characters included', () => {
		for (const text of ['ça', 'straße', 'привет', '契約法', 'emoji 🙂 here', 'ƒ𝒜'])
			expect(fnv1a32(text)).toBe(fnvReference(text));
	});
});

describe('fmix32 and murmur3Words', () => {
	it('match murmur3_x86_32 on known inputs', () => {
		expect(fmix32(0)).toBe(0);
		// murmur3_x86_32 of the empty input with seed 0 and with seed 1 (the reference test vectors).
		expect(murmur3Words([], 0, 0, 0)).toBe(0);
		expect(murmur3Words([], 0, 0, 1)).toBe(0x514e28b7);
		// Four bytes 0x21 0x43 0x65 0x87 (one little-endian word), seed 0x5082edee.
		expect(murmur3Words([0x87654321], 0, 1, 0x5082edee)).toBe(0x2362f9de);
	});

	it('hashes a window of the words, so equal windows at different offsets agree', () => {
		const words = Uint32Array.of(7, 1, 2, 3, 9, 1, 2, 3);
		expect(murmur3Words(words, 1, 3, 0)).toBe(murmur3Words(words, 5, 3, 0));
		expect(murmur3Words(words, 1, 3, 0)).not.toBe(murmur3Words(words, 0, 3, 0));
	});
});
