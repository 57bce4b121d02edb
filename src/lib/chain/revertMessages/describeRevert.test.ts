import { describe, expect, it } from 'vitest';
import { parseEther, zeroAddress, zeroHash, type AbiParameter } from 'viem';
import { knownErrorsAbi } from '../knownErrors.ts';
import { describeRevert, revertSentences } from './describeRevert.ts';

const curator = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
// 2026-12-05 09:00:00 UTC
const now = Date.UTC(2026, 11, 5, 9, 0, 0) / 1000;
const context = { now, timeZone: 'UTC' };

/**
 * A value of the ABI type, as viem decodes it (numbers up to 48 bits, bigints above): 1 OPEN for every uint256,
 * the type every amount in these errors has, so an amount left in wei shows; 1 for ids, counts and enums.
 */
function sample(input: AbiParameter): unknown {
	const bits = /^u?int(\d*)$/.exec(input.type);
	if (bits) {
		const width = Number(bits[1] || 256);
		if (timestamps.has(input.name ?? '')) return BigInt(now + 180);
		if (counts.has(input.name ?? '')) return 3n;
		return width === 256 ? parseEther('1') : width <= 48 ? 1 : 1n;
	}
	if (input.type === 'address') return curator;
	if (input.type.startsWith('bytes')) return zeroHash;
	if (input.type === 'string') return 'text';
	if (input.type === 'bool') return true;
	throw new Error(`no sample for ${input.type}`);
}

/** Arguments that are Unix timestamps. */
const timestamps = new Set(['releasableAt', 'releaseAt', 'deadline', 'expiry', 'withdrawableAt']);

/** uint256 arguments that are counts or lengths, not amounts. */
const counts = new Set(['a', 'b', 'count', 'maximum', 'length', 'targets', 'calldatas', 'values', 'payloads']);

/** Errors whose wide integers are not OPEN amounts (weights, clock points, nonces, raw numbers): shown as is. */
const notAmounts = new Set([
	'AttributionLedgerAssertionMismatch',
	'AttributionLedgerChallengeWindowClosed',
	'AttributionLedgerChallengeWindowOpen',
	'AttributionLedgerNotDisputed',
	'AttributionLedgerSelfDispute',
	'AttributionLedgerUnknownRecord',
	'AttributionLedgerWeightBelowThreshold',
	'AttributionLedgerWeightsExceedTotal',
	'ERC5805FutureLookup',
	'GovernorInvalidQuorumFraction',
	'InvalidAccountNonce',
	'SafeCastOverflowedUintDowncast'
]);

describe('describeRevert', () => {
	it('has a sentence for every custom error of every Provena contract, in words and units', () => {
		expect(knownErrorsAbi.length).toBeGreaterThan(100);
		const missing = knownErrorsAbi.filter((error) => !revertSentences[error.name]).map((error) => error.name);
		expect(missing).toEqual([]);
		const inWei: string[] = [];
		for (const error of knownErrorsAbi) {
			const args = error.inputs.map(sample);
			const sentence = revertSentences[error.name]!(args, context);
			expect(sentence, error.name).toMatch(/^\S.*[.!]$/s);
			expect(sentence, error.name).not.toContain(`${error.name}(`);
			if (!notAmounts.has(error.name) && sentence.includes('1000000000000000000')) inWei.push(`${error.name}: ${sentence}`);
		}
		expect(inWei).toEqual([]);
	});

	it('says who lacks stake, how much, and what to do, for an unstaked curator', () => {
		expect(describeRevert('DatanetRegistryCuratorStakeTooLow', [curator, 0n, parseEther('10')], { functionName: 'setCurator' })).toBe(
			'0xf39F…2266 has 0 OPEN staked; a curator must keep at least 10 OPEN staked. Stake 10 OPEN first, then appoint again.'
		);
		expect(describeRevert('DatanetRegistryCuratorStakeTooLow', [curator, parseEther('4'), parseEther('10')], { functionName: 'approve' })).toBe(
			'0xf39F…2266 has 4 OPEN staked; a curator must keep at least 10 OPEN staked. Stake 6 OPEN more first, then try again.'
		);
	});

	it('names the bond in OPEN, not wei', () => {
		expect(describeRevert('DatanetRegistryWrongBond', [parseEther('0.1'), 0n])).toBe(
			'A contribution locks a bond of exactly 0.1 OPEN; 0 OPEN was sent. Reload the page to get the current bond and send exactly 0.1 OPEN.'
		);
	});

	it('says when a locked bond can be released, as a date and how far away', () => {
		expect(describeRevert('DatanetRegistryBondLocked', [7n, BigInt(now + 180)], context)).toBe(
			'The bond of contribution #7 is held until 5 Dec 2026, 09:03 (in 3 min). Release it after that.'
		);
		expect(describeRevert('StakingUnbondingNotFinished', [BigInt(now + 7 * 86_400)], context)).toBe(
			'Your unbonding stake unlocks on 12 Dec 2026, 09:00 (in 7 days). Withdraw it after that.'
		);
	});

	it('says how large a contribution may be, and when a pending one can be withdrawn', () => {
		expect(describeRevert('DatanetRegistryContributionTooLarge', [2n ** 62n, BigInt(64 * 1024 ** 2)])).toBe(
			'The contribution holds 4190000 TiB; one contribution may hold at most 64 MiB. Split the records into smaller contributions.'
		);
		expect(describeRevert('DatanetRegistryWithdrawalTooEarly', [7n, BigInt(now + 2 * 86_400)], context)).toBe(
			'Contribution #7 is still in review: its curators may decide it until 7 Dec 2026, 09:00 (in 2 days). If it is still pending then, withdraw it after that.'
		);
		expect(
			describeRevert('DatanetRegistryContributionNotPending', [7n, 5], { functionName: 'withdrawContribution' })
		).toBe('Contribution #7 is already withdrawn, so it can no longer be withdrawn. Reload the page to see its state.');
	});

	it('says what recording an answer costs when the payment is wrong', () => {
		expect(describeRevert('AttributionLedgerWrongPayment', [parseEther('0.02'), parseEther('0.01')])).toBe(
			'Recording costs exactly 0.02 OPEN (the fee, plus the assertion bond when contributions are named); 0.01 OPEN was sent. The fee or the bond may have changed: reload the price, then try again.'
		);
	});

	it('says how much one slash may take, in OPEN', () => {
		expect(describeRevert('StakingSlashAboveCap', [parseEther('10'), parseEther('5')])).toBe(
			'One slash may take at most 5 OPEN of this stake now (the cap is a share of its active and unbonding stake), and 10 OPEN was asked for. Propose a slash of at most 5 OPEN; taking more needs a further proposal.'
		);
	});

	it('tells a claim to the vOPEN token apart from a claim to the zero address', () => {
		expect(describeRevert('ClaimsInvalidReceiver', [zeroAddress])).toBe(
			'Claims cannot be sent to 0x0000…0000 (the zero address). Enter the receiving address.'
		);
		expect(describeRevert('ClaimsInvalidReceiver', [curator])).toBe(
			'Claims cannot be sent to 0xf39F…2266: OPEN sent there would not reach you (the vOPEN token would wrap it for the paying contract). Claim to your own address, then wrap it into vOPEN yourself if you want votes.'
		);
	});

	it('names parameters and writes their bounds in their own units', () => {
		expect(describeRevert('ProtocolParamsOutOfBounds', [3, 30n, 60n, BigInt(365 * 86_400)])).toBe(
			'The unbonding period cannot be 30 s: it must be between 1 min and 365 days. Propose a value in that range.'
		);
		expect(describeRevert('ProtocolParamsOutOfBounds', [0, 5_001n, 0n, 5_000n])).toBe(
			'The attribution threshold cannot be 50.01%: it must be between 0% and 50%. Propose a value in that range.'
		);
		expect(describeRevert('ProtocolParamsOutOfBounds', [8, parseEther('0.5'), parseEther('1'), parseEther('10000000')])).toBe(
			'The minimum curator stake cannot be 0.5 OPEN: it must be between 1 OPEN and 10000000 OPEN. Propose a value in that range.'
		);
	});

	it('names a contribution status and a proposal state instead of their numbers', () => {
		expect(describeRevert('DatanetRegistryContributionNotPending', [4n, 3])).toBe(
			'Contribution #4 is already rejected, so it can no longer be decided. Reload the page to see its state.'
		);
		// expectedStates is a bitmap: bit 4 (succeeded) and bit 5 (queued).
		expect(describeRevert('GovernorUnexpectedProposalState', [12n, 3, `0x${(0b110000).toString(16).padStart(64, '0')}`])).toBe(
			'Proposal 12 is defeated; this needs it to be succeeded or queued. Reload the page to see where it stands.'
		);
	});

	it('still says something useful for an error it has no words for', () => {
		expect(describeRevert('SomeNewError', [1n])).toBe(
			'The contract refused with SomeNewError, an error this app has no words for. Reload the page (the app may be older than the contracts) or report it.'
		);
		expect(describeRevert('StakingInvalidAddress', [zeroAddress])).toBe('0x0000…0000 is the zero address. Enter a real address.');
	});
});
