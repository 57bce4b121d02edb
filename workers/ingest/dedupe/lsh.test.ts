import { describe, expect, it } from 'vitest';
import { bandKeys, candidateProbability, DEFAULT_BANDS, DEFAULT_ROWS, LshParametersError, LshTable } from './lsh.ts';

describe('candidateProbability', () => {
	it('follows 1 − (1 − s^r)^b, steep around the chosen threshold', () => {
		expect(candidateProbability(0.75, 16, 8)).toBeCloseTo(0.8151, 3);
		expect(candidateProbability(0.75, DEFAULT_BANDS, DEFAULT_ROWS)).toBeGreaterThan(0.98);
		expect(candidateProbability(0.1, DEFAULT_BANDS, DEFAULT_ROWS)).toBeLessThan(1e-4);
		expect(candidateProbability(1, DEFAULT_BANDS, DEFAULT_ROWS)).toBe(1);
	});
});

describe('bandKeys', () => {
	it('keys each band by its rows and its position', () => {
		const signature = Uint32Array.from({ length: 12 }, (_, i) => i % 6);
		const keys = bandKeys(signature, 2, 6);
		// The two bands hold the same rows but are different bands, so their keys differ.
		expect(keys[0]).not.toBe(keys[1]);
		const changed = signature.slice();
		changed[7] = 99;
		const changedKeys = bandKeys(changed, 2, 6);
		expect(changedKeys[0]).toBe(keys[0]);
		expect(changedKeys[1]).not.toBe(keys[1]);
	});

	it('refuses more bands × rows than the signature holds', () => {
		expect(() => bandKeys(new Uint32Array(10), 3, 4)).toThrow(LshParametersError);
	});
});

describe('LshTable', () => {
	it('returns the slots that share at least one band key, once each', () => {
		const table = new LshTable(3);
		table.insert(Uint32Array.of(1, 2, 3), 0);
		table.insert(Uint32Array.of(1, 5, 6), 1);
		table.insert(Uint32Array.of(7, 8, 9), 2);
		expect(table.candidates(Uint32Array.of(1, 2, 0))).toEqual([0, 1]);
		expect(table.candidates(Uint32Array.of(0, 0, 9))).toEqual([2]);
		// A key in the wrong band is not a match.
		expect(table.candidates(Uint32Array.of(9, 1, 2))).toEqual([]);
	});
});
