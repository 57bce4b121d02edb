import { describe, expect, it } from 'vitest';
import { sha256Hex } from './recordId.ts';

describe('sha256Hex', () => {
	it('matches the FIPS 180-2 test vectors', async () => {
		expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
	});

	it('hashes UTF-8 bytes, so composed and decomposed accents differ until normalised', async () => {
		expect(await sha256Hex('Caf\u00e9')).not.toBe(await sha256Hex('Cafe\u0301'));
		expect(await sha256Hex('Cafe\u0301'.normalize('NFC'))).toBe(await sha256Hex('Caf\u00e9'));
	});
});
