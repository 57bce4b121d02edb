// A new request restarts the timer for everything unbonding, stake left below the minimum is flagged, and the
// withdraw button waits for the chain's clock, which may run ahead of the page's (anvil's increaseTime).
import { describe, expect, it } from 'vitest';
import { parseEther } from 'viem';
import { chainNow, unbondingPreview, withdrawState } from './unbondingPreview.ts';

const rules = { now: 1_000, unbondingPeriod: 600, minStake: parseEther('1') };

describe('unbondingPreview', () => {
	it('starts a timer from now when nothing unbonds yet', () => {
		expect(unbondingPreview({ active: parseEther('10'), unbonding: 0n, releaseAt: 0 }, parseEther('4'), rules)).toEqual(
			{
				exceedsActive: false,
				remaining: parseEther('6'),
				belowMinimum: false,
				totalUnbonding: parseEther('4'),
				releaseAt: 1_600,
				waitingAgain: 0n,
				previousReleaseAt: undefined
			}
		);
	});

	it('restarts the timer of what is already unbonding', () => {
		const preview = unbondingPreview(
			{ active: parseEther('6'), unbonding: parseEther('4'), releaseAt: 1_300 },
			parseEther('2'),
			rules
		);
		expect(preview).toMatchObject({
			waitingAgain: parseEther('4'),
			previousReleaseAt: 1_300,
			totalUnbonding: parseEther('6'),
			releaseAt: 1_600
		});
	});

	it('flags stake left between zero and the minimum, but not unstaking everything', () => {
		const holding = { active: parseEther('10'), unbonding: 0n, releaseAt: 0 };
		expect(unbondingPreview(holding, parseEther('9.5'), rules)).toMatchObject({
			belowMinimum: true,
			remaining: parseEther('0.5')
		});
		expect(unbondingPreview(holding, parseEther('10'), rules)).toMatchObject({ belowMinimum: false, remaining: 0n });
		expect(unbondingPreview(holding, parseEther('9'), rules).belowMinimum).toBe(false);
	});

	it('flags more than the active stake', () => {
		const preview = unbondingPreview(
			{ active: parseEther('1'), unbonding: parseEther('2'), releaseAt: 900 },
			parseEther('3'),
			rules
		);
		expect(preview).toMatchObject({ exceedsActive: true, belowMinimum: false, totalUnbonding: parseEther('2') });
	});
});

describe('withdrawState', () => {
	it('has nothing to withdraw without unbonding stake', () => {
		expect(withdrawState({ active: 1n, unbonding: 0n, releaseAt: 0 }, 5)).toEqual({ kind: 'nothing' });
	});
	it('waits until the release time, counting down', () => {
		expect(withdrawState({ active: 0n, unbonding: 7n, releaseAt: 1_600 }, 1_000)).toEqual({
			kind: 'waiting',
			releaseAt: 1_600,
			secondsLeft: 600
		});
	});
	it('is ready from the release time on, as Staking allows', () => {
		expect(withdrawState({ active: 0n, unbonding: 7n, releaseAt: 1_600 }, 1_600)).toEqual({
			kind: 'ready',
			amount: 7n
		});
	});
});

describe('chainNow', () => {
	it('follows the local clock when the latest block is older (an idle chain)', () => {
		expect(chainNow(900, 1_000, 1_010.5)).toBe(1_010);
	});
	it('keeps a clock moved ahead of the local one ahead', () => {
		expect(chainNow(1_700, 1_000, 1_010)).toBe(1_710);
	});
});
