// Locality-sensitive hashing over MinHash signatures: cut each signature into b bands of r rows and hash each band;
// two records become candidates when any band matches, so a query looks at a handful of buckets instead of every
// accepted record.
//
// Choosing b and r. Two sets of Jaccard s agree on one row with probability s, on a whole band with s^r, and share
// at least one of b bands with P(s) = 1 − (1 − s^r)^b, an S-curve whose steep part sits near (1/b)^(1/r).
// Candidates are then checked against the threshold (exact Jaccard, or the signature estimate), so a false
// candidate costs one set comparison (~1 µs) while a missed one is a duplicate let through: the curve should be
// near 1 at the threshold, not centred on it. With k = 128 permutations and the threshold 0.75:
//
//   b × r    P(0.3)   P(0.5)   P(0.6)   P(0.7)   P(0.75)  P(0.8)   50% point
//   16 × 8   0.001    0.061    0.237    0.613    0.815    0.947    0.674   (misses 1 in 5 pairs at 0.75)
//   18 × 7   0.004    0.132    0.400    0.787    0.924    0.986    0.626
//   21 × 6   0.015    0.282    0.633    0.928    0.984    0.998    0.565   ← chosen
//   25 × 5   0.059    0.548    0.868    0.990    0.999    1.000    0.487
//   32 × 4   0.229    0.873    0.988    1.000    1.000    1.000    0.383   (a quarter of 0.3 pairs get checked)
//
// 21 × 6 uses 126 of the 128 values (all 128 still feed the estimate), finds 98.4% of pairs at exactly 0.75 and
// 99.8% at 0.8, and leaves unrelated text (s < 0.1: P < 10^-5) alone.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import { murmur3Words } from './hash32.ts';

/** Bands per signature (see the table above). */
export const DEFAULT_BANDS = 21;
/** Signature values per band. */
export const DEFAULT_ROWS = 6;

/** Raised for LSH parameters that do not fit the signature. */
export class LshParametersError extends ProvenaError {
	override name = 'LshParametersError';
}

/**
 * The probability that a pair at Jaccard `s` shares a band: 1 − (1 − s^rows)^bands.
 *
 * @example
 * candidateProbability(0.75, 21, 6); // ≈ 0.984
 */
export function candidateProbability(s: number, bands: number, rows: number): number {
	return 1 - (1 - s ** rows) ** bands;
}

/**
 * One 32-bit key per band of `signature`; the band's index is the hash seed, so equal rows in different bands differ.
 *
 * @example
 * bandKeys(signature, 21, 6); // Uint32Array(21)
 */
export function bandKeys(signature: Uint32Array, bands: number, rows: number): Uint32Array {
	if (bands * rows > signature.length)
		throw new LshParametersError(
			`${bands} bands × ${rows} rows need ${bands * rows} signature values; the signature has ${signature.length}.`
		);
	const keys = new Uint32Array(bands);
	for (let band = 0; band < bands; band++) keys[band] = murmur3Words(signature, band * rows, rows, band);
	return keys;
}

/** Buckets of record slots per band: insert a record's band keys, then ask which slots share any band with a query. */
export class LshTable {
	readonly bands: number;
	readonly #buckets: Map<number, number[]>[];

	constructor(bands: number) {
		this.bands = bands;
		this.#buckets = Array.from({ length: bands }, () => new Map());
	}

	/** Files `slot` under each of its band keys. */
	insert(keys: Uint32Array, slot: number): void {
		for (let band = 0; band < this.bands; band++) {
			const bucket = this.#buckets[band]!;
			const list = bucket.get(keys[band]!);
			if (list) list.push(slot);
			else bucket.set(keys[band]!, [slot]);
		}
	}

	/** The distinct slots sharing at least one band key with `keys`, in insertion order. */
	candidates(keys: Uint32Array): number[] {
		const found = new Set<number>();
		for (let band = 0; band < this.bands; band++)
			for (const slot of this.#buckets[band]!.get(keys[band]!) ?? []) found.add(slot);
		return [...found].sort((x, y) => x - y);
	}
}
