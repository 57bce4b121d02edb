import { describe, expect, it } from 'vitest';
import { parseEther, zeroAddress } from 'viem';
import { proposerPendingNote, proposerShortfall } from './proposerStanding.ts';

const me = '0x00000000000000000000000000000000000000aa' as const;

describe('proposerShortfall', () => {
	it('says how many votes are missing and what to wrap', () => {
		expect(
			proposerShortfall({
				votes: parseEther('0.5'),
				threshold: parseEther('1'),
				wrapped: parseEther('0.5'),
				delegate: me
			})
		).toBe('You have 0.5 votes; proposing needs 1 vote: wrap and delegate 0.5 more OPEN.');
		expect(proposerShortfall({ votes: 0n, threshold: parseEther('2'), wrapped: 0n, delegate: zeroAddress })).toBe(
			'You have 0 votes; proposing needs 2 votes: wrap and delegate 2 more OPEN.'
		);
	});

	it('tells a holder of undelegated vOPEN to delegate', () => {
		expect(
			proposerShortfall({ votes: 0n, threshold: parseEther('1'), wrapped: parseEther('3'), delegate: zeroAddress })
		).toBe(
			'You have 0 votes; proposing needs 1 vote. You hold 3 vOPEN that you have not delegated: delegate it (to yourself) to count it as votes.'
		);
		expect(
			proposerShortfall({ votes: 0n, threshold: parseEther('1'), wrapped: parseEther('0.25'), delegate: zeroAddress })
		).toContain('and wrap and delegate 0.75 more OPEN');
	});

	it('lets an account at or above the threshold propose', () => {
		expect(
			proposerShortfall({ votes: parseEther('1'), threshold: parseEther('1'), wrapped: 0n, delegate: zeroAddress })
		).toBeUndefined();
	});

	it('notes votes delegated too recently for the Governor to count yet', () => {
		const standing = { votes: parseEther('2'), threshold: parseEther('1'), wrapped: 0n, delegate: me };
		expect(proposerPendingNote({ ...standing, countedNow: 0n })).toContain('from the next block');
		expect(proposerPendingNote({ ...standing, countedNow: parseEther('2') })).toBeUndefined();
		expect(proposerPendingNote(standing)).toBeUndefined();
	});
});
