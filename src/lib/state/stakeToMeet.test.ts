// What the stake offer asks for: exactly what is missing, but never a first stake below Staking's MIN_STAKE; and the
// registry's stake-too-low error is found in the generated ABI whatever prefix its name carries.
import { describe, expect, it } from 'vitest';
import { parseEther } from 'viem';
import { curatorStakeShortfall, curatorStakeTooLowName } from '../chain/curatorStakeTooLow.ts';
import { stakeToSend } from './stakeToMeet.svelte.ts';

describe('stakeToSend', () => {
	const one = parseEther('1');
	it('asks for what is missing', () => {
		expect(stakeToSend(0n, parseEther('10'), one)).toBe(parseEther('10'));
		expect(stakeToSend(parseEther('4'), parseEther('10'), one)).toBe(parseEther('6'));
		expect(stakeToSend(parseEther('9.5'), parseEther('10'), one)).toBe(parseEther('0.5'));
	});
	it('asks for nothing once met', () => {
		expect(stakeToSend(parseEther('10'), parseEther('10'), one)).toBe(0n);
		expect(stakeToSend(parseEther('12'), parseEther('10'), one)).toBe(0n);
	});
	it('never asks for a first stake below the staking minimum', () => {
		expect(stakeToSend(0n, parseEther('0.2'), one)).toBe(one);
	});
});

describe('curatorStakeShortfall', () => {
	it('is found in the registry ABI', () => {
		expect(curatorStakeTooLowName).toMatch(/CuratorStakeTooLow$/);
	});
	it('reads the account, its stake and the minimum from the decoded error, and ignores other errors', () => {
		const account = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
		expect(curatorStakeShortfall({ errorName: curatorStakeTooLowName!, args: [account, 0n, parseEther('10')] })).toEqual({
			account,
			stake: 0n,
			required: parseEther('10')
		});
		expect(curatorStakeShortfall({ errorName: 'EmptyBatch', args: [] })).toBeUndefined();
		expect(curatorStakeShortfall(undefined)).toBeUndefined();
	});
});
