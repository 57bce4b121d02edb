import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFunctionData, getAddress, type Address } from 'viem';
import { shortAddress } from '../format.ts';
import { protocolParamsAbi, stakingAbi } from '../chain/abis.ts';
import { registerDeployments } from '../chain/deployments/index.ts';
import { CONTRACT_NAMES, type Deployments } from '../chain/deployments/types.ts';
import { protocolParameters } from '../chain/revertMessages/protocolParams.ts';
import { actionProblem, describeAction, type ProtocolParametersNow } from './describeAction.ts';
import {
	boundsText,
	durationText,
	feeSplitAction,
	formatParameter,
	mibText,
	parameterAction,
	parameterSpec,
	parameterSpecs,
	parseFeeSplit,
	parseParameter,
	parseUnitValue,
	percentText
} from './parameterCatalogue.ts';
import { slashAction, slashProblem, treasuryTransferAction, treasuryTransferWarning } from './treasuryActions.ts';

const chainId = 424_242;
const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const contracts = Object.fromEntries(
	CONTRACT_NAMES.map((name, i) => [
		name,
		{ address: address(0x1000 + i), blockNumber: 1, txHash: `0x${'0'.repeat(64)}` }
	])
) as Deployments['contracts'];
const spec = (key: string) => parameterSpec(key)!;

beforeAll(() => registerDeployments({ chainId, contracts }));

const parameters: ProtocolParametersNow = {
	attributionThresholdBps: 200,
	feeSplit: { dataBps: 5_000, modelOwnerBps: 2_000, stakersBps: 2_000, treasuryBps: 1_000 },
	maxPaidContributions: 8,
	duplicateBountyBps: 2_000,
	unbondingPeriod: 600,
	bondReleaseDelay: 120,
	minInferenceFee: 10n ** 15n,
	modelRegistrationFee: 10n ** 18n,
	contributionBond: 10n ** 17n,
	minCuratorStake: 10n * 10n ** 18n,
	challengeWindow: 60,
	assertionBondBps: 1_000,
	disputeBond: 10n ** 18n,
	minValidatorStake: 10n ** 18n,
	maxContributionBytes: 64 * 1024 * 1024,
	reviewTimeout: 600,
	maxSlashBps: 1_000
};

describe('the parameter catalogue', () => {
	it('lists every parameter in enum order with the human names the revert sentences use', () => {
		expect(parameterSpecs).toHaveLength(16);
		expect(parameterSpecs.map((s) => s.name)).toEqual(protocolParameters.map((p) => p.name));
		expect(parameterSpecs.map((s) => s.index)).toEqual([...Array(16).keys()]);
		// Every setter and event exists in the ABI.
		const names = new Set<string>(protocolParamsAbi.map((item) => ('name' in item ? item.name : '')));
		for (const s of parameterSpecs) {
			expect(names.has(s.setter), s.setter).toBe(true);
			expect(names.has(s.event), s.event).toBe(true);
			expect(s.min <= s.max).toBe(true);
		}
	});

	it('writes on-chain values in the unit people think in', () => {
		expect(percentText(200n)).toBe('2.00 %');
		expect(percentText(50_000n)).toBe('500.00 %');
		expect(percentText(5n)).toBe('0.05 %');
		expect(durationText(600n)).toBe('10 minutes');
		expect(durationText(86_400n)).toBe('1 day');
		expect(durationText(14n * 86_400n)).toBe('14 days');
		expect(durationText(5_400n)).toBe('90 minutes');
		expect(durationText(7_200n)).toBe('2 hours');
		expect(durationText(61n)).toBe('61 seconds');
		expect(mibText(1n << 28n)).toBe('256 MiB');
		expect(mibText(1024n)).toBe('1 KiB');
		expect(mibText(1536n)).toBe('0.00146484375 MiB');
		expect(formatParameter(spec('minInferenceFee'), 10n ** 15n)).toBe('0.001 OPEN');
		expect(formatParameter(spec('maxPaidContributions'), 8n)).toBe('8');
	});

	it('names the bounds in the unit', () => {
		expect(boundsText(spec('attributionThreshold'))).toBe('Between 0.00 % and 50.00 %');
		expect(boundsText(spec('maxSlash'))).toBe('Between 1.00 % and 50.00 %');
		expect(boundsText(spec('unbondingPeriod'))).toBe('Between 1 minute and 365 days');
		expect(boundsText(spec('disputeBond'))).toBe('Between 0.001 OPEN and 10000 OPEN');
		expect(boundsText(spec('maxContributionBytes'))).toBe('Between 1 KiB and 256 MiB');
		expect(boundsText(spec('maxPaidContributions'))).toBe('Between 1 and 64');
		expect(boundsText(spec('minInferenceFee'))).toBe('More than 0 OPEN, at most 100 OPEN');
	});

	it('reads what people type, refusing bad text and out-of-bounds values with a message', () => {
		const threshold = spec('attributionThreshold');
		expect(parseParameter(threshold, '3')).toEqual({ ok: true, value: 300n });
		expect(parseParameter(threshold, ' 2.5 % ')).toEqual({ ok: true, value: 250n });
		expect(parseParameter(threshold, '50')).toEqual({ ok: true, value: 5_000n });
		expect(parseParameter(threshold, '50.01')).toEqual({ ok: false, message: 'Between 0.00 % and 50.00 %.' });
		expect(parseParameter(threshold, '2.555')).toMatchObject({
			ok: false,
			message: expect.stringContaining('two decimals')
		});
		expect(parseParameter(threshold, '')).toEqual({ ok: false, message: 'Enter a value.' });
		expect(parseParameter(threshold, 'abc')).toMatchObject({ ok: false, message: expect.stringContaining('percent') });
		expect(parseParameter(threshold, '-1')).toMatchObject({ ok: false });

		const unbonding = spec('unbondingPeriod');
		expect(parseParameter(unbonding, '10')).toEqual({ ok: true, value: 600n });
		expect(parseParameter(unbonding, '2 h')).toEqual({ ok: true, value: 7_200n });
		expect(parseParameter(unbonding, '14 days')).toEqual({ ok: true, value: 14n * 86_400n });
		expect(parseParameter(unbonding, '1.5 hours')).toEqual({ ok: true, value: 5_400n });
		expect(parseParameter(unbonding, '59 s')).toEqual({ ok: false, message: 'Between 1 minute and 365 days.' });
		expect(parseParameter(unbonding, '366 days')).toEqual({ ok: false, message: 'Between 1 minute and 365 days.' });
		expect(parseParameter(unbonding, '10 fortnights')).toMatchObject({
			ok: false,
			message: expect.stringContaining('duration')
		});

		const bytes = spec('maxContributionBytes');
		expect(parseParameter(bytes, '64')).toEqual({ ok: true, value: 64n << 20n });
		expect(parseParameter(bytes, '512 KiB')).toEqual({ ok: true, value: 512n << 10n });
		expect(parseParameter(bytes, '257')).toMatchObject({ ok: false, message: 'Between 1 KiB and 256 MiB.' });

		const fee = spec('minInferenceFee');
		expect(parseParameter(fee, '0.5 OPEN')).toEqual({ ok: true, value: 5n * 10n ** 17n });
		expect(parseParameter(fee, '0')).toMatchObject({ ok: false, message: 'More than 0 OPEN, at most 100 OPEN.' });
		expect(parseParameter(spec('maxPaidContributions'), '1.5')).toEqual({
			ok: false,
			message: 'Enter a whole number.'
		});
		expect(parseUnitValue('count', '65')).toEqual({ ok: true, value: 65n });
	});

	it('accepts each bound exactly and refuses one step outside it', () => {
		for (const s of parameterSpecs) {
			expect(parseParameter(s, formatParameter(s, s.max).replace(/,/g, '')), s.key).toEqual({ ok: true, value: s.max });
			expect(parseParameter(s, formatParameter(s, s.min)), s.key).toEqual({ ok: true, value: s.min });
		}
	});

	it('encodes a change that decodes back to the setter and reads as a sentence', () => {
		const threshold = spec('attributionThreshold');
		const action = parameterAction(chainId, threshold, 300n);
		expect(action.target).toBe(contracts.ProtocolParams.address);
		expect(action.value).toBe(0n);
		expect(decodeFunctionData({ abi: protocolParamsAbi, data: action.calldata })).toMatchObject({
			functionName: 'setAttributionThreshold',
			args: [300]
		});
		expect(describeAction(chainId, action, { parameters })).toBe('Set the attribution threshold from 2.00 % to 3.00 %');
		expect(describeAction(chainId, action)).toBe('Set the attribution threshold to 3.00 %');
		for (const s of parameterSpecs) {
			const sentence = describeAction(chainId, parameterAction(chainId, s, s.max), { parameters });
			expect(sentence, s.key).toMatch(
				new RegExp(`^Set the ${s.name.replace(/[()]/g, '\\$&')} from .+ to ${formatParameter(s, s.max)}$`)
			);
		}
		expect(
			describeAction(chainId, parameterAction(chainId, spec('unbondingPeriod'), 7n * 86_400n), { parameters })
		).toBe('Set the unbonding period from 10 minutes to 7 days');
		expect(
			describeAction(chainId, parameterAction(chainId, spec('maxContributionBytes'), 128n << 20n), { parameters })
		).toBe('Set the largest contribution size from 64 MiB to 128 MiB');
		expect(
			describeAction(chainId, parameterAction(chainId, spec('contributionBond'), 2n * 10n ** 18n), { parameters })
		).toBe('Set the contribution bond from 0.1 OPEN to 2 OPEN');
	});

	it('reads, checks and describes a fee split', () => {
		const texts = { dataBps: '50', modelOwnerBps: '20', stakersBps: '20', treasuryBps: '10' };
		const parsed = parseFeeSplit(texts);
		expect(parsed).toEqual({
			ok: true,
			value: { dataBps: 5_000, modelOwnerBps: 2_000, stakersBps: 2_000, treasuryBps: 1_000 }
		});
		expect(parseFeeSplit({ ...texts, treasuryBps: '11' })).toEqual({
			ok: false,
			message: 'The shares add up to 101 %; they must add up to 100 %.'
		});
		expect(parseFeeSplit({ dataBps: '5', modelOwnerBps: '45', stakersBps: '40', treasuryBps: '10' })).toEqual({
			ok: false,
			message: 'Data contributors must get at least 10 %.'
		});
		expect(parseFeeSplit({ ...texts, stakersBps: 'x' })).toMatchObject({
			ok: false,
			message: expect.stringContaining('The stakers share')
		});
		const action = feeSplitAction(chainId, parsed.ok ? parsed.value : parameters.feeSplit);
		expect(describeAction(chainId, action)).toBe(
			'Set the fee split to data 50 %, model owner 20 %, stakers 20 %, treasury 10 %'
		);
		const other = feeSplitAction(chainId, {
			dataBps: 6_000,
			modelOwnerBps: 1_500,
			stakersBps: 1_500,
			treasuryBps: 1_000
		});
		expect(describeAction(chainId, other, { parameters })).toBe(
			'Set the fee split from data 50 %, model owner 20 %, stakers 20 %, treasury 10 % to data 60 %, model owner 15 %, stakers 15 %, treasury 10 %'
		);
	});
});

describe('treasury transfers and slashes', () => {
	const recipient = '0x1234567890abcdef1234567890abcdef123456ab' as Address;

	it('builds a transfer from the treasury, warns above its balance, and describes it', () => {
		const action = treasuryTransferAction({ recipient, amount: 10n * 10n ** 18n });
		expect(action).toEqual({ target: recipient, value: 10n * 10n ** 18n, calldata: '0x' });
		expect(describeAction(chainId, action)).toBe('Send 10 OPEN from the treasury to 0x1234…56ab');
		expect(treasuryTransferWarning(10n, 10n)).toBeUndefined();
		expect(treasuryTransferWarning(11n * 10n ** 18n, 10n * 10n ** 18n)).toContain(
			'The treasury holds 10 OPEN, less than the 11 OPEN'
		);
	});

	it('builds a slash, refuses one above the cap, and describes it', () => {
		const action = slashAction(chainId, { staker: recipient, amount: 5n * 10n ** 18n, reason: ' approved spam ' });
		expect(action.target).toBe(contracts.Staking.address);
		expect(decodeFunctionData({ abi: stakingAbi, data: action.calldata })).toMatchObject({
			functionName: 'slash',
			args: [expect.stringMatching(/^0x1234/i), 5n * 10n ** 18n, 'approved spam']
		});
		expect(describeAction(chainId, action)).toBe(
			`Slash 5 OPEN of ${shortAddress(getAddress(recipient))}'s stake (reason: approved spam)`
		);
		expect(slashProblem(5n, 5n)).toBeUndefined();
		expect(slashProblem(6n * 10n ** 18n, 5n * 10n ** 18n)).toContain('at most 5 OPEN');
		expect(slashProblem(1n, 0n)).toBe('This account has nothing staked to slash.');
	});
});

describe('describeAction for raw actions', () => {
	it('falls back to contract.function(args) and to raw bytes', () => {
		const pause = { target: contracts.Staking.address, value: 0n, calldata: '0x12345678' as const };
		expect(actionProblem(chainId, pause)).toContain("matches none of Staking's functions");
		expect(describeAction(chainId, pause)).toContain('raw data 0x12345678');
		const unknown = { target: address(7), value: 0n, calldata: '0xabcdef01' as const };
		expect(actionProblem(chainId, unknown)).toBeUndefined();
		expect(describeAction(chainId, unknown)).toBe('Call 0x0000…0007 with raw data 0xabcdef01');
		expect(actionProblem(chainId, { ...unknown, calldata: '0xabc' as const })).toContain('hexadecimal bytes');
		const slashCap = {
			target: contracts.Staking.address,
			value: 0n,
			calldata: '0x' as const
		};
		expect(describeAction(chainId, slashCap)).toContain('does nothing');
	});
});
