// The fold against the real DatanetRegistry on a real anvil: a datanet, a staked curator, four contributions from
// two accounts, one approval batch of two (out of id order), a rejection with a reason, a proven duplicate and a
// released bond. The registry's logs are synced into a memory store exactly as the page does, folded, and every
// view is compared with what the contract's own view functions say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, http, keccak256, toHex, type Address, type ContractFunctionArgs, type ContractFunctionName, type Hex } from 'viem';
import { attributionLedgerAbi, datanetRegistryAbi, stakingAbi } from '../../chain/abis.ts';
import { memoryLogStore } from '../../chain/sync/logStore.ts';
import { syncLogs } from '../../chain/sync/syncLogs.ts';
import {
	buildDatanetState,
	contributionsBy,
	curatorOf,
	datanetById,
	leaderboard,
	type ContributionStatus
} from './datanetState.ts';
import { startProtocolDevnet, type ProtocolDevnet } from './protocolDevnet.testing.ts';

let devnet: ProtocolDevnet;

beforeAll(async () => {
	devnet = await startProtocolDevnet();
}, 120_000);

afterAll(async () => {
	await devnet?.anvil.stop();
});

type RegistryAbi = typeof datanetRegistryAbi;
type RegistryWrite = ContractFunctionName<RegistryAbi, 'nonpayable' | 'payable'>;
type RegistryArgs<fn extends RegistryWrite> = ContractFunctionArgs<RegistryAbi, 'nonpayable' | 'payable', fn>;
type RegistryRead = ContractFunctionName<RegistryAbi, 'view'>;
type RegistryReadArgs<fn extends RegistryRead> = ContractFunctionArgs<RegistryAbi, 'view', fn>;

// IDatanetRegistry.ContributionStatus: None, Pending, Approved, Rejected, Duplicate, Withdrawn.
const STATUS_CODES: Record<ContributionStatus, number> = { pending: 1, approved: 2, rejected: 3, duplicate: 4, withdrawn: 5 };

describe('buildDatanetState against DatanetRegistry on anvil', () => {
	it('rebuilds from synced logs exactly what the contract reports', async () => {
		const { publicClient, accounts, deployments, parameters, send, increaseTime } = devnet;
		const [owner, curator, alice, bob, prover] = accounts as [Address, Address, Address, Address, Address];
		const registry = deployments.contracts.DatanetRegistry;
		const ledger = deployments.contracts.AttributionLedger;
		const call = <fn extends RegistryWrite>(functionName: fn, args: RegistryArgs<fn>, from = owner, value?: bigint) =>
			send(from, registry.address, datanetRegistryAbi, functionName, args, value);
		const read = <fn extends RegistryRead>(functionName: fn, args: RegistryReadArgs<fn>) =>
			publicClient.readContract<RegistryAbi, fn, RegistryReadArgs<fn>>({ address: registry.address, abi: datanetRegistryAbi, functionName, args });

		await call('createDatanet', [
			{ metadataCid: 'bafy-meta', kind: 0, licence: 'CC-BY-4.0', acceptedFormats: ['txt', 'jsonl'] }
		]);
		await send(curator, deployments.contracts.Staking.address, stakingAbi, 'stake', [], parameters.minCuratorStake);
		await call('setCurator', [1n, curator, true]);
		const contribution = (label: string, byteSize: bigint) => ({
			contentCid: `bafy-${label}`,
			contentHash: keccak256(toHex(`records ${label}`)),
			byteSize,
			tokenCount: byteSize / 4n,
			recordCount: 2n
		});
		const bond = parameters.contributionBond;
		await call('contribute', [1n, contribution('a', 1200n)], alice, bond); // 1
		await call('contribute', [1n, contribution('b', 800n)], bob, bond); // 2
		await call('contribute', [1n, contribution('c', 400n)], alice, bond); // 3
		// 4 copies 1's records, sent before 1 was accepted (afterwards the registry would refuse it).
		await call('contribute', [1n, { ...contribution('a', 1200n), contentCid: 'bafy-copy' }], bob, bond);
		await send(curator, registry.address, datanetRegistryAbi, 'approve', [1n, [3n, 1n], 'bafy-manifest-v1']);
		await send(curator, registry.address, datanetRegistryAbi, 'reject', [1n, [2n], 'Off topic: not clinical notes.']);
		await send(prover, registry.address, datanetRegistryAbi, 'proveDuplicate', [4n, 1n]);
		await increaseTime(parameters.bondReleaseDelay + 1);
		await send(prover, registry.address, datanetRegistryAbi, 'releaseBonds', [[1n]]);

		const store = memoryLogStore();
		// syncLogs is typed for a chain-less client; the devnet chain's OP Stack formatters give getBlock another type.
		const client = createPublicClient({ transport: http(devnet.anvil.rpcUrl) });
		const stream = (name: string, address: Address) => `31337:${name}:${address}`;
		await syncLogs({
			client,
			stream: stream('DatanetRegistry', registry.address),
			address: registry.address,
			abi: datanetRegistryAbi,
			fromBlock: registry.blockNumber,
			store
		});
		await syncLogs({
			client,
			stream: stream('AttributionLedger', ledger.address),
			address: ledger.address,
			abi: attributionLedgerAbi,
			fromBlock: ledger.blockNumber,
			store
		});
		const state = buildDatanetState(
			await store.logs(stream('DatanetRegistry', registry.address)),
			await store.logs(stream('AttributionLedger', ledger.address))
		);

		const view = datanetById(state, '1')!;
		const onChain = await read('datanet', [1n]);
		expect({
			owner: view.owner,
			kind: view.kind,
			versionCount: view.versions.length,
			acceptedCount: view.acceptedCount,
			acceptedBytes: view.acceptedBytes
		}).toEqual(onChain);
		expect(onChain.acceptedCount).toBe(2);
		expect(view).toMatchObject({
			metadataCid: 'bafy-meta',
			licence: 'CC-BY-4.0',
			acceptedFormats: ['txt', 'jsonl'],
			curators: [curator],
			contributionIds: ['1', '2', '3', '4'],
			pendingCount: 0,
			rejectedCount: 1,
			duplicateCount: 1,
			acceptedTokens: 400n,
			acceptedRecords: 4n,
			contributorCount: 2
		});
		expect(curatorOf(state, '1', curator)).toBe(await read('isCurator', [1n, curator]));
		expect(curatorOf(state, '1', alice)).toBe(await read('isCurator', [1n, alice]));

		const version = await read('version', [1n, 1]);
		const v1 = view.latestVersion!;
		expect({ root: v1.root, acceptedCount: v1.acceptedCount, acceptedBytes: v1.acceptedBytes }).toEqual({
			root: version.root,
			acceptedCount: version.acceptedCount,
			acceptedBytes: version.acceptedBytes
		});
		expect(v1.root).toBe(await read('currentRoot', [1n]));
		expect(v1).toMatchObject({ version: 1, manifestCid: 'bafy-manifest-v1', contributionIds: ['3', '1'] });

		for (const id of view.contributionIds) {
			const c = state.contributions.get(id)!;
			const chainC = await read('contribution', [BigInt(id)]);
			expect(
				{
					contributor: c.contributor,
					datanetId: BigInt(c.datanetId),
					acceptedSeq: c.acceptedSeq ?? 0,
					contentHash: c.contentHash,
					bond: c.bond,
					byteSize: c.byteSize,
					status: STATUS_CODES[c.status]
				},
				`contribution ${id}`
			).toEqual({
				contributor: chainC.contributor,
				datanetId: chainC.datanetId,
				acceptedSeq: chainC.acceptedSeq,
				contentHash: chainC.contentHash,
				bond: chainC.bond,
				byteSize: chainC.byteSize,
				status: chainC.status
			});
		}
		const contributions = state.contributions;
		expect(contributions.get('1')).toMatchObject({ curator, bondReleased: true, bondPosted: bond });
		expect(contributions.get('2')).toMatchObject({ curator, reason: 'Off topic: not clinical notes.', slashed: bond });
		expect(contributions.get('4')).toMatchObject({
			duplicateOf: '1',
			prover,
			bounty: (bond * BigInt(parameters.duplicateBountyBps)) / 10_000n,
			slashed: bond,
			contentCid: 'bafy-copy'
		});

		expect(
			leaderboard(state, '1').map((e) => [e.contributor, e.submitted, e.accepted, e.acceptanceRate, e.acceptedBytes])
		).toEqual([
			[alice, 2, 2, 1, 1600n],
			[bob, 2, 0, 0, 0n]
		]);
		expect(contributionsBy(state, bob).map((c) => c.status)).toEqual(['rejected', 'duplicate']);
	});
});
