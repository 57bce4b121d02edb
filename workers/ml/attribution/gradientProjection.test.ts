// The projection against its definition (a dense ±1 matrix built entry by entry), its promise (inner products kept,
// in expectation and closely at 2048 dimensions), and the integer parts: quantisation and exact dot products.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seededRandom.ts';
import {
	DEFAULT_PROJECTION,
	gradientProjection,
	MAX_SKETCH_COMPONENT,
	normalisedGradient,
	project,
	quantise,
	sketchDot
} from './gradientProjection.ts';

const randomVector = (length: number, seed: number) => {
	const random = seededRandom(seed);
	return Float64Array.from({ length }, () => random.normal());
};
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
	let sum = 0;
	for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
	return sum;
};
/** Entry (row, column) of the unnormalised Walsh–Hadamard matrix: (-1)^popcount(row & column). */
const hadamard = (row: number, column: number) => {
	let bits = row & column;
	let parity = 0;
	while (bits) {
		parity ^= bits & 1;
		bits >>>= 1;
	}
	return parity ? -1 : 1;
};

describe('gradientProjection', () => {
	it('is the ±1 matrix H[rows] · diag(signs), scaled by 1/√D', () => {
		const projection = gradientProjection(37, { dimensions: 16, seed: 3, quantBits: 12 });
		expect(projection.paddedLength).toBe(64);
		expect(new Set(projection.rows).size).toBe(16);
		const vector = randomVector(37, 1);
		const matrix = [...projection.rows].map((row) =>
			Array.from({ length: 37 }, (_, column) => hadamard(row, column) * projection.signs[column]!)
		);
		expect(matrix.flat().every((entry) => entry === 1 || entry === -1)).toBe(true);
		const projected = project(projection, vector);
		matrix.forEach((row, r) => expect(projected[r]).toBeCloseTo(dot(row, vector) / 4, 10));
	});

	it('keeps inner products of unit vectors to within a few hundredths at 2048 dimensions', () => {
		const projection = gradientProjection(20_000, DEFAULT_PROJECTION);
		const a = normalisedGradient(randomVector(20_000, 1));
		const noise = randomVector(20_000, 2);
		const near = normalisedGradient(a.map((x, i) => x + 0.5 * noise[i]!));
		const b = normalisedGradient(randomVector(20_000, 3));
		const [pa, pNear, pb] = [a, near, b].map((v) => project(projection, v));
		expect(dot(pa!, pa!)).toBeCloseTo(1, 1);
		expect(Math.abs(dot(pa!, pNear!) - dot(a, near))).toBeLessThan(0.05);
		expect(Math.abs(dot(pa!, pb!) - dot(a, b))).toBeLessThan(0.05);
	});

	it('is linear, so a contribution sketch is the sum of its examples’ projections', () => {
		const projection = gradientProjection(1000, { dimensions: 256, seed: 9, quantBits: 12 });
		const a = randomVector(1000, 4);
		const b = randomVector(1000, 5);
		const sum = project(
			projection,
			a.map((x, i) => x + b[i]!)
		);
		const parts = [project(projection, a), project(projection, b)];
		sum.forEach((x, i) => expect(x).toBeCloseTo(parts[0]![i]! + parts[1]![i]!, 9));
	});

	it('gives the same projection for the same seed and another for another seed', () => {
		const v = randomVector(500, 6);
		const first = project(gradientProjection(500, DEFAULT_PROJECTION), v);
		expect(project(gradientProjection(500, DEFAULT_PROJECTION), v)).toEqual(first);
		expect(project(gradientProjection(500, { ...DEFAULT_PROJECTION, seed: 7 }), v)).not.toEqual(first);
	});

	it('refuses a gradient of the wrong length and settings out of range', () => {
		const projection = gradientProjection(10, { dimensions: 4, seed: 1, quantBits: 12 });
		expect(() => project(projection, new Float64Array(11))).toThrow(
			'The gradient has 11 parameters; this projection takes 10.'
		);
		expect(() => gradientProjection(0, DEFAULT_PROJECTION)).toThrow('at least one parameter');
		expect(() => gradientProjection(10, { ...DEFAULT_PROJECTION, quantBits: 0 })).toThrow('quantBits');
		expect(() => normalisedGradient([1, Infinity])).toThrow('not finite');
		expect([...normalisedGradient([0, 0])]).toEqual([0, 0]);
	});
});

describe('sketch integers', () => {
	it('quantises with one fixed scale and refuses components beyond 2^24', () => {
		expect([...quantise(Float64Array.from([0.5, -0.25, 1 / 3]), 12)]).toEqual([2048, -1024, 1365]);
		expect(() => quantise(Float64Array.from([MAX_SKETCH_COMPONENT / 2 ** 12 + 1]), 12)).toThrow('beyond ±2^24');
	});

	it('computes dot products exactly, even at the largest components', () => {
		const random = seededRandom(8);
		const a = Int32Array.from({ length: 2048 }, () => Math.round((random.uniform() * 2 - 1) * MAX_SKETCH_COMPONENT));
		const b = Int32Array.from({ length: 2048 }, () => Math.round((random.uniform() * 2 - 1) * MAX_SKETCH_COMPONENT));
		let exact = 0n;
		for (let i = 0; i < a.length; i++) exact += BigInt(a[i]!) * BigInt(b[i]!);
		expect(sketchDot(a, b)).toBe(exact);
		expect(() => sketchDot(a, b.subarray(1))).toThrow('cannot be compared');
	});
});
