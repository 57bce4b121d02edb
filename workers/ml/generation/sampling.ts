// Next-token sampling over one row of logits, with Hugging Face's generate() semantics and processor order:
// repetition penalty, then temperature, then top-k, then top-p. Everything runs in float64 on a copy, so the
// caller's logits are never modified and float32 rounding cannot make a kept token's probability vanish.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import type { SeededRandom } from '../random/seededRandom.ts';

/** Sampling options were out of range, or the logits cannot be sampled from. */
export class SamplingError extends ProvenaError {
	override name = 'SamplingError';
}

/** How the next token is chosen from a row of logits. */
export type SamplingOptions = {
	/** 0 picks the argmax (greedy; ties go to the lowest id); otherwise logits are divided by it. */
	temperature: number;
	/** Keep only the k most likely tokens (exactly k: ties at the boundary go to the lower ids). */
	topK?: number;
	/** Keep the smallest set of most likely tokens whose probability sums to at least p (never fewer than one). */
	topP?: number;
	/** CTRL / Hugging Face repetition penalty: > 1 discourages tokens in `previousTokens`; 1 (default) is off. */
	repetitionPenalty?: number;
	/** The tokens the penalty applies to (the prompt and what was generated so far); repeats count once. */
	previousTokens?: readonly number[];
};

/**
 * Checks sampling options, throwing a {@link SamplingError} that names the offending option.
 *
 * @example
 * validateSamplingOptions({ temperature: 0.7, topP: 0.9 }); // fine
 * validateSamplingOptions({ temperature: -1 }); // throws SamplingError
 */
export function validateSamplingOptions(options: SamplingOptions): void {
	const { temperature, topK, topP, repetitionPenalty } = options;
	if (!Number.isFinite(temperature) || temperature < 0) {
		throw new SamplingError(`temperature must be a finite number ≥ 0 (0 is greedy), got ${temperature}.`);
	}
	if (topK !== undefined && (!Number.isInteger(topK) || topK < 1)) {
		throw new SamplingError(`topK must be an integer ≥ 1, got ${topK}.`);
	}
	if (topP !== undefined && (!Number.isFinite(topP) || topP <= 0 || topP > 1)) {
		throw new SamplingError(`topP must be in (0, 1], got ${topP}.`);
	}
	if (repetitionPenalty !== undefined && (!Number.isFinite(repetitionPenalty) || repetitionPenalty <= 0)) {
		throw new SamplingError(`repetitionPenalty must be a finite number > 0 (1 is off), got ${repetitionPenalty}.`);
	}
}

/**
 * The probability of each token under `options`: the distribution {@link sampleToken} draws from. Temperature 0
 * gives a one-hot row at the (penalised) argmax; tokens removed by top-k / top-p get exactly 0.
 *
 * @example
 * const probabilities = samplingDistribution(Float32Array.of(2, 1, 0), { temperature: 1, topK: 2 });
 * probabilities[2]; // 0
 */
export function samplingDistribution(logits: Float32Array | Float64Array, options: SamplingOptions): Float64Array {
	validateSamplingOptions(options);
	const vocab = logits.length;
	if (vocab === 0) throw new SamplingError('Cannot sample from an empty row of logits.');
	const scores = Float64Array.from(logits);
	for (let id = 0; id < vocab; id++) {
		if (Number.isNaN(scores[id]!))
			throw new SamplingError(`The logit of token ${id} is NaN; the model output is broken.`);
	}

	const penalty = options.repetitionPenalty ?? 1;
	if (penalty !== 1 && options.previousTokens) {
		// A Set, because HF gathers then scatters once per distinct id: a token seen twice is penalised once.
		for (const id of new Set(options.previousTokens)) {
			if (!Number.isInteger(id) || id < 0 || id >= vocab) {
				throw new SamplingError(`previousTokens holds ${id}, which is not a token id of a ${vocab}-token vocabulary.`);
			}
			const score = scores[id]!;
			scores[id] = score > 0 ? score / penalty : score * penalty;
		}
	}

	const probabilities = new Float64Array(vocab);
	if (options.temperature === 0) {
		let best = 0;
		for (let id = 1; id < vocab; id++) if (scores[id]! > scores[best]!) best = id;
		if (scores[best] === -Infinity) throw new SamplingError('Every logit is -Infinity; no token can be chosen.');
		probabilities[best] = 1;
		return probabilities;
	}
	for (let id = 0; id < vocab; id++) scores[id] = scores[id]! / options.temperature;

	const { topK, topP } = options;
	let kept: number[] | undefined;
	if (topK !== undefined || topP !== undefined) {
		// Descending score, lower id first on ties, so top-k 1 is exactly greedy.
		kept = Array.from({ length: vocab }, (_, id) => id)
			.filter((id) => scores[id] !== -Infinity)
			.sort((a, b) => scores[b]! - scores[a]! || a - b);
		if (topK !== undefined && kept.length > topK) kept.length = topK;
	}

	// Softmax over the kept tokens, subtracting the max so exp() cannot overflow.
	const candidates = kept ?? Array.from({ length: vocab }, (_, id) => id);
	let max = -Infinity;
	for (const id of candidates) max = Math.max(max, scores[id]!);
	if (max === -Infinity) throw new SamplingError('Every logit is -Infinity; no token can be chosen.');
	if (max === Infinity) {
		throw new SamplingError(
			'A logit is +Infinity (or overflowed after dividing by the temperature); lower the temperature bound or check the model.'
		);
	}
	let total = 0;
	for (const id of candidates) {
		const weight = Math.exp(scores[id]! - max);
		probabilities[id] = weight;
		total += weight;
	}
	for (const id of candidates) probabilities[id] = probabilities[id]! / total;

	if (kept && topP !== undefined && topP < 1) {
		// Nucleus: walk down the sorted tokens until the mass reaches p; the token that crosses p stays in.
		let cumulative = 0;
		let count = 0;
		while (count < kept.length && (count === 0 || cumulative < topP)) cumulative += probabilities[kept[count++]!]!;
		for (let index = count; index < kept.length; index++) probabilities[kept[index]!] = 0;
		for (let index = 0; index < count; index++) probabilities[kept[index]!] = probabilities[kept[index]!]! / cumulative;
	}
	return probabilities;
}

/**
 * Picks the next token id from one row of logits (see {@link SamplingOptions}), drawing one `random.uniform()`
 * unless the temperature is 0, so a seeded source reproduces a whole generation.
 *
 * @example
 * const random = seededRandom(7);
 * const next = sampleToken(lastLogits, { temperature: 0.8, topP: 0.95, previousTokens: ids }, random);
 */
export function sampleToken(
	logits: Float32Array | Float64Array,
	options: SamplingOptions,
	random: SeededRandom
): number {
	const probabilities = samplingDistribution(logits, options);
	if (options.temperature === 0) return probabilities.indexOf(1);
	const threshold = random.uniform();
	let cumulative = 0;
	let lastPossible = -1;
	for (let id = 0; id < probabilities.length; id++) {
		const probability = probabilities[id]!;
		if (probability === 0) continue;
		cumulative += probability;
		lastPossible = id;
		if (threshold < cumulative) return id;
	}
	// Rounding can leave the cumulative sum a hair under 1; the draw then belongs to the last possible token.
	return lastPossible;
}
