// The typed actions against the real contracts on a real anvil, walking a solo owner's path as the page does: read
// the curator minimum and the missing stake, be refused as curator (the decoded shortfall), stake, create a
// datanet (its id read from the receipt), appoint itself, take a contribution from another account, approve it (the
// version read from the receipt), then release and claim the bond after the delay; and the voting-power reads
// that explain votes differing from the vOPEN balance (staked OPEN votes through the StakeVault); then a model
// registered on that version with the registration fee (a wrong fee refused with both amounts), a second adapter
// version published, and both read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keccak256, parseEther, toHex, zeroAddress, type Address } from 'viem';
import { startProtocolDevnet, type ProtocolDevnet } from '../../datanets/state/protocolDevnet.testing.ts';
import { stakeToSend } from '../../state/stakeToMeet.svelte.ts';
import { stakingAbi } from '../abis.ts';
import { curatorStakeShortfall } from '../curatorStakeTooLow.ts';
import { describeTransactionError } from '../transactions/describeTransactionError.ts';
import { approveContributions, publishedVersion } from './approveContributions.ts';
import { claimRegistryCredit } from './claimRegistryCredit.ts';
import type { ContractCall } from './contractCall.ts';
import { contribute } from './contribute.ts';
import { createDatanet, createdDatanetId } from './createDatanet.ts';
import { delegateVotes } from './delegateVotes.ts';
import { getBondReleaseDelay } from './getBondReleaseDelay.ts';
import { getContribution } from './getContribution.ts';
import { getContributionBond } from './getContributionBond.ts';
import { getMinCuratorStake } from './getMinCuratorStake.ts';
import { getMinInferenceFee } from './getMinInferenceFee.ts';
import { getMinStake } from './getMinStake.ts';
import { getModel } from './getModel.ts';
import { getModelRegistrationFee } from './getModelRegistrationFee.ts';
import { getModelTrainingSet } from './getModelTrainingSet.ts';
import { getRegistryClaimable } from './getRegistryClaimable.ts';
import { getStake } from './getStake.ts';
import { getVotingPower } from './getVotingPower.ts';
import { publishAdapter, publishedAdapterVersion, type AdapterRelease } from './publishAdapter.ts';
import { registerModel, registeredModelId } from './registerModel.ts';
import { releaseBonds } from './releaseBonds.ts';
import { setCurator } from './setCurator.ts';
import { stake } from './stake.ts';
import { unwrapOpen } from './unwrapOpen.ts';
import { wrapOpen } from './wrapOpen.ts';

let devnet: ProtocolDevnet;
let owner: Address;
let contributor: Address;
const chainId = 31337;

beforeAll(async () => {
	devnet = await startProtocolDevnet();
	[owner, contributor] = devnet.accounts.slice(2, 4) as [Address, Address];
}, 120_000);

afterAll(async () => {
	await devnet?.anvil.stop();
});

/** Simulates `call` from `account` and returns what the page would make of its revert. */
async function refusal(account: Address, call: ContractCall) {
	const { address, abi, functionName, args, value } = call;
	const error = await devnet.publicClient.simulateContract({ account, address, abi, functionName, args, value }).then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error, `${call.label} should revert`).toBeDefined();
	return describeTransactionError(error, abi);
}

describe('chain actions on anvil', () => {
	it('take a solo owner from nothing to a published version, then release and claim the bond', async () => {
		const { publicClient: client, sendCall, increaseTime, parameters } = devnet;
		const required = await getMinCuratorStake(client);
		expect(required).toBe(parameters.minCuratorStake);
		expect(await getStake(client, { account: owner })).toBe(0n);
		const amount = stakeToSend(0n, required, await getMinStake(client));
		expect(amount).toBe(required);

		const created = await sendCall(owner, createDatanet(chainId, { name: 'Solo', metadataCid: 'bafy-solo', kind: 0, licence: 'CC0-1.0', acceptedFormats: [] }));
		const datanetId = createdDatanetId(created.logs)!;
		expect(datanetId).toBe(1n);

		// Appointing itself before staking is refused, and the refusal says by how much, in the error's own numbers.
		const appointSelf = setCurator(chainId, { datanetId, curator: owner, appointed: true, self: true });
		expect(appointSelf.label).toBe('Appoint yourself as curator of datanet #1');
		const problem = await refusal(owner, appointSelf);
		expect(problem.kind).toBe('reverted');
		expect(curatorStakeShortfall(problem.kind === 'reverted' ? { errorName: problem.errorName!, args: problem.args ?? [] } : undefined)).toEqual({
			account: owner,
			stake: 0n,
			required
		});

		const staking = stake(chainId, { amount });
		expect(staking).toMatchObject({ label: 'Stake 10 OPEN', functionName: 'stake', value: amount });
		await sendCall(owner, staking);
		expect(await getStake(client, { account: owner })).toBe(required);
		await sendCall(owner, appointSelf);

		const bond = await getContributionBond(client);
		expect(bond).toBe(parameters.contributionBond);
		const contribution = contribute(chainId, {
			datanetId,
			contentCid: 'bafy-records',
			contentHash: keccak256(toHex('records')),
			byteSize: 120,
			tokenCount: 30,
			recordCount: 2,
			bond
		});
		expect(contribution.label).toBe('Contribute 2 records to datanet #1');
		await sendCall(contributor, contribution);

		const approved = await sendCall(owner, approveContributions(chainId, { datanetId, contributionIds: [1n], manifestCid: 'bafy-v1', nextVersion: 1 }));
		expect(publishedVersion(approved.logs)).toEqual({ datanetId, version: 1, manifestCid: 'bafy-v1' });
		expect(createdDatanetId(approved.logs)).toBeUndefined();

		const onChain = await getContribution(client, { contributionId: 1n });
		expect(onChain).toMatchObject({ contributor, status: 2, bond });
		const delay = await getBondReleaseDelay(client);
		expect(delay).toBeGreaterThan(0);
		const block = await client.getBlock({ blockNumber: approved.blockNumber });
		expect(onChain.decidedAt).toBe(Number(block.timestamp));

		// Too early: the registry refuses, naming when the bond becomes releasable.
		const release = releaseBonds(chainId, { contributionIds: [1n] });
		const early = await refusal(contributor, release);
		expect(early.kind === 'reverted' && early.args).toEqual([1n, BigInt(onChain.decidedAt + delay)]);
		await increaseTime(delay);
		await sendCall(contributor, release);
		expect(await getRegistryClaimable(client, { account: contributor })).toBe(bond);
		await sendCall(contributor, claimRegistryCredit(chainId, { amount: bond }));
		expect(await getRegistryClaimable(client, { account: contributor })).toBe(0n);
		expect((await getContribution(client, { contributionId: 1n })).bond).toBe(0n);
	});

	it('read where votes come from: own vOPEN once delegated, staked OPEN through the StakeVault', async () => {
		const { publicClient: client, sendCall } = devnet;
		// The owner staked the curator minimum above; its vault delegates those votes to it.
		const staked = await getStake(client, { account: owner });
		await sendCall(owner, wrapOpen(chainId, { amount: parseEther('2') }));
		let power = await getVotingPower(client, { account: owner });
		expect(power).toEqual({ wrapped: parseEther('2'), votes: staked, delegate: zeroAddress, staked, stakeDelegate: owner, fromOthers: 0n });

		await sendCall(owner, delegateVotes(chainId, { delegatee: owner, self: true }));
		await sendCall(owner, unwrapOpen(chainId, { amount: parseEther('0.5') }));
		power = await getVotingPower(client, { account: owner });
		expect(power.votes).toBe(parseEther('1.5') + staked);
		expect(power.fromOthers).toBe(0n);

		// Another holder delegating to the owner shows up as votes from others.
		await sendCall(contributor, wrapOpen(chainId, { amount: parseEther('3') }));
		await sendCall(contributor, delegateVotes(chainId, { delegatee: owner }));
		expect((await getVotingPower(client, { account: owner })).fromOthers).toBe(parseEther('3'));
		// An account that never staked has no vault.
		expect(await getVotingPower(client, { account: contributor })).toMatchObject({ staked: 0n, stakeDelegate: zeroAddress, votes: 0n });
	});

	it('register a model on the published version with the registration fee, then publish a second adapter', async () => {
		const { publicClient: client, sendCall, parameters } = devnet;
		const registrationFee = await getModelRegistrationFee(client);
		expect(registrationFee).toBe(parameters.modelRegistrationFee);
		const inferenceFee = await getMinInferenceFee(client);
		expect(inferenceFee).toBe(parameters.minInferenceFee);
		const release = (label: string): AdapterRelease => ({
			adapterCid: `bafy-adapter-${label}`,
			adapterHash: keccak256(toHex(`adapter ${label}`)),
			trainedOn: [{ datanetId: 1n, version: 1 }],
			attributionIndexCid: '',
			gradientSketchCid: '',
			trainingConfigCid: ''
		});
		const registration = registerModel(chainId, {
			name: 'Solo notes assistant',
			baseModelId: 'provena/provena-tiny',
			baseModelCid: '',
			metadataCid: 'bafy-card',
			inferenceFee,
			adapter: release('v1'),
			registrationFee
		});
		expect(registration).toMatchObject({
			label: 'Register model “Solo notes assistant”',
			functionName: 'register',
			value: registrationFee
		});

		// One wei short: refused, saying what was expected and what was sent.
		const short = await refusal(owner, { ...registration, value: registrationFee - 1n });
		expect(short.kind === 'reverted' && [short.errorName, short.args]).toEqual([
			'ModelRegistryWrongRegistrationFee',
			[registrationFee, registrationFee - 1n]
		]);

		const registered = await sendCall(owner, registration);
		const modelId = registeredModelId(registered.logs)!;
		expect(modelId).toBe(1n);
		expect(publishedAdapterVersion(registered.logs)).toMatchObject({ modelId, adapterVersion: 1 });
		expect(await getModel(client, { modelId })).toMatchObject({
			owner,
			adapterVersion: 1,
			retired: false,
			inferenceFee
		});

		// Only the owner publishes; the next version's label says which it is.
		const second = publishAdapter(chainId, { modelId, adapter: release('v2'), nextVersion: 2 });
		expect(second.label).toBe('Publish adapter version 2 of model #1');
		const notOwner = await refusal(contributor, second);
		expect(notOwner.kind === 'reverted' && notOwner.errorName).toBe('ModelRegistryNotOwner');
		const published = await sendCall(owner, second);
		expect(publishedAdapterVersion(published.logs)).toMatchObject({ modelId, adapterVersion: 2 });
		expect(registeredModelId(published.logs)).toBeUndefined();
		expect((await getModel(client, { modelId })).adapterVersion).toBe(2);
		const trainingSet = await getModelTrainingSet(client, { modelId, adapterVersion: 2 });
		expect(trainingSet).toEqual({ trainingBytes: 120n, trainedOn: [{ datanetId: 1n, version: 1, acceptedCount: 1 }] });
	});

	it('types each call against its ABI', () => {
		const call: ContractCall<typeof stakingAbi, 'stake'> = stake(chainId, { amount: 1n });
		expect(call.args).toEqual([]);
		// @ts-expect-error a function the ABI does not have is a type error where the call is written
		const wrongName: ContractCall<typeof stakingAbi, 'stakeAll'> = { ...call, functionName: 'stakeAll' };
		// @ts-expect-error so is an argument of the wrong type
		const wrongArgs: ContractCall<typeof stakingAbi, 'requestUnstake'> = { ...call, functionName: 'requestUnstake', args: ['1'] };
		expect([wrongName.functionName, wrongArgs.functionName]).toEqual(['stakeAll', 'requestUnstake']);
	});
});
