// What a stake change does before it is signed: a new unstake request restarts the timer of everything already
// unbonding (Staking keeps one unbonding entry per staker), and stake left between zero and the minimum is refused.
// Times are the chain's, in Unix seconds.

/** What the staker holds now, as Staking reports it. */
export type StakeHolding = {
	active: bigint;
	unbonding: bigint;
	/** When the unbonding stake unlocks (0 when nothing unbonds). */
	releaseAt: number;
};

/** The outcome of requesting to unstake `amount`, as the page explains it before signing. */
export type UnbondingPreview = {
	/** More than the active stake was asked for: the request would be refused. */
	exceedsActive: boolean;
	/** Active stake left after the request. */
	remaining: bigint;
	/** What is left would be above zero but below the minimum: the request would be refused. */
	belowMinimum: boolean;
	/** All unbonding stake after the request. */
	totalUnbonding: bigint;
	/** When all of it would unlock. */
	releaseAt: number;
	/** Stake already unbonding whose timer restarts (0 when nothing unbonds yet). */
	waitingAgain: bigint;
	/** When the stake already unbonding would have unlocked (undefined when nothing unbonds yet). */
	previousReleaseAt: number | undefined;
};

/** What requesting to unstake `amount` at chain time `now` does, given the unbonding period and the minimum stake. */
export function unbondingPreview(
	holding: StakeHolding,
	amount: bigint,
	{ now, unbondingPeriod, minStake }: { now: number; unbondingPeriod: number; minStake: bigint }
): UnbondingPreview {
	const exceedsActive = amount > holding.active;
	const remaining = exceedsActive ? holding.active : holding.active - amount;
	const waiting = holding.unbonding > 0n;
	return {
		exceedsActive,
		remaining,
		belowMinimum: !exceedsActive && remaining > 0n && remaining < minStake,
		totalUnbonding: holding.unbonding + (exceedsActive ? 0n : amount),
		releaseAt: now + unbondingPeriod,
		waitingAgain: waiting ? holding.unbonding : 0n,
		previousReleaseAt: waiting ? holding.releaseAt : undefined
	};
}

/** Whether the unbonding stake can be withdrawn at `now`, and if not, why and from when. */
export type WithdrawState =
	{ kind: 'nothing' } | { kind: 'waiting'; releaseAt: number; secondsLeft: number } | { kind: 'ready'; amount: bigint };

/** The withdraw button's state: Staking refuses before `releaseAt` (block.timestamp < releaseAt). */
export function withdrawState(holding: StakeHolding, now: number): WithdrawState {
	if (holding.unbonding === 0n) return { kind: 'nothing' };
	if (now < holding.releaseAt)
		return { kind: 'waiting', releaseAt: holding.releaseAt, secondsLeft: holding.releaseAt - now };
	return { kind: 'ready', amount: holding.unbonding };
}

/**
 * The chain's clock at local time `localNow` (both in seconds), from the latest block's timestamp read at
 * `localReadAt`. anvil mines only on demand, so an idle chain's latest block is old while its next block takes the
 * wall clock: a chain behind the local clock is taken as being on it, and one moved ahead (increaseTime) stays ahead.
 */
export function chainNow(blockTimestamp: number, localReadAt: number, localNow: number): number {
	return Math.floor(localNow + Math.max(0, blockTimestamp - localReadAt));
}
