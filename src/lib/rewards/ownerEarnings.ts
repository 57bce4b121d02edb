// What a model owner earned: the owner's share of every recorded answer's fee (credited to the owner's claimable
// balance when the answer is recorded) and how many answers were recorded, per model the account owns.
import type { Address } from 'viem';
import type { LedgerEvents } from './ledgerEvents.ts';

/** One owned model's earnings. */
export type ModelOwnerEarnings = { modelId: string; answers: number; earned: bigint; fees: bigint };

/**
 * Earnings of the models `account` owns (`models`: every model with its owner), in model id order; a model with no
 * answer yet is listed with zeros.
 */
export function ownerEarningsOf(
	events: LedgerEvents,
	models: readonly { id: string; owner: Address }[],
	account: Address
): ModelOwnerEarnings[] {
	const me = account.toLowerCase();
	const rows = new Map<string, ModelOwnerEarnings>();
	for (const model of models)
		if (model.owner.toLowerCase() === me) rows.set(model.id, { modelId: model.id, answers: 0, earned: 0n, fees: 0n });
	for (const answer of events.answers) {
		const row = rows.get(answer.modelId);
		if (!row) continue;
		row.answers++;
		row.earned += answer.modelOwnerShare;
		row.fees += answer.fee;
	}
	return [...rows.values()].sort((a, b) => Number(BigInt(a.modelId) - BigInt(b.modelId)));
}
