import { describe, expect, it } from 'vitest';
import { decodeDedupeIndex, encodeDedupeIndex, type DedupeIndexParameters } from './indexFormat.ts';

const parameters: DedupeIndexParameters = { numPerm: 2, seed: 0x01020304, bands: 1, rows: 2, keepShingles: true };
const entry = {
	id: 'é',
	contentHash: 'ab'.repeat(32),
	signature: Uint32Array.of(1, 0xffffffff),
	shingles: Uint32Array.of(5)
};

describe('encodeDedupeIndex', () => {
	it('writes the documented little-endian layout', () => {
		const bytes = encodeDedupeIndex(parameters, [entry]);
		expect([...bytes.subarray(0, 20)]).toEqual([
			0x50, 0x56, 0x44, 0x44, 1, 1, 1, 2, 2, 0, 0, 0, 4, 3, 2, 1, 1, 0, 0, 0
		]);
		// id length 2, 'é' in UTF-8, 32 hash bytes, two signature words, one shingle.
		expect([...bytes.subarray(20, 24)]).toEqual([2, 0, 0xc3, 0xa9]);
		expect(bytes[24]).toBe(0xab);
		expect([...bytes.subarray(56, 64)]).toEqual([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
		expect([...bytes.subarray(64)]).toEqual([1, 0, 0, 0, 5, 0, 0, 0]);
	});

	it('round-trips, and drops shingles when the index keeps none', () => {
		expect(decodeDedupeIndex(encodeDedupeIndex(parameters, [entry]))).toEqual({ parameters, entries: [entry] });
		const compact = { ...parameters, keepShingles: false };
		const decoded = decodeDedupeIndex(encodeDedupeIndex(compact, [entry]));
		expect(decoded.entries).toEqual([{ ...entry, shingles: undefined }]);
		expect(encodeDedupeIndex(compact, [entry])).toHaveLength(20 + 2 + 2 + 32 + 8);
	});
});
