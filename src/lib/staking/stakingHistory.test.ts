// A staker's history from stored Staking logs (bigints as strings, as syncLogs keeps them): only their events,
// newest first, with slashes split into active and unbonding parts.
import { describe, expect, it } from 'vitest';
import type { Hex } from 'viem';
import type { StoredLog } from '../chain/sync/logStore.ts';
import { stakingHistoryOf } from './stakingHistory.ts';

const me = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const other = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
let index = 0;
const log = (blockNumber: number, eventName: string, args: Record<string, unknown>): StoredLog => ({
	blockNumber,
	blockHash: `0x${'0'.repeat(64)}` as Hex,
	logIndex: index++,
	transactionHash: `0x${String(blockNumber).padStart(64, '0')}` as Hex,
	eventName,
	args
});

describe('stakingHistoryOf', () => {
	const logs = [
		log(5, 'Staked', { staker: me, amount: '10', activeStake: '10' }),
		log(5, 'StakeDelegated', { staker: me, delegatee: me }),
		log(6, 'Staked', { staker: other, amount: '3', activeStake: '3' }),
		log(7, 'UnstakeRequested', { staker: me.toLowerCase(), amount: '4', unbonding: '4', releaseAt: 1600 }),
		log(8, 'RewardsDistributed', { amount: '1', totalStaked: '9', rewardPerStake: '1' }),
		log(9, 'Slashed', { staker: me, amount: '5', fromActive: '3', fromUnbonding: '2', reason: 'double signing' }),
		log(10, 'UnstakeCancelled', { staker: me, amount: '2' }),
		log(11, 'Withdrawn', { staker: me, receiver: other, amount: '1' })
	];

	it("keeps the staker's own events, newest first", () => {
		const history = stakingHistoryOf(logs, me);
		expect(history.map((e) => e.kind)).toEqual([
			'withdrawn',
			'unstakeCancelled',
			'slashed',
			'unstakeRequested',
			'delegated',
			'staked'
		]);
		expect(history[2]).toMatchObject({
			kind: 'slashed',
			amount: 5n,
			fromActive: 3n,
			fromUnbonding: 2n,
			reason: 'double signing',
			blockNumber: 9
		});
		expect(history[3]).toMatchObject({ kind: 'unstakeRequested', amount: 4n, unbonding: 4n, releaseAt: 1600 });
		expect(history[0]).toMatchObject({
			kind: 'withdrawn',
			receiver: other,
			transactionHash: `0x${'11'.padStart(64, '0')}`
		});
	});

	it('is empty for someone who never staked', () => {
		expect(stakingHistoryOf(logs, '0x90F79bf6EB2c4f870365E785982E1f101E93b906')).toEqual([]);
	});

	it('refuses a stored event without its fields', () => {
		expect(() => stakingHistoryOf([log(1, 'Slashed', { staker: me, amount: '1' })], me)).toThrow(
			/no valid integer "fromActive"/
		);
	});
});
