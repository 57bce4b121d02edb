import { describe, expect, it } from 'vitest';
import { contentHash, fingerprint, fingerprintBatches, normaliseForHash } from './fingerprint.ts';
import { createMinHasher } from './minhash.ts';
import { CONTRACT_LAW } from './testTexts.ts';

describe('contentHash', () => {
	it('is the sha-256 hex of the text with whitespace collapsed and Unicode in NFC', async () => {
		expect(await contentHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		expect(await contentHash('  abc\n')).toBe(await contentHash('abc'));
		expect(await contentHash('cafe\u0301')).toBe(await contentHash('café'));
		expect(await contentHash('ABC')).not.toBe(await contentHash('abc'));
		expect(normaliseForHash(' a \t\r\n b ')).toBe('a b');
	});
});

describe('fingerprintBatches', () => {
	it('gives the same fingerprints as one at a time, in order, across batch boundaries', async () => {
		const hasher = createMinHasher({ numPerm: 32 });
		const texts = Array.from({ length: 300 }, (_, i) => `${CONTRACT_LAW[i % 4]!} ${i}`);
		const batched = [];
		for await (const batch of fingerprintBatches(texts, hasher)) batched.push(...batch);
		expect(batched).toHaveLength(300);
		for (const i of [0, 255, 256, 299]) expect(batched[i]).toEqual(await fingerprint(texts[i]!, hasher));
	});
});
