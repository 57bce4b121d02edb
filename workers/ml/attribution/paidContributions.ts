// Who an answer pays, as the AttributionLedger checks it: a contribution is paid when its weight is at least
// ceil(thresholdBps × totalWeight / 10 000) (and at least 1), at most `maxPaid` of them (the heaviest; ties to the
// lower key), listed by key ascending as the contract wants its ids. None paid means the model's training pool is.

/** A contribution's integer weight in an answer's attribution. */
export type WeightedContribution<K> = { contribution: K; weight: number };

const BPS = 10_000;

/** The protocol's side of an attribution: its threshold (basis points of the total weight) and most paid. */
export type PaymentRules = { thresholdBps: number; maxPaid: number };

/** The threshold and most paid a fresh deployment sets (ProtocolParams; governance changes them). */
export const DEFAULT_PAYMENT_RULES: PaymentRules = { thresholdBps: 100, maxPaid: 32 };

/**
 * The contributions `weights` pays under the protocol's threshold and maximum count, by key ascending.
 *
 * @example
 * paidContributions([{ contribution: 7n, weight: 60 }, { contribution: 3n, weight: 5 }], 100, 1000, 8);
 * // [{ contribution: 7n, weight: 60 }]: 5 is under 10 % of 100
 */
export function paidContributions<K extends bigint | number | string>(
	weights: readonly WeightedContribution<K>[],
	totalWeight: number,
	thresholdBps: number,
	maxPaid: number
): WeightedContribution<K>[] {
	for (const [name, value] of [
		['totalWeight', totalWeight],
		['thresholdBps', thresholdBps],
		['maxPaid', maxPaid]
	] as const)
		if (!Number.isSafeInteger(value) || value < 0)
			throw new RangeError(`${name} must be a non-negative safe integer; got ${value}.`);
	if (thresholdBps > BPS) throw new RangeError(`thresholdBps is at most ${BPS}; got ${thresholdBps}.`);
	let sum = 0;
	for (const { contribution, weight } of weights) {
		if (!Number.isSafeInteger(weight) || weight < 0)
			throw new RangeError(`Contribution ${contribution} has weight ${weight}.`);
		sum += weight;
	}
	if (sum > totalWeight)
		throw new RangeError(`The weights add up to ${sum}, more than the total weight ${totalWeight}.`);
	// BigInt: thresholdBps × totalWeight can pass 2^53.
	const minimum = BigInt(
		Math.max(1, Number((BigInt(thresholdBps) * BigInt(totalWeight) + BigInt(BPS - 1)) / BigInt(BPS)))
	);
	const byKey = (a: K, b: K) => (a < b ? -1 : a > b ? 1 : 0);
	return weights
		.filter(({ weight }) => BigInt(weight) >= minimum)
		.sort((a, b) => b.weight - a.weight || byKey(a.contribution, b.contribution))
		.slice(0, maxPaid)
		.sort((a, b) => byKey(a.contribution, b.contribution));
}
