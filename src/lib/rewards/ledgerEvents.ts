// The AttributionLedger's synced events the Rewards page reads, typed: credits to contributions (attributed answers
// and settled pools), recorded answers with how their fee was split, and claims. Plain data in chain order, so the
// earnings, leaderboards and chart are computed from one list without touching the DOM or the chain.
import type { Address, Hex } from 'viem';
import { argsOf } from '../chain/sync/storedLogArgs.ts';
import type { StoredLog } from '../chain/sync/logStore.ts';

/** Where an event is on the chain. */
export type EventPlace = { blockNumber: number; logIndex: number; transactionHash: Hex };

/** A contribution credited from an answer attributed to it (ContributionRewarded) or from a pool (PooledRewardSettled). */
export type ContributionCredit = EventPlace & {
	source: 'attributed' | 'pooled';
	contributionId: string;
	contributor: Address;
	modelId: string;
	/** The pool's adapter version (pooled credits only). */
	adapterVersion?: number;
	amount: bigint;
};

/** A recorded answer (InferenceRecorded): its model, payer, fee and the model owner's share of it. */
export type RecordedAnswer = EventPlace & {
	recordId: string;
	modelId: string;
	adapterVersion: number;
	payer: Address;
	fee: bigint;
	modelOwnerShare: bigint;
	dataShare: bigint;
	/** Whether the data share went to the training set's pool at once (no contribution named). */
	pooled: boolean;
};

/** A claim from the ledger (Claimed). */
export type LedgerClaim = EventPlace & { account: Address; receiver: Address; amount: bigint };

/** The ledger's events the Rewards page uses, each kind in chain order. */
export type LedgerEvents = { credits: ContributionCredit[]; answers: RecordedAnswer[]; claims: LedgerClaim[] };

const byChainOrder = (a: EventPlace, b: EventPlace) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex;

/** Reads the ContributionRewarded, PooledRewardSettled, InferenceRecorded and Claimed events among `logs`. */
export function ledgerEventsOf(logs: readonly StoredLog[]): LedgerEvents {
	const events: LedgerEvents = { credits: [], answers: [], claims: [] };
	for (const log of [...logs].sort(byChainOrder)) {
		const place: EventPlace = {
			blockNumber: log.blockNumber,
			logIndex: log.logIndex,
			transactionHash: log.transactionHash
		};
		const a = argsOf(log);
		switch (log.eventName) {
			case 'ContributionRewarded':
			case 'PooledRewardSettled':
				events.credits.push({
					...place,
					source: log.eventName === 'ContributionRewarded' ? 'attributed' : 'pooled',
					contributionId: a.id('contributionId'),
					contributor: a.address('contributor'),
					modelId: a.id('modelId'),
					...(log.eventName === 'PooledRewardSettled' ? { adapterVersion: a.num('adapterVersion') } : {}),
					amount: a.big('amount')
				});
				break;
			case 'InferenceRecorded': {
				const amounts = a.struct('amounts');
				const answer = a.struct('answer');
				events.answers.push({
					...place,
					recordId: a.id('recordId'),
					modelId: a.id('modelId'),
					adapterVersion: answer.num('adapterVersion'),
					payer: a.address('payer'),
					fee: a.big('fee'),
					modelOwnerShare: amounts.big('modelOwner'),
					dataShare: amounts.big('data'),
					// A pool record has no assertion, so no challenge deadline.
					pooled: a.big('deadline') === 0n
				});
				break;
			}
			case 'Claimed':
				events.claims.push({
					...place,
					account: a.address('account'),
					receiver: a.address('receiver'),
					amount: a.big('amount')
				});
				break;
			default:
				break;
		}
	}
	return events;
}

/** `account`'s claims from the ledger, newest first. */
export function claimHistoryOf(events: LedgerEvents, account: Address): LedgerClaim[] {
	const me = account.toLowerCase();
	return events.claims.filter((c) => c.account.toLowerCase() === me).reverse();
}
