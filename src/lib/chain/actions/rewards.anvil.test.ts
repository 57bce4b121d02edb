// The Rewards page's actions against the real contracts on a real anvil: a contributor's contribution is approved
// into a datanet version, a model is registered on it, a pooled answer (no contribution named) fills the version's
// pool, read with getPooledReward and settled in one settlePooledRewards call; an attributed answer is recorded and
// finalised after the challenge window; the contributor claims exactly the claimable balance; the model owner's
// share waits in their claimable balance; and the ledger's synced events give the page's earnings back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, http, keccak256, parseEventLogs, toHex, type Address } from 'viem';
import { startProtocolDevnet, type ProtocolDevnet } from '../../datanets/state/protocolDevnet.testing.ts';
import { contributionEarningsOf, earningsSeriesOf } from '../../rewards/contributorEarnings.ts';
import { claimHistoryOf, ledgerEventsOf } from '../../rewards/ledgerEvents.ts';
import { ownerEarningsOf } from '../../rewards/ownerEarnings.ts';
import { attributionLedgerAbi } from '../abis.ts';
import { assertionOf } from '../attribution/assertionOf.ts';
import { memoryLogStore } from '../sync/logStore.ts';
import { syncLogs } from '../sync/syncLogs.ts';
import { approveContributions } from './approveContributions.ts';
import { claimLedgerCredit } from './claimLedgerCredit.ts';
import { contribute } from './contribute.ts';
import { createDatanet, createdDatanetId } from './createDatanet.ts';
import { getClaimable } from './getClaimable.ts';
import { getContributionBond } from './getContributionBond.ts';
import { getMinInferenceFee } from './getMinInferenceFee.ts';
import { getModelRegistrationFee } from './getModelRegistrationFee.ts';
import { getPooledReward } from './getPooledReward.ts';
import { registerModel, registeredModelId } from './registerModel.ts';
import { setCurator } from './setCurator.ts';
import { settlePooledRewards } from './settlePooledRewards.ts';
import { stake } from './stake.ts';

let devnet: ProtocolDevnet;
let curator: Address;
let contributor: Address;
let modelOwner: Address;
let payer: Address;
const chainId = 31337;

beforeAll(async () => {
	devnet = await startProtocolDevnet();
	[curator, contributor, modelOwner, payer] = devnet.accounts.slice(4, 8) as [Address, Address, Address, Address];
}, 120_000);

afterAll(async () => {
	await devnet?.anvil.stop();
});

describe('rewards actions on anvil', () => {
	it('settle a pool in one call, finalise an attributed answer, claim exactly the claimable balance', async () => {
		const { publicClient: client, sendCall, send, increaseTime, parameters, deployments } = devnet;
		const ledger = deployments.contracts.AttributionLedger.address;

		// A datanet with one approved contribution of `contributor`, and a model trained on its first version.
		await sendCall(curator, stake(chainId, { amount: parameters.minCuratorStake }));
		const created = await sendCall(
			curator,
			createDatanet(chainId, {
				name: 'Notes',
				metadataCid: 'bafy-notes',
				kind: 0,
				licence: 'CC0-1.0',
				acceptedFormats: []
			})
		);
		const datanetId = createdDatanetId(created.logs)!;
		await sendCall(curator, setCurator(chainId, { datanetId, curator, appointed: true, self: true }));
		const bond = await getContributionBond(client);
		await sendCall(
			contributor,
			contribute(chainId, {
				datanetId,
				contentCid: 'bafy-c',
				contentHash: keccak256(toHex('c')),
				byteSize: 100,
				tokenCount: 10,
				recordCount: 1,
				bond
			})
		);
		await sendCall(
			curator,
			approveContributions(chainId, { datanetId, contributionIds: [1n], manifestCid: 'bafy-v1', nextVersion: 1 })
		);
		const registered = await sendCall(
			modelOwner,
			registerModel(chainId, {
				name: 'Notes model',
				baseModelId: 'provena/provena-tiny',
				baseModelCid: '',
				metadataCid: 'bafy-card',
				inferenceFee: await getMinInferenceFee(client),
				adapter: {
					adapterCid: 'bafy-adapter',
					adapterHash: keccak256(toHex('adapter')),
					trainedOn: [{ datanetId, version: 1 }],
					attributionIndexCid: '',
					gradientSketchCid: '',
					trainingConfigCid: ''
				},
				registrationFee: await getModelRegistrationFee(client)
			})
		);
		const modelId = registeredModelId(registered.logs)!;

		const answer = (contributionIds: bigint[], round: number) => ({
			modelId,
			adapterVersion: 1,
			contributionIds,
			weights: contributionIds.map(() => 10n),
			totalWeight: BigInt(contributionIds.length * 10),
			outputCommitment: keccak256(toHex(`answer ${round}`)),
			evidenceCid: 'bafy-evidence'
		});
		const recordAnswer = async (contributionIds: bigint[], round: number) => {
			const a = answer(contributionIds, round);
			const [fee, bond] = await client.readContract({
				address: ledger,
				abi: attributionLedgerAbi,
				functionName: 'paymentFor',
				args: [a]
			});
			const receipt = await send(payer, ledger, attributionLedgerAbi, 'recordInference', [a], fee + bond);
			return parseEventLogs({ abi: attributionLedgerAbi, eventName: 'InferenceRecorded', logs: receipt.logs })[0]!.args;
		};

		// A pooled answer: the data share goes to the version's pool, which owes it all to the only contribution.
		const pooled = await recordAnswer([], 1);
		expect(assertionOf(pooled)).toBeUndefined();
		const owed = await getPooledReward(client, { modelId, adapterVersion: 1, contributionId: 1n });
		expect(owed).toBeGreaterThan(0n);
		expect(owed).toBeLessThanOrEqual(pooled.amounts.data);
		const before = await getClaimable(client, { account: contributor });
		const settle = settlePooledRewards(chainId, { modelId, adapterVersion: 1, contributionIds: [1n], amount: owed });
		expect(settle).toMatchObject({ functionName: 'settlePooledRewards', args: [modelId, 1, [1n]] });
		expect(settle.label).toMatch(/^Settle .* OPEN of pooled rewards \(model #\d+, adapter v1, 1 contribution\)$/);
		// Anyone may settle: the model owner sends it, the contributor is credited.
		await sendCall(modelOwner, settle);
		expect(await getClaimable(client, { account: contributor })).toBe(before + owed);
		expect(await getPooledReward(client, { modelId, adapterVersion: 1, contributionId: 1n })).toBe(0n);

		// An attributed answer pays after the challenge window, when finalised.
		const attributed = await recordAnswer([1n], 2);
		await increaseTime(parameters.challengeWindow + 1);
		await send(payer, ledger, attributionLedgerAbi, 'finalize', [[attributed.recordId], [assertionOf(attributed)!]]);
		const claimable = await getClaimable(client, { account: contributor });
		expect(claimable).toBe(before + owed + attributed.amounts.data);

		// The model owner's share of both answers waits in their own claimable balance.
		expect(await getClaimable(client, { account: modelOwner })).toBe(
			pooled.amounts.modelOwner + attributed.amounts.modelOwner
		);

		// Claim: the wallet gains exactly the claimable balance less the gas paid.
		const balance = await client.getBalance({ address: contributor });
		const claim = claimLedgerCredit(chainId, { amount: claimable });
		expect(claim).toMatchObject({ functionName: 'claim', args: [] });
		const receipt = await sendCall(contributor, claim);
		const gas = receipt.gasUsed * receipt.effectiveGasPrice;
		expect(await client.getBalance({ address: contributor })).toBe(balance + claimable - gas);
		expect(await getClaimable(client, { account: contributor })).toBe(0n);

		// The page's view of the same history, from the ledger's synced events.
		const store = memoryLogStore();
		const stream = `${chainId}:AttributionLedger:${ledger}`;
		await syncLogs({
			// syncLogs is typed for a chain-less client; the devnet chain's OP Stack formatters give getBlock another type.
			client: createPublicClient({ transport: http(devnet.anvil.rpcUrl) }),
			store,
			stream,
			address: ledger,
			abi: attributionLedgerAbi,
			fromBlock: deployments.contracts.AttributionLedger.blockNumber
		});
		const events = ledgerEventsOf(await store.logs(stream));
		expect(contributionEarningsOf(events, contributor, () => String(datanetId))).toEqual([
			{
				contributionId: '1',
				datanetId: String(datanetId),
				attributed: attributed.amounts.data,
				pooled: owed,
				total: owed + attributed.amounts.data,
				credits: 2
			}
		]);
		expect(earningsSeriesOf(events, contributor).at(-1)?.total).toBe(owed + attributed.amounts.data);
		expect(ownerEarningsOf(events, [{ id: String(modelId), owner: modelOwner }], modelOwner)).toEqual([
			{
				modelId: String(modelId),
				answers: 2,
				earned: pooled.amounts.modelOwner + attributed.amounts.modelOwner,
				fees: pooled.fee + attributed.fee
			}
		]);
		expect(claimHistoryOf(events, contributor)).toMatchObject([
			{ amount: claimable, transactionHash: receipt.transactionHash }
		]);
	});
});
