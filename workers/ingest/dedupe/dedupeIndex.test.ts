import { describe, expect, it } from 'vitest';
import { DedupeIndex, DedupeThresholdError } from './dedupeIndex.ts';
import { contentHash, fingerprint } from './fingerprint.ts';
import { DedupeIndexFormatError } from './indexFormat.ts';
import { LshParametersError } from './lsh.ts';
import { SignatureMismatchError } from './minhash.ts';
import { jaccard, shingleHashes } from './shingles.ts';
import { CONTRACT_LAW, replaceWords } from './testTexts.ts';

const accepted = CONTRACT_LAW.map((text, i) => ({ id: `accepted-${i}`, text }));
// Two words changed in the first paragraph, far apart: about ten of ~95 shingles differ.
const nearCopy = replaceWords(CONTRACT_LAW[0]!, [20, 70]);

describe('DedupeIndex', () => {
	it('finds an exact copy by content hash, whitespace and Unicode form aside', async () => {
		const index = await DedupeIndex.fromRecords(accepted);
		expect(index.size).toBe(4);
		expect(index.findExact(await contentHash(`  ${CONTRACT_LAW[2]!.replaceAll(' ', '\n')}`))).toBe('accepted-2');
		expect(index.findExact(await contentHash(CONTRACT_LAW[2]!.toUpperCase()))).toBeUndefined();
	});

	it('finds a planted near-duplicate with its exact Jaccard, and nothing for unrelated text of the same topic', async () => {
		const index = await DedupeIndex.fromRecords(accepted);
		const expected = jaccard(shingleHashes(nearCopy), shingleHashes(CONTRACT_LAW[0]!));
		expect(expected).toBeGreaterThan(0.8);
		expect(expected).toBeLessThan(0.9);
		expect(index.findSimilar(await fingerprint(nearCopy, index.hasher))).toEqual([
			{ id: 'accepted-0', jaccard: expected, estimated: false }
		]);
		const unrelated = await DedupeIndex.fromRecords(accepted.slice(1));
		expect(unrelated.findSimilar(await fingerprint(CONTRACT_LAW[0]!, unrelated.hasher), 0.3)).toEqual([]);
	});

	it('respects the threshold: a pair at ~0.6 is reported at 0.5 but not at 0.75', async () => {
		const index = await DedupeIndex.fromRecords(accepted);
		const text = replaceWords(CONTRACT_LAW[1]!, [10, 25, 40, 55, 70, 85]);
		const print = await fingerprint(text, index.hasher);
		const expected = jaccard(print.shingles, shingleHashes(CONTRACT_LAW[1]!));
		expect(expected).toBeGreaterThan(0.5);
		expect(expected).toBeLessThan(0.7);
		expect(index.findSimilar(print, 0.75)).toEqual([]);
		expect(index.findSimilar(print, expected)).toEqual([{ id: 'accepted-1', jaccard: expected, estimated: false }]);
		expect(index.findSimilar(print, expected + 1e-9)).toEqual([]);
		expect(() => index.findSimilar(print, 0)).toThrow(DedupeThresholdError);
		expect(() => index.findSimilar(print, 1.5)).toThrow(DedupeThresholdError);
	});

	it('round-trips through its bytes and answers the same', async () => {
		const index = await DedupeIndex.fromRecords([
			...accepted,
			{ id: 'empty', text: '' },
			{ id: 'short', text: 'Short one.' }
		]);
		const bytes = index.serialize();
		const loaded = DedupeIndex.deserialize(bytes);
		expect(loaded.parameters).toEqual(index.parameters);
		expect(loaded.size).toBe(6);
		expect(loaded.serialize()).toEqual(bytes);
		const print = await fingerprint(nearCopy, loaded.hasher);
		expect(loaded.findSimilar(print)).toEqual(index.findSimilar(print));
		expect(loaded.findExact(await contentHash('Short one.'))).toBe('short');
		// A copy in a larger buffer at an odd offset, as IndexedDB or a CAR block may hand it back.
		const padded = new Uint8Array(bytes.length + 3);
		padded.set(bytes, 3);
		expect(DedupeIndex.deserialize(padded.subarray(3)).serialize()).toEqual(bytes);
	});

	it('keeps signatures only when asked, and then verifies by the MinHash estimate', async () => {
		const full = await DedupeIndex.fromRecords(accepted);
		const compact = DedupeIndex.deserialize(
			(await DedupeIndex.fromRecords(accepted, { keepShingles: false })).serialize()
		);
		expect(compact.serialize().length).toBeLessThan(full.serialize().length);
		const [match] = compact.findSimilar(await fingerprint(nearCopy, compact.hasher), 0.6);
		expect(match?.id).toBe('accepted-0');
		expect(match?.estimated).toBe(true);
		expect(match!.jaccard).toBeGreaterThan(0.7);
	});

	it('refuses bytes that are not an index, truncated or from a newer format', async () => {
		const bytes = (await DedupeIndex.fromRecords(accepted)).serialize();
		expect(() => DedupeIndex.deserialize(new TextEncoder().encode('{"not":"an index"}'))).toThrow(
			DedupeIndexFormatError
		);
		expect(() => DedupeIndex.deserialize(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
		const newer = bytes.slice();
		newer[4] = 2;
		expect(() => DedupeIndex.deserialize(newer)).toThrow(/version 2/);
	});

	it('refuses parameters and signatures that do not fit', async () => {
		expect(() => new DedupeIndex({ numPerm: 64, bands: 16, rows: 8 })).toThrow(LshParametersError);
		const index = new DedupeIndex({ numPerm: 64, bands: 16, rows: 4 });
		const other = new DedupeIndex();
		expect(() => index.findSimilar(otherPrintSignature(other))).toThrow(SignatureMismatchError);
	});
});

function otherPrintSignature(index: DedupeIndex) {
	return { signature: index.hasher.signature(shingleHashes(CONTRACT_LAW[0]!)) };
}
