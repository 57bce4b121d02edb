// MinHash signatures: k values per text whose agreement rate estimates the Jaccard similarity of two shingle sets,
// so a datanet can keep and compare a fixed-size fingerprint per record instead of its whole text.
//
// The k "permutations" are h_i(x) = fmix32((a_i·x + b_i) mod 2^32) with a_i odd: a·x + b mod 2^32 with odd a is a
// bijection on 32-bit integers (so each h_i is a true permutation of the shingle space, and no shingle ever ties with
// another), and murmur3's finaliser, also a bijection, mixes the weak low bits of the multiply into the high ones that
// decide the minimum. Everything is Math.imul and shifts: the same numbers in every browser and in Node, and no
// BigInt (a (a·x + b) mod 2^61−1 family through BigInt allocates on every operation, in the innermost loop).
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import { fmix32 } from './hash32.ts';

/** Permutations per signature unless told otherwise: a Jaccard estimate with a standard error of ≤ 0.045. */
export const DEFAULT_NUM_PERM = 128;
/** The seed of the permutation family; a datanet's index records the one it was built with. */
export const DEFAULT_SEED = 0x70766e61;

/** Raised for a permutation count or seed that cannot make a signature. */
export class MinHashParametersError extends ProvenaError {
	override name = 'MinHashParametersError';
}

/** Raised when two signatures of different lengths are compared: they came from different indexes. */
export class SignatureMismatchError extends ProvenaError {
	override name = 'SignatureMismatchError';
}

/** A seeded MinHash family: `numPerm` permutations and the signature function built on them. */
export type MinHasher = {
	readonly numPerm: number;
	readonly seed: number;
	/** The signature of a sorted or unsorted set of 32-bit shingle hashes (all 0xffffffff for an empty set). */
	signature(shingles: Uint32Array): Uint32Array;
};

/**
 * Builds the permutation family for `numPerm` and `seed`; the same arguments give the same signatures everywhere.
 *
 * @example
 * const hasher = createMinHasher();
 * estimateJaccard(hasher.signature(shingleHashes(a)), hasher.signature(shingleHashes(b)));
 */
export function createMinHasher({ numPerm = DEFAULT_NUM_PERM, seed = DEFAULT_SEED } = {}): MinHasher {
	if (!Number.isInteger(numPerm) || numPerm < 1 || numPerm > 4096)
		throw new MinHashParametersError(`A MinHash signature needs 1–4096 permutations; got ${numPerm}.`);
	if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
		throw new MinHashParametersError(`The MinHash seed must be a 32-bit unsigned integer; got ${seed}.`);
	const a = new Int32Array(numPerm);
	const b = new Int32Array(numPerm);
	let state = seed >>> 0;
	const next = () => {
		// splitmix32: a well-spread stream from one 32-bit seed.
		state = (state + 0x9e3779b9) | 0;
		return fmix32(state);
	};
	for (let i = 0; i < numPerm; i++) {
		a[i] = next() | 1;
		b[i] = next() | 0;
	}
	return {
		numPerm,
		seed,
		signature(shingles) {
			const mins = new Uint32Array(numPerm).fill(0xffffffff);
			for (let s = 0; s < shingles.length; s++) {
				const x = shingles[s]!;
				for (let i = 0; i < numPerm; i++) {
					let h = (Math.imul(a[i]!, x) + b[i]!) | 0;
					h ^= h >>> 16;
					h = Math.imul(h, 0x85ebca6b);
					h ^= h >>> 13;
					h = Math.imul(h, 0xc2b2ae35);
					h = (h ^ (h >>> 16)) >>> 0;
					if (h < mins[i]!) mins[i] = h;
				}
			}
			return mins;
		}
	};
}

/**
 * The share of positions where two signatures agree: an unbiased estimate of the Jaccard similarity of their sets.
 *
 * @example
 * estimateJaccard(Uint32Array.of(1, 2, 3, 4), Uint32Array.of(1, 2, 0, 0)); // 0.5
 */
export function estimateJaccard(sigA: Uint32Array, sigB: Uint32Array): number {
	if (sigA.length !== sigB.length)
		throw new SignatureMismatchError(`Cannot compare MinHash signatures of ${sigA.length} and ${sigB.length} values.`, {
			metaMessages: ['Both sides must come from the same index parameters (permutations and seed).']
		});
	let equal = 0;
	for (let i = 0; i < sigA.length; i++) if (sigA[i] === sigB[i]) equal++;
	return sigA.length === 0 ? 0 : equal / sigA.length;
}
