import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seededRandom.ts';
import { sampleToken, samplingDistribution, SamplingError, type SamplingOptions } from './sampling.ts';

const logits = Float32Array.of(1.5, -0.5, 2.25, 0.75, -2, 2.0);

function softmax(values: ArrayLike<number>): number[] {
	const max = Math.max(...Array.from(values));
	const weights = Array.from(values, (v) => Math.exp(v - max));
	const total = weights.reduce((a, b) => a + b, 0);
	return weights.map((w) => w / total);
}

/** Draw counts of `draws` samples with one seeded source. */
function counts(options: SamplingOptions, draws: number, seed = 11, row: Float32Array = logits): number[] {
	const random = seededRandom(seed);
	const result = new Array<number>(row.length).fill(0);
	for (let i = 0; i < draws; i++) result[sampleToken(row, options, random)]!++;
	return result;
}

/** Pearson's chi-square of observed counts against expected probabilities (zero-probability cells skipped). */
function chiSquare(observed: readonly number[], expected: readonly number[]): number {
	const total = observed.reduce((a, b) => a + b, 0);
	let statistic = 0;
	expected.forEach((p, i) => {
		if (p > 0) statistic += (observed[i]! - total * p) ** 2 / (total * p);
	});
	return statistic;
}

// Chi-square critical values at p = 0.001 for 1…5 degrees of freedom: a correct sampler fails this 1 time in
// 1000 per seed, and the seeds are fixed, so the tests are deterministic.
const CRITICAL = [0, 10.83, 13.82, 16.27, 18.47, 20.52];
const DRAWS = 20000;

describe('sampleToken', () => {
	it('is greedy at temperature 0, with ties going to the lowest id', () => {
		expect(sampleToken(logits, { temperature: 0 }, seededRandom(1))).toBe(2);
		expect(sampleToken(Float64Array.of(0, 3, 1, 3), { temperature: 0 }, seededRandom(1))).toBe(1);
		expect(sampleToken(Float32Array.of(-Infinity, -5, -Infinity), { temperature: 0 }, seededRandom(1))).toBe(1);
	});

	it('equals greedy with top-k 1 at any temperature', () => {
		const random = seededRandom(3);
		for (const temperature of [0.1, 1, 5, 100]) {
			for (let i = 0; i < 50; i++) expect(sampleToken(logits, { temperature, topK: 1 }, random)).toBe(2);
		}
		// Ties: top-k 1 keeps the lowest id, like greedy.
		expect(sampleToken(Float32Array.of(0, 3, 3), { temperature: 2, topK: 1 }, random)).toBe(1);
	});

	it('reproduces a seeded sequence of draws', () => {
		const draw = (seed: number) => {
			const random = seededRandom(seed);
			return Array.from({ length: 40 }, () => sampleToken(logits, { temperature: 1.3, topP: 0.95 }, random));
		};
		expect(draw(5)).toEqual(draw(5));
		expect(draw(5)).not.toEqual(draw(6));
	});

	it('draws with softmax frequencies at temperature 1', () => {
		const expected = softmax(logits);
		expect(Array.from(samplingDistribution(logits, { temperature: 1 }))).toEqual(
			expected.map((p) => expect.closeTo(p, 12))
		);
		expect(chiSquare(counts({ temperature: 1 }, DRAWS), expected)).toBeLessThan(CRITICAL[5]!);
	});

	it('divides the logits by the temperature', () => {
		const expected = softmax(Array.from(logits, (v) => v / 2.5));
		expect(chiSquare(counts({ temperature: 2.5 }, DRAWS, 12), expected)).toBeLessThan(CRITICAL[5]!);
	});

	it('never draws tokens outside the top k, and draws the rest renormalised', () => {
		const observed = counts({ temperature: 1, topK: 3 }, DRAWS);
		// Top 3 by logit: ids 2 (2.25), 5 (2.0), 0 (1.5).
		expect([observed[1], observed[3], observed[4]]).toEqual([0, 0, 0]);
		const kept = softmax([logits[0]!, logits[2]!, logits[5]!]);
		const expected = [kept[0]!, 0, kept[1]!, 0, 0, kept[2]!];
		expect(chiSquare(observed, expected)).toBeLessThan(CRITICAL[2]!);
	});

	it('keeps the smallest nucleus reaching top-p, and at least one token', () => {
		// Probabilities 0.5, 0.25, 0.15, 0.1.
		const row = Float64Array.from([0.5, 0.25, 0.15, 0.1], Math.log);
		const nucleus = samplingDistribution(row, { temperature: 1, topP: 0.7 });
		expect(Array.from(nucleus)).toEqual([expect.closeTo(2 / 3, 12), expect.closeTo(1 / 3, 12), 0, 0]);
		const observed = counts({ temperature: 1, topP: 0.7 }, DRAWS, 13, Float32Array.from(row));
		expect(observed.slice(2)).toEqual([0, 0]);
		expect(chiSquare(observed, Array.from(nucleus))).toBeLessThan(CRITICAL[1]!);
		// p below the top probability still keeps the top token.
		expect(Array.from(samplingDistribution(row, { temperature: 1, topP: 0.01 }))).toEqual([1, 0, 0, 0]);
		// p = 1 keeps everything.
		expect(samplingDistribution(row, { temperature: 1, topP: 1 }).every((p) => p > 0)).toBe(true);
	});

	it('applies top-k before top-p', () => {
		const row = Float64Array.from([0.5, 0.25, 0.15, 0.1], Math.log);
		// After top-k 2 the probabilities are 2/3 and 1/3, so top-p 0.6 keeps only the first token.
		expect(Array.from(samplingDistribution(row, { temperature: 1, topK: 2, topP: 0.6 }))).toEqual([1, 0, 0, 0]);
	});

	it('lowers the probability of seen tokens, whether their logit is positive or negative', () => {
		const row = Float32Array.of(2, -1, 0.5, -0.25);
		const plain = samplingDistribution(row, { temperature: 1 });
		const penalised = samplingDistribution(row, {
			temperature: 1,
			repetitionPenalty: 1.5,
			previousTokens: [0, 1, 0]
		});
		expect(penalised[0]).toBeLessThan(plain[0]!);
		expect(penalised[1]).toBeLessThan(plain[1]!);
		expect(penalised[2]).toBeGreaterThan(plain[2]!);
		// Exactly HF's processor: 2 / 1.5 and -1 · 1.5, each once even though token 0 was seen twice.
		expect(Array.from(penalised)).toEqual(softmax([2 / 1.5, -1.5, 0.5, -0.25]).map((p) => expect.closeTo(p, 12)));
		// The penalty also changes the greedy choice.
		const close = Float32Array.of(1, 0.9);
		expect(sampleToken(close, { temperature: 0, repetitionPenalty: 1.2, previousTokens: [0] }, seededRandom(1))).toBe(
			1
		);
	});

	it('does not modify the logits it is given', () => {
		const row = Float32Array.from(logits);
		sampleToken(row, { temperature: 0.5, topK: 2, repetitionPenalty: 2, previousTokens: [2] }, seededRandom(1));
		expect(row).toEqual(logits);
	});

	it('rejects invalid options and unusable logits with a SamplingError', () => {
		const random = seededRandom(1);
		const bad: SamplingOptions[] = [
			{ temperature: -0.1 },
			{ temperature: NaN },
			{ temperature: 1, topK: 0 },
			{ temperature: 1, topK: 1.5 },
			{ temperature: 1, topP: 0 },
			{ temperature: 1, topP: 1.01 },
			{ temperature: 1, repetitionPenalty: 0 },
			{ temperature: 1, repetitionPenalty: 1.1, previousTokens: [99] }
		];
		for (const options of bad) expect(() => sampleToken(logits, options, random)).toThrow(SamplingError);
		expect(() => sampleToken(new Float32Array(0), { temperature: 1 }, random)).toThrow(SamplingError);
		expect(() => sampleToken(Float32Array.of(1, NaN), { temperature: 1 }, random)).toThrow(/NaN/);
		expect(() => sampleToken(Float32Array.of(-Infinity, -Infinity), { temperature: 1 }, random)).toThrow(/-Infinity/);
		expect(() => sampleToken(logits, { temperature: 1, topK: 1.5 }, random)).toThrow(/topK/);
	});
});
