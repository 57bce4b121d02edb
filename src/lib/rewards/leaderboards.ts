// Leaderboards built from the ledger's events alone: datanets ranked by what their contributions earned (attributed
// and pooled credits, grouped by each contribution's datanet) and models ranked by the fees their answers paid.

import type { LedgerEvents } from './ledgerEvents.ts';

/** A ranked datanet. */
export type DatanetRank = { datanetId: string; earned: bigint; contributions: number };
/** A ranked model. */
export type ModelRank = { modelId: string; fees: bigint; answers: number };

const byAmountThenId =
	<T>(amount: (row: T) => bigint, id: (row: T) => string) =>
	(a: T, b: T) =>
		amount(a) === amount(b) ? Number(BigInt(id(a)) - BigInt(id(b))) : amount(a) > amount(b) ? -1 : 1;

/** Datanets by earnings, highest first (credits to contributions whose datanet is unknown are left out). */
export function datanetLeaderboard(
	events: LedgerEvents,
	datanetOf: (contributionId: string) => string | undefined,
	limit = 10
): DatanetRank[] {
	const rows = new Map<string, { datanetId: string; earned: bigint; ids: Set<string> }>();
	for (const credit of events.credits) {
		const datanetId = datanetOf(credit.contributionId);
		if (datanetId === undefined) continue;
		const row = rows.get(datanetId) ?? { datanetId, earned: 0n, ids: new Set<string>() };
		row.earned += credit.amount;
		row.ids.add(credit.contributionId);
		rows.set(datanetId, row);
	}
	return [...rows.values()]
		.map(({ datanetId, earned, ids }) => ({ datanetId, earned, contributions: ids.size }))
		.sort(
			byAmountThenId(
				(r) => r.earned,
				(r) => r.datanetId
			)
		)
		.slice(0, limit);
}

/** Models by the fees their recorded answers paid, highest first. */
export function modelLeaderboard(events: LedgerEvents, limit = 10): ModelRank[] {
	const rows = new Map<string, ModelRank>();
	for (const answer of events.answers) {
		const row = rows.get(answer.modelId) ?? { modelId: answer.modelId, fees: 0n, answers: 0 };
		row.fees += answer.fee;
		row.answers++;
		rows.set(answer.modelId, row);
	}
	return [...rows.values()]
		.sort(
			byAmountThenId(
				(r) => r.fees,
				(r) => r.modelId
			)
		)
		.slice(0, limit);
}
