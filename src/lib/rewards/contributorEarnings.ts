// What one account's contributions earned, from the ledger's credits: per contribution (attributed answers and
// settled pools apart, with the datanet it belongs to) and as a cumulative series over time for the chart.
import type { Address } from 'viem';
import type { ContributionCredit, LedgerEvents } from './ledgerEvents.ts';

/** One contribution's earnings. */
export type ContributionEarnings = {
	contributionId: string;
	/** The datanet the contribution belongs to, when the registry's events are known. */
	datanetId?: string;
	/** From answers attributed to it (ContributionRewarded), in wei. */
	attributed: bigint;
	/** From pools settled for it (PooledRewardSettled), in wei. */
	pooled: bigint;
	total: bigint;
	/** How many credits it received. */
	credits: number;
};

/** A point of the cumulative earnings series: the total earned up to and including `blockNumber`. */
export type EarningsPoint = { blockNumber: number; total: bigint };

/** The credits to `account`'s contributions, in chain order. */
export function creditsTo(events: LedgerEvents, account: Address): ContributionCredit[] {
	const me = account.toLowerCase();
	return events.credits.filter((c) => c.contributor.toLowerCase() === me);
}

/**
 * Earnings per contribution of `account`, highest total first (ties by id); `datanetOf` names a contribution's datanet.
 *
 * @example
 * const rows = contributionEarningsOf(events, account, (id) => datanetState.contributions.get(id)?.datanetId);
 */
export function contributionEarningsOf(
	events: LedgerEvents,
	account: Address,
	datanetOf: (contributionId: string) => string | undefined = () => undefined
): ContributionEarnings[] {
	const rows = new Map<string, ContributionEarnings>();
	for (const credit of creditsTo(events, account)) {
		let row = rows.get(credit.contributionId);
		if (!row) {
			row = { contributionId: credit.contributionId, attributed: 0n, pooled: 0n, total: 0n, credits: 0 };
			const datanetId = datanetOf(credit.contributionId);
			if (datanetId !== undefined) row.datanetId = datanetId;
			rows.set(credit.contributionId, row);
		}
		if (credit.source === 'attributed') row.attributed += credit.amount;
		else row.pooled += credit.amount;
		row.total += credit.amount;
		row.credits++;
	}
	return [...rows.values()].sort((a, b) =>
		a.total === b.total ? Number(BigInt(a.contributionId) - BigInt(b.contributionId)) : a.total > b.total ? -1 : 1
	);
}

/** The cumulative total earned by `account`'s contributions, one point per block that credited it. */
export function earningsSeriesOf(events: LedgerEvents, account: Address): EarningsPoint[] {
	const points: EarningsPoint[] = [];
	let total = 0n;
	for (const credit of creditsTo(events, account)) {
		total += credit.amount;
		const last = points.at(-1);
		if (last?.blockNumber === credit.blockNumber) last.total = total;
		else points.push({ blockNumber: credit.blockNumber, total });
	}
	return points;
}
