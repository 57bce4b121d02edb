import { describe, expect, it } from 'vitest';
import { createMinHasher, estimateJaccard, MinHashParametersError, SignatureMismatchError } from './minhash.ts';
import { jaccard, shingleHashes } from './shingles.ts';
import { CONTRACT_LAW, replaceWords } from './testTexts.ts';

describe('createMinHasher', () => {
	it('gives the same signature for the same input in two hashers (determinism)', () => {
		const shingles = shingleHashes(CONTRACT_LAW[0]!);
		const first = createMinHasher().signature(shingles);
		const second = createMinHasher().signature(Uint32Array.from(shingles));
		expect(first).toHaveLength(128);
		expect(second).toEqual(first);
		expect(createMinHasher({ seed: 7 }).signature(shingles)).not.toEqual(first);
	});

	it('does not depend on the order of the shingles', () => {
		const shingles = shingleHashes(CONTRACT_LAW[2]!);
		const hasher = createMinHasher({ numPerm: 64 });
		expect(hasher.signature(shingles.slice().reverse())).toEqual(hasher.signature(shingles));
	});

	it('estimates the Jaccard of real paragraph pairs within the expected error', () => {
		const hasher = createMinHasher({ numPerm: 256 });
		const errors: number[] = [];
		for (const text of CONTRACT_LAW) {
			const words = text.split(' ').length;
			for (const changes of [1, 3, 6, 10]) {
				const positions = Array.from({ length: changes }, (_, i) => Math.floor(((i + 0.5) * words) / changes));
				const a = shingleHashes(text);
				const b = shingleHashes(replaceWords(text, positions, `changed${changes}`));
				errors.push(estimateJaccard(hasher.signature(a), hasher.signature(b)) - jaccard(a, b));
			}
		}
		// The estimator's standard error is ≤ 0.5 / √256 ≈ 0.031; four of those bounds every single pair.
		for (const error of errors) expect(Math.abs(error)).toBeLessThan(0.125);
		expect(Math.abs(errors.reduce((sum, error) => sum + error, 0) / errors.length)).toBeLessThan(0.04);
	});

	it('refuses permutation counts and seeds that cannot make a signature', () => {
		expect(() => createMinHasher({ numPerm: 0 })).toThrow(MinHashParametersError);
		expect(() => createMinHasher({ numPerm: 1.5 })).toThrow(MinHashParametersError);
		expect(() => createMinHasher({ seed: -1 })).toThrow(MinHashParametersError);
	});
});

describe('estimateJaccard', () => {
	it('is the share of equal positions', () => {
		expect(estimateJaccard(Uint32Array.of(1, 2, 3, 4), Uint32Array.of(1, 2, 0, 0))).toBe(0.5);
		expect(estimateJaccard(Uint32Array.of(9, 9), Uint32Array.of(9, 9))).toBe(1);
	});

	it('refuses signatures of different lengths', () => {
		expect(() => estimateJaccard(new Uint32Array(128), new Uint32Array(64))).toThrow(SignatureMismatchError);
	});
});
