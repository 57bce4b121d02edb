// One staker's history, rebuilt from the Staking contract's synced events: what they staked, unbonded, cancelled,
// withdrew and to whom they delegated, and what governance slashed, newest first.
import type { Address, Hex } from 'viem';
import { argsOf } from '../chain/sync/storedLogArgs.ts';
import type { StoredLog } from '../chain/sync/logStore.ts';

type Base = { blockNumber: number; logIndex: number; transactionHash: Hex };

/** One event of a staker's history. */
export type StakingEvent = Base &
	(
		| { kind: 'staked'; amount: bigint; activeStake: bigint }
		| { kind: 'unstakeRequested'; amount: bigint; unbonding: bigint; releaseAt: number }
		| { kind: 'unstakeCancelled'; amount: bigint }
		| { kind: 'withdrawn'; amount: bigint; receiver: Address }
		| { kind: 'delegated'; delegatee: Address }
		| { kind: 'slashed'; amount: bigint; fromActive: bigint; fromUnbonding: bigint; reason: string }
	);

/** `staker`'s events among `logs` (Staking's, in chain order), newest first. */
export function stakingHistoryOf(logs: readonly StoredLog[], staker: Address): StakingEvent[] {
	const me = staker.toLowerCase();
	const events: StakingEvent[] = [];
	for (const log of logs) {
		const a = argsOf(log);
		const base: Base = { blockNumber: log.blockNumber, logIndex: log.logIndex, transactionHash: log.transactionHash };
		const known = ['Staked', 'UnstakeRequested', 'UnstakeCancelled', 'Withdrawn', 'StakeDelegated', 'Slashed'];
		if (!known.includes(log.eventName) || a.address('staker').toLowerCase() !== me) continue;
		switch (log.eventName) {
			case 'Staked':
				events.push({ ...base, kind: 'staked', amount: a.big('amount'), activeStake: a.big('activeStake') });
				break;
			case 'UnstakeRequested':
				events.push({
					...base,
					kind: 'unstakeRequested',
					amount: a.big('amount'),
					unbonding: a.big('unbonding'),
					releaseAt: a.num('releaseAt')
				});
				break;
			case 'UnstakeCancelled':
				events.push({ ...base, kind: 'unstakeCancelled', amount: a.big('amount') });
				break;
			case 'Withdrawn':
				events.push({ ...base, kind: 'withdrawn', amount: a.big('amount'), receiver: a.address('receiver') });
				break;
			case 'StakeDelegated':
				events.push({ ...base, kind: 'delegated', delegatee: a.address('delegatee') });
				break;
			case 'Slashed':
				events.push({
					...base,
					kind: 'slashed',
					amount: a.big('amount'),
					fromActive: a.big('fromActive'),
					fromUnbonding: a.big('fromUnbonding'),
					reason: a.str('reason')
				});
		}
	}
	return events.sort((x, y) => y.blockNumber - x.blockNumber || y.logIndex - x.logIndex);
}
