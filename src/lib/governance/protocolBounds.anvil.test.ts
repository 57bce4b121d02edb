// The catalogue against the real ProtocolParams on anvil: every bound the TypeScript mirrors equals the deployed
// contract's constant, and the contract accepts each bound exactly and refuses one step outside it with
// ProtocolParamsOutOfBounds (the literal bounds, which have no constant, are proven by these edges alone). Then the
// proposal simulation, run as the Timelock: success for good actions, each failing action's decoded reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEther, type Abi, type Address } from 'viem';
import { startProtocolDevnet, type ProtocolDevnet } from '../datanets/state/protocolDevnet.testing.ts';
import { protocolParamsAbi, stakingAbi } from '../chain/abis.ts';
import { stake } from '../chain/actions/stake.ts';
import {
	boundConstants,
	parameterAction,
	parameterSpec,
	parameterSpecs,
	type ParameterSpec
} from './parameterCatalogue.ts';
import { revertOutcome, simulateProposal } from './simulateProposal.ts';
import { slashAction, treasuryTransferAction } from './treasuryActions.ts';

let devnet: ProtocolDevnet;
const chainId = 31337;

beforeAll(async () => {
	devnet = await startProtocolDevnet();
}, 120_000);

afterAll(async () => {
	await devnet?.anvil.stop();
});

/** Runs the change as the Timelock (an eth_call from its address): undefined when accepted, else the error's name and args. */
async function tryAs(spec: ParameterSpec, value: bigint) {
	const action = parameterAction(chainId, spec, value);
	const timelock = devnet.deployments.contracts.ProvenaTimelock.address;
	try {
		await devnet.publicClient.call({ account: timelock, to: action.target, data: action.calldata });
		return undefined;
	} catch (error) {
		const data = findData(error);
		const outcome = revertOutcome(data);
		return outcome.ok ? undefined : { errorName: outcome.errorName, args: outcome.args };
	}
}

function findData(error: unknown): `0x${string}` | undefined {
	for (let e = error; e; e = (e as { cause?: unknown }).cause) {
		const data = (e as { data?: unknown }).data;
		if (typeof data === 'string' && data.startsWith('0x')) return data as `0x${string}`;
	}
	return undefined;
}

const typeMax = (bits: number) => (1n << BigInt(bits)) - 1n;

describe('the catalogue against the deployed ProtocolParams', () => {
	it('mirrors every public bound constant', async () => {
		const address = devnet.deployments.contracts.ProtocolParams.address;
		for (const [name, value] of Object.entries(boundConstants)) {
			const onChain = await devnet.publicClient.readContract({
				address,
				abi: protocolParamsAbi as Abi,
				functionName: name
			});
			expect(onChain === undefined ? undefined : BigInt(onChain as bigint), name).toBe(value);
		}
	});

	it('accepts each bound exactly and refuses one step outside it with ProtocolParamsOutOfBounds', async () => {
		for (const spec of parameterSpecs) {
			expect(await tryAs(spec, spec.min), `${spec.key} at its minimum`).toBeUndefined();
			expect(await tryAs(spec, spec.max), `${spec.key} at its maximum`).toBeUndefined();
			if (spec.min > 0n)
				expect(await tryAs(spec, spec.min - 1n), `${spec.key} below its minimum`).toEqual({
					errorName: 'ProtocolParamsOutOfBounds',
					args: [spec.index, spec.min - 1n, spec.min, spec.max]
				});
			if (spec.max < typeMax(spec.bits))
				expect(await tryAs(spec, spec.max + 1n), `${spec.key} above its maximum`).toEqual({
					errorName: 'ProtocolParamsOutOfBounds',
					args: [spec.index, spec.max + 1n, spec.min, spec.max]
				});
		}
	});
});

describe('simulating a proposal as the Timelock', () => {
	it('says each action would succeed, or why it would fail', async () => {
		const { accounts, sendCall, deployments, publicClient, wallet } = devnet;
		const [staker, recipient, funder] = accounts.slice(5, 8) as [Address, Address, Address];
		const timelock = deployments.contracts.ProvenaTimelock.address;
		await sendCall(staker, stake(chainId, { amount: parseEther('10') }));
		const hash = await wallet.sendTransaction({
			account: funder,
			chain: devnet.chain,
			to: timelock,
			value: parseEther('5')
		});
		await publicClient.waitForTransactionReceipt({ hash });
		const cap = await publicClient.readContract({
			address: deployments.contracts.Staking.address,
			abi: stakingAbi,
			functionName: 'maxSlashOf',
			args: [staker]
		});
		expect(cap > 0n).toBe(true);

		const threshold = parameterAction(chainId, parameterSpec('attributionThreshold')!, 300n);
		const transfer = treasuryTransferAction({ recipient, amount: parseEther('2') });
		const slash = slashAction(chainId, { staker, amount: cap, reason: 'test' });
		const good = await simulateProposal(publicClient, [threshold, transfer, slash]);
		expect(good).toEqual({ mode: 'in-order', outcomes: [{ ok: true }, { ok: true }, { ok: true }] });

		// Nothing was changed: a simulation only.
		expect(await publicClient.getBalance({ address: timelock })).toBe(parseEther('5'));

		const tooMuch = slashAction(chainId, { staker, amount: cap + 1n, reason: 'too much' });
		const overdraw = treasuryTransferAction({ recipient, amount: parseEther('4') });
		const bad = await simulateProposal(publicClient, [threshold, transfer, overdraw, tooMuch]);
		expect(bad.outcomes[0]).toEqual({ ok: true });
		expect(bad.outcomes[1]).toEqual({ ok: true });
		expect(bad.outcomes[2]).toMatchObject({
			ok: false,
			reason: expect.stringContaining('The treasury would hold 3 OPEN by then, less than the 4 OPEN')
		});
		expect(bad.outcomes[3]).toMatchObject({ ok: false, errorName: 'StakingSlashAboveCap', args: [cap + 1n, cap] });

		// An out-of-bounds change after a good one: the second sees the first's state, and says the bound.
		const outOfBounds = parameterAction(chainId, parameterSpec('attributionThreshold')!, 5_001n);
		const bounds = await simulateProposal(publicClient, [threshold, outOfBounds]);
		expect(bounds.outcomes[1]).toMatchObject({
			ok: false,
			errorName: 'ProtocolParamsOutOfBounds',
			reason: expect.stringContaining('must be between')
		});
	});
});
