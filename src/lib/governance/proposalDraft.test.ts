import { beforeAll, describe, expect, it } from 'vitest';
import { encodeFunctionData, type Address } from 'viem';
import { protocolParamsAbi } from '../chain/abis.ts';
import { registerDeployments } from '../chain/deployments/index.ts';
import { CONTRACT_NAMES, type Deployments } from '../chain/deployments/types.ts';
import { buildAction, newDraftAction, parseSavedDraft } from './proposalDraft.ts';

const chainId = 424_243;
const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const contracts = Object.fromEntries(
	CONTRACT_NAMES.map((name, i) => [
		name,
		{ address: address(0x2000 + i), blockNumber: 1, txHash: `0x${'0'.repeat(64)}` }
	])
) as Deployments['contracts'];

beforeAll(() => registerDeployments({ chainId, contracts }));

describe('drafted actions', () => {
	it('build a parameter change, or say what is wrong with the value', () => {
		const draft = { ...newDraftAction('parameter', 1), value: '3' };
		expect(buildAction(chainId, draft)).toMatchObject({
			ok: true,
			action: { target: contracts.ProtocolParams.address, value: 0n }
		});
		expect(buildAction(chainId, { ...draft, value: '51' })).toEqual({
			ok: false,
			errors: { value: 'Between 0.00 % and 50.00 %.' }
		});
		const split = {
			...newDraftAction('parameter', 2, 'feeSplit'),
			split: { dataBps: '50', modelOwnerBps: '20', stakersBps: '20', treasuryBps: '20' }
		};
		expect(buildAction(chainId, split)).toEqual({
			ok: false,
			errors: { split: 'The shares add up to 110 %; they must add up to 100 %.' }
		});
	});

	it('build transfers, slashes and raw calls, with a message per field', () => {
		expect(buildAction(chainId, { ...newDraftAction('transfer', 1), recipient: 'nope', amount: '0' })).toEqual({
			ok: false,
			errors: {
				recipient: 'Enter an address: 0x followed by 40 hexadecimal digits.',
				amount: 'Enter an amount of OPEN greater than 0.'
			}
		});
		expect(
			buildAction(chainId, { ...newDraftAction('slash', 1), staker: address(5), amount: '1', reason: ' ' })
		).toMatchObject({
			ok: false,
			errors: { reason: expect.stringContaining('Say why') }
		});
		const calldata = encodeFunctionData({ abi: protocolParamsAbi, functionName: 'setMaxSlash', args: [500] });
		expect(
			buildAction(chainId, { ...newDraftAction('expert', 1), target: contracts.ProtocolParams.address, calldata })
		).toEqual({
			ok: true,
			action: { target: contracts.ProtocolParams.address, value: 0n, calldata }
		});
		expect(
			buildAction(chainId, {
				...newDraftAction('expert', 1),
				target: contracts.ProtocolParams.address,
				calldata: '0xdeadbeef'
			})
		).toMatchObject({
			ok: false,
			errors: { calldata: expect.stringContaining("matches none of ProtocolParams's functions") }
		});
	});

	it('read a saved draft back, ignoring what is not one', () => {
		const saved = JSON.stringify({
			title: 'T',
			body: 'B',
			actions: [{ ...newDraftAction('slash', 9), staker: address(5) }, { kind: 'bogus' }]
		});
		expect(parseSavedDraft(saved)).toMatchObject({
			title: 'T',
			body: 'B',
			actions: [{ kind: 'slash', staker: address(5) }]
		});
		expect(parseSavedDraft('{')).toBeUndefined();
		expect(parseSavedDraft(null)).toBeUndefined();
		expect(parseSavedDraft('{"title":1}')).toBeUndefined();
	});
});
