// A contribution's bond as the datanet page shows it, from its status, its approval time, the release delay and
// the chain's clock.
import { describe, expect, it } from 'vitest';
import type { ContributionView } from '$lib/datanets/state/datanetState.ts';
import { bondStateOf } from './bondRelease.svelte.ts';

const bond = 10n ** 16n;
const contribution = (patch: Partial<ContributionView>): ContributionView => ({
	id: '1',
	datanetId: '1',
	contributor: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
	contentCid: 'bafy',
	contentHash: '0x00',
	byteSize: 1n,
	tokenCount: 1n,
	recordCount: 1n,
	bond,
	bondPosted: bond,
	status: 'pending',
	bondReleased: false,
	rewardsEarned: 0n,
	submittedBlock: 1,
	submittedTx: '0x00',
	...patch
});

describe('bondStateOf', () => {
	it('is held while pending and slashed when rejected or a proven copy', () => {
		expect(bondStateOf(contribution({}), undefined, 300, 0)).toEqual({ kind: 'held' });
		expect(bondStateOf(contribution({ status: 'rejected', bond: 0n, slashed: bond }), undefined, 300, 0)).toEqual({ kind: 'slashed', amount: bond });
		expect(bondStateOf(contribution({ status: 'duplicate', bond: 0n, slashed: bond }), undefined, 300, 0).kind).toBe('slashed');
	});
	it('counts down from the approval to the release delay, then is releasable', () => {
		const approved = contribution({ status: 'approved' });
		expect(bondStateOf(approved, 1_000, 300, 1_100)).toEqual({ kind: 'locked', releasableAt: 1_300, secondsLeft: 200 });
		expect(bondStateOf(approved, 1_000, 300, 1_300)).toEqual({ kind: 'releasable' });
		expect(bondStateOf(approved, undefined, 300, 1_300)).toEqual({ kind: 'unknown' });
	});
	it('is released once released, and none when no bond was posted', () => {
		expect(bondStateOf(contribution({ status: 'approved', bond: 0n, bondReleased: true }), 1_000, 300, 2_000)).toEqual({ kind: 'released' });
		expect(bondStateOf(contribution({ bond: 0n, bondPosted: 0n }), undefined, 300, 0)).toEqual({ kind: 'none' });
	});
	it('becomes withdrawable when no curator decided within the review timeout, and withdrawn after', () => {
		const pending = contribution({});
		const review = { submittedAt: 1_000, timeout: 600 };
		expect(bondStateOf(pending, undefined, 300, 1_599, review)).toEqual({ kind: 'held', withdrawableAt: 1_600 });
		expect(bondStateOf(pending, undefined, 300, 1_600, review)).toEqual({ kind: 'withdrawable' });
		expect(bondStateOf(pending, undefined, 300, 1_600, { submittedAt: 1_000 })).toEqual({ kind: 'held' });
		expect(bondStateOf(contribution({ status: 'withdrawn', bond: 0n, bondReleased: true }), undefined, 300, 2_000, review)).toEqual({
			kind: 'withdrawn'
		});
	});
});
