// The combined integer weight of each contribution in an answer, from its span score and its gradient influence.
//
// Spans are direct evidence: the answer repeats rare text a contribution holds. Gradients are indirect: every answer
// has some influence from every contribution, so raw influence would pay someone for any answer at all. A
// contribution's gradient evidence is its cosine (its influence over its sketch's norm: the direction its examples
// agree on, not how many there are), and it counts only by its *lift* over the mean cosine of all contributions (the
// lift removes the direction all of a model's answers share). Even so, on the planted-fact set answers in no
// contribution reach lifts as high as facts do (bench `attribution-quality`), so gradients alone never decide a
// payment: they share out their part of the weight only for an answer that has span evidence, the evidence floor.
// Each kind is turned into shares of 2^20 among the contributions that have it, and the weight is a fixed mix of the
// two. An answer with no counted span has total weight 0, and the datanet pool is paid.

/** How spans and gradients are mixed; stored with every attribution's evidence. */
export type CombinationRules = {
	/** Parts of the weight that follow span shares. */
	spanParts: number;
	/** Parts that follow gradient shares. */
	gradientParts: number;
	/**
	 * Least lift, in percent, for a contribution's gradient evidence to count: 150 means its cosine with the answer
	 * is at least 1.5 times the mean over all contributions.
	 */
	minLiftPercent: number;
};

export const DEFAULT_COMBINATION: CombinationRules = { spanParts: 3, gradientParts: 1, minLiftPercent: 150 };

/** Shares are parts of 2^SHARE_BITS. */
export const SHARE_BITS = 20;
const SHARE = 1n << BigInt(SHARE_BITS);

export type CombinationInput = {
	/** Span score per contribution (spanScores.ts). */
	span: readonly number[];
	/** Signed gradient influence per contribution (gradientInfluence). */
	influence: readonly bigint[];
	/** Each contribution's weighted sketch norm (sketchNorms), which turns influence into a cosine. */
	norms: readonly bigint[];
};

export type Combination = {
	/** Weight per contribution. */
	weights: number[];
	totalWeight: number;
	/** Positive influence per contribution (0 where negative), as reported. */
	gradient: number[];
	/** Lift of each contribution's cosine over the mean, in percent (0 when the mean is not positive). */
	liftPercent: number[];
};

/**
 * The weights of every contribution.
 *
 * @example
 * combinedWeights({ span: [0, 4096], influence: [10n, 90n], norms: [50n, 50n] }, DEFAULT_COMBINATION);
 */
export function combinedWeights(input: CombinationInput, rules: CombinationRules = DEFAULT_COMBINATION): Combination {
	const count = input.span.length;
	if (input.influence.length !== count || input.norms.length !== count)
		throw new RangeError(
			`Scores for ${count} contributions, influence for ${input.influence.length}, norms for ${input.norms.length}.`
		);
	const spanShares = shares(input.span.map(BigInt));

	// Cosines in a common integer unit (the answer's norm is the same for all, so it is left out).
	const cosine = input.influence.map((influence, c) =>
		input.norms[c]! > 0n ? (influence * SHARE) / input.norms[c]! : 0n
	);
	const meanTimesCount = cosine.reduce((sum, x) => sum + x, 0n);
	const liftPercent = cosine.map((x) =>
		meanTimesCount > 0n && x > 0n ? Number((x * BigInt(count) * 100n) / meanTimesCount) : 0
	);
	// The excess over the mean, for those whose lift counts, and only above the evidence floor.
	const hasSpans = spanShares.some((share) => share > 0);
	const excess = cosine.map((x, c) =>
		hasSpans && liftPercent[c]! >= rules.minLiftPercent ? x * BigInt(count) - meanTimesCount : 0n
	);
	const gradientShares = shares(excess);

	const weights = spanShares.map(
		(spanShare, c) => rules.spanParts * spanShare + rules.gradientParts * gradientShares[c]!
	);
	return {
		weights,
		totalWeight: weights.reduce((sum, w) => sum + w, 0),
		gradient: input.influence.map((x) => (x > 0n ? safe(x) : 0)),
		liftPercent
	};
}

/** Each positive value's share of 2^SHARE_BITS of their sum, rounded down; all 0 when none is positive. */
function shares(values: readonly bigint[]): number[] {
	const total = values.reduce((sum, x) => (x > 0n ? sum + x : sum), 0n);
	return values.map((x) => (total > 0n && x > 0n ? Number((x * SHARE) / total) : 0));
}

function safe(x: bigint): number {
	if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`An influence of ${x} is beyond 2^53.`);
	return Number(x);
}
