// The typed actions against the real contracts on a real anvil, walking a solo owner's path as the page does: read
// the curator minimum and the missing stake, be refused as curator (the decoded shortfall), stake, create a
// datanet (its id read from the receipt), appoint itself, take a contribution from another account, approve it (the
// version read from the receipt), then release and claim the bond after the delay; and the voting-power reads
// that explain votes differing from the vOPEN balance (staked OPEN votes through the StakeVault); then a model
// registered on that version with the registration fee (a wrong fee refused with both amounts), a second adapter
// version published, and both read back; and a staker's whole path through the Staking page's actions: the position
// read in one go, unbonding (its timer restarted by a second request), cancel, withdraw after the period, stake
// delegation, rewards claimed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFunctionData, keccak256, parseEther, toHex, zeroAddress, type Address } from 'viem';
import { startProtocolDevnet, type ProtocolDevnet } from '../../datanets/state/protocolDevnet.testing.ts';
import { stakeToSend } from '../../state/stakeToMeet.svelte.ts';
import { stakingAbi } from '../abis.ts';
import { curatorStakeShortfall } from '../curatorStakeTooLow.ts';
import { describeTransactionError } from '../transactions/describeTransactionError.ts';
import { approveContributions, publishedVersion } from './approveContributions.ts';
import { cancelUnstake } from './cancelUnstake.ts';
import { claimStakingRewards } from './claimStakingRewards.ts';
import { claimRegistryCredit } from './claimRegistryCredit.ts';
import type { ContractCall } from './contractCall.ts';
import { contribute } from './contribute.ts';
import { createDatanet, createdDatanetId } from './createDatanet.ts';
import { delegateStake } from './delegateStake.ts';
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
import { getStakingPosition } from './getStakingPosition.ts';
import { getVotingPower } from './getVotingPower.ts';
import { publishAdapter, publishedAdapterVersion, type AdapterRelease } from './publishAdapter.ts';
import { registerModel, registeredModelId } from './registerModel.ts';
import { requestUnstake } from './requestUnstake.ts';
import { releaseBonds } from './releaseBonds.ts';
import { setCurator } from './setCurator.ts';
import { stake } from './stake.ts';
import { unwrapOpen } from './unwrapOpen.ts';
import { withdrawStake } from './withdrawStake.ts';
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

	it("walk a staker through unbonding, cancelling, withdrawing, delegating and claiming", async () => {
		const { publicClient: client, sendCall, increaseTime, parameters } = devnet;
		const [staker, other] = devnet.accounts.slice(4, 6) as [Address, Address];
		let position = await getStakingPosition(client, { account: staker });
		expect(position).toMatchObject({
			active: 0n,
			unbonding: 0n,
			releaseAt: 0,
			claimable: 0n,
			vault: zeroAddress,
			stakeDelegate: zeroAddress,
			minStake: parseEther('1'),
			unbondingPeriod: parameters.unbondingPeriod,
			minCuratorStake: parameters.minCuratorStake,
			minValidatorStake: parameters.minValidatorStake
		});
		expect(position.balance).toBe(await client.getBalance({ address: staker }));

		// A first stake below the minimum is refused, with both amounts.
		const tooSmall = await refusal(staker, stake(chainId, { amount: parseEther('0.5') }));
		expect(tooSmall.kind === 'reverted' && [tooSmall.errorName, tooSmall.args]).toEqual(['StakingBelowMinimum', [parseEther('0.5'), parseEther('1')]]);
		await sendCall(staker, stake(chainId, { amount: parseEther('10') }));

		const first = requestUnstake(chainId, { amount: parseEther('3') });
		expect(first).toMatchObject({ label: 'Request to unstake 3 OPEN', functionName: 'requestUnstake', args: [parseEther('3')] });
		const firstReceipt = await sendCall(staker, first);
		const firstAt = Number((await client.getBlock({ blockNumber: firstReceipt.blockNumber })).timestamp);
		position = await getStakingPosition(client, { account: staker });
		expect(position).toMatchObject({ active: parseEther('7'), unbonding: parseEther('3'), releaseAt: firstAt + parameters.unbondingPeriod });
		expect(position.vault).not.toBe(zeroAddress);
		expect(position.stakeDelegate).toBe(staker);

		// Leaving less than the minimum active is refused; a second request restarts the timer for all of it.
		const belowMinimum = await refusal(staker, requestUnstake(chainId, { amount: parseEther('6.5') }));
		expect(belowMinimum.kind === 'reverted' && belowMinimum.args).toEqual([parseEther('0.5'), parseEther('1')]);
		await increaseTime(60);
		const secondReceipt = await sendCall(staker, requestUnstake(chainId, { amount: parseEther('2') }));
		const secondAt = Number((await client.getBlock({ blockNumber: secondReceipt.blockNumber })).timestamp);
		position = await getStakingPosition(client, { account: staker });
		expect(position).toMatchObject({ active: parseEther('5'), unbonding: parseEther('5'), releaseAt: secondAt + parameters.unbondingPeriod });
		expect(position.releaseAt).toBeGreaterThan(firstAt + parameters.unbondingPeriod);

		// Too early to withdraw: refused with the release time. Cancel puts it all back.
		const early = await refusal(staker, withdrawStake(chainId, { amount: position.unbonding }));
		expect(early.kind === 'reverted' && [early.errorName, early.args]).toEqual(['StakingUnbondingNotFinished', [BigInt(position.releaseAt)]]);
		const cancel = cancelUnstake(chainId, { amount: position.unbonding });
		expect(cancel.label).toBe('Cancel unstaking and stake 5 OPEN again');
		await sendCall(staker, cancel);
		expect(await getStakingPosition(client, { account: staker })).toMatchObject({ active: parseEther('10'), unbonding: 0n, releaseAt: 0 });
		const nothing = await refusal(staker, cancelUnstake(chainId, { amount: 0n }));
		expect(nothing.kind === 'reverted' && nothing.errorName).toBe('StakingNothingUnbonding');

		// Request, wait the period out, withdraw: the balance comes back less the fee.
		await sendCall(staker, requestUnstake(chainId, { amount: parseEther('4') }));
		await increaseTime(parameters.unbondingPeriod);
		const before = await client.getBalance({ address: staker });
		const withdrawn = await sendCall(staker, withdrawStake(chainId, { amount: parseEther('4') }));
		const fee = withdrawn.gasUsed * withdrawn.effectiveGasPrice;
		expect(await client.getBalance({ address: staker })).toBeGreaterThanOrEqual(before + parseEther('4') - fee - parseEther('0.0001'));
		expect(await getStakingPosition(client, { account: staker })).toMatchObject({ active: parseEther('6'), unbonding: 0n });

		// The staked votes go to another account and back.
		await sendCall(staker, delegateStake(chainId, { delegatee: other }));
		expect((await getStakingPosition(client, { account: staker })).stakeDelegate).toBe(other);
		expect((await getVotingPower(client, { account: other })).votes).toBe(parseEther('6'));
		const back = delegateStake(chainId, { delegatee: staker, self: true });
		expect(back.label).toBe('Delegate your staked votes to yourself');
		// Estimated in the second of the last delegation but mined later, moving the votes back writes fresh vote
		// checkpoints: the limit the page sends (estimate, headroom and extraGas) must cover that.
		const data = encodeFunctionData({ abi: back.abi, functionName: back.functionName, args: back.args });
		const estimate = await client.estimateGas({ account: staker, to: back.address, data });
		await devnet.testClient.increaseTime({ seconds: 5 });
		const { address, abi, functionName, args } = back;
		const gas = (estimate * 150n) / 100n + (back.extraGas ?? 0n);
		const hash = await devnet.wallet.writeContract({ account: staker, address, abi, functionName, args, gas });
		const moved = await client.waitForTransactionReceipt({ hash });
		expect(moved.status).toBe('success');
		expect(moved.gasUsed).toBeGreaterThan((estimate * 150n) / 100n);
		expect((await getStakingPosition(client, { account: staker })).stakeDelegate).toBe(staker);
		const zero = await refusal(staker, delegateStake(chainId, { delegatee: zeroAddress }));
		expect(zero.kind === 'reverted' && zero.errorName).toBe('StakingInvalidAddress');

		// Rewards anyone adds are shared by active stake; the claim pays what claimable showed.
		const total = await client.readContract({ address: devnet.deployments.contracts.Staking.address, abi: stakingAbi, functionName: 'totalStaked' });
		const claimableBefore = (await getStakingPosition(client, { account: staker })).claimable;
		await sendCall(other, { address: devnet.deployments.contracts.Staking.address, abi: stakingAbi, functionName: 'notifyRewards', args: [], value: parseEther('1') });
		const claimable = (await getStakingPosition(client, { account: staker })).claimable;
		const share = (parseEther('1') * parseEther('6')) / total;
		expect(claimable - claimableBefore).toBeGreaterThanOrEqual(share - 1n);
		expect(claimable - claimableBefore).toBeLessThanOrEqual(share);
		const claim = claimStakingRewards(chainId, { amount: claimable });
		expect(claim.functionName).toBe('claim');
		const balanceBefore = await client.getBalance({ address: staker });
		const claimed = await sendCall(staker, claim);
		expect(await client.getBalance({ address: staker })).toBe(balanceBefore + claimable - claimed.gasUsed * claimed.effectiveGasPrice);
		expect((await getStakingPosition(client, { account: staker })).claimable).toBe(0n);
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
