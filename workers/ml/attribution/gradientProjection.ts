// Random projection of a LoRA gradient to a few thousand dimensions, as TRAK and LESS do, with a seeded ±1 matrix
// that is never stored: a subsampled randomized Hadamard transform (flip each coordinate's sign by a seeded coin,
// apply the Walsh–Hadamard transform, keep seeded rows). Its matrix is ±1 everywhere and, scaled by 1/√D, it
// preserves inner products in expectation, in O(P log P) time rather than the O(P·D) of a dense matrix. Gradients are
// normalised before projection (LESS: cosine, so long examples do not dominate); being linear, the projection of a
// sum of normalised gradients is the sum of their projections, so a contribution's sketch costs one projection.
// Projections are quantised to integers with one fixed scale, so the dot products that decide payment are integer
// sums. All arithmetic is float64 in a fixed order, which every JavaScript engine computes alike.
import { seededRandom } from '../random/seededRandom.ts';

/** How gradients are projected and quantised; the same for an adapter's sketches and its answers. */
export type ProjectionSpec = {
	/** Dimensions kept (a power of two is not required). */
	dimensions: number;
	seed: number;
	/** Components are stored as round(component × 2^quantBits). */
	quantBits: number;
};

export const DEFAULT_PROJECTION: ProjectionSpec = { dimensions: 2048, seed: 0x5eed, quantBits: 12 };

/** The plan of a projection from `inputLength` dimensions: sign flips and kept rows, made once and reused. */
export type Projection = {
	spec: ProjectionSpec;
	inputLength: number;
	/** The transform's length: the least power of two at least inputLength. */
	paddedLength: number;
	signs: Int8Array;
	rows: Int32Array;
};

/**
 * The projection of `inputLength`-dimensional gradients that `spec` describes.
 *
 * @example
 * const projection = gradientProjection(parameterCount, DEFAULT_PROJECTION);
 * const sketch = quantise(project(projection, normalisedGradient(gradient)), projection.spec.quantBits);
 */
export function gradientProjection(inputLength: number, spec: ProjectionSpec): Projection {
	if (!Number.isInteger(inputLength) || inputLength < 1)
		throw new RangeError(`A gradient needs at least one parameter; got ${inputLength}.`);
	if (!Number.isInteger(spec.dimensions) || spec.dimensions < 1)
		throw new RangeError(`dimensions must be a positive integer; got ${spec.dimensions}.`);
	if (!Number.isInteger(spec.quantBits) || spec.quantBits < 1 || spec.quantBits > 20)
		throw new RangeError(`quantBits must be an integer in [1, 20]; got ${spec.quantBits}.`);
	let paddedLength = 1;
	while (paddedLength < Math.max(inputLength, spec.dimensions)) paddedLength *= 2;
	const random = seededRandom(spec.seed);
	const signs = new Int8Array(paddedLength);
	for (let i = 0; i < paddedLength; i++) signs[i] = random.uniform() < 0.5 ? -1 : 1;
	// The first `dimensions` of a seeded shuffle of the rows: distinct rows, so no dimension is counted twice.
	const order = new Int32Array(paddedLength);
	for (let i = 0; i < paddedLength; i++) order[i] = i;
	for (let i = 0; i < spec.dimensions; i++) {
		const j = i + Math.floor(random.uniform() * (paddedLength - i));
		[order[i], order[j]] = [order[j]!, order[i]!];
	}
	const rows = order.slice(0, spec.dimensions).sort();
	return { spec, inputLength, paddedLength, signs, rows };
}

/**
 * `vector` projected: (H · diag(signs) · v)[rows] / √dimensions, H the unnormalised Walsh–Hadamard matrix, so that
 * the inner product of two projections estimates that of the vectors.
 */
export function project(projection: Projection, vector: ArrayLike<number>): Float64Array {
	if (vector.length !== projection.inputLength)
		throw new RangeError(
			`The gradient has ${vector.length} parameters; this projection takes ${projection.inputLength}.`
		);
	const n = projection.paddedLength;
	const work = new Float64Array(n);
	for (let i = 0; i < vector.length; i++) work[i] = vector[i]! * projection.signs[i]!;
	for (let half = 1; half < n; half *= 2)
		for (let block = 0; block < n; block += 2 * half)
			for (let i = block; i < block + half; i++) {
				const a = work[i]!;
				const b = work[i + half]!;
				work[i] = a + b;
				work[i + half] = a - b;
			}
	const scale = 1 / Math.sqrt(projection.rows.length);
	const out = new Float64Array(projection.rows.length);
	for (let i = 0; i < out.length; i++) out[i] = work[projection.rows[i]!]! * scale;
	return out;
}

/** `gradient` scaled to unit length; a zero gradient (a fully masked example) stays zero. */
export function normalisedGradient(gradient: ArrayLike<number>): Float64Array {
	let squares = 0;
	for (let i = 0; i < gradient.length; i++) squares += gradient[i]! * gradient[i]!;
	const out = new Float64Array(gradient.length);
	if (squares === 0) return out;
	if (!Number.isFinite(squares)) throw new RangeError('The gradient is not finite: it cannot be projected.');
	const scale = 1 / Math.sqrt(squares);
	for (let i = 0; i < out.length; i++) out[i] = gradient[i]! * scale;
	return out;
}

/** The largest sketch component: products of two stay below 2^48, so sixteen of them sum exactly as numbers. */
export const MAX_SKETCH_COMPONENT = 2 ** 24;

/** `vector`'s components as integers: round(x × 2^quantBits), each within ±MAX_SKETCH_COMPONENT. */
export function quantise(vector: Float64Array, quantBits: number): Int32Array {
	const scale = 2 ** quantBits;
	const out = new Int32Array(vector.length);
	for (let i = 0; i < vector.length; i++) {
		const q = Math.round(vector[i]! * scale);
		if (!(Math.abs(q) <= MAX_SKETCH_COMPONENT))
			throw new RangeError(`A sketch component (${q}) is beyond ±2^24: use fewer quantisation bits.`);
		out[i] = q;
	}
	return out;
}

/**
 * The exact integer dot product of two sketches: for unit gradients, about cos(a, b) × 2^(2·quantBits).
 *
 * @example
 * sketchDot(answerSketch, exampleSketch); // near 1n << 24n for the same direction at quantBits 12
 */
export function sketchDot(a: Int32Array, b: Int32Array): bigint {
	if (a.length !== b.length)
		throw new RangeError(`Sketches of ${a.length} and ${b.length} dimensions cannot be compared.`);
	let total = 0n;
	for (let start = 0; start < a.length; start += 16) {
		let block = 0;
		for (let i = start; i < Math.min(a.length, start + 16); i++) block += a[i]! * b[i]!;
		total += BigInt(block);
	}
	return total;
}
