// Log sync against a real anvil with the real contracts: a cold sync in bounded ranges, an incremental one that
// reads only new blocks, and a reorg (anvil's snapshot/revert) that the sync notices and repairs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, createTestClient, createWalletClient, http, type Address, type PublicClient, type TestClient, type WalletClient } from 'viem';
import { startAnvil, type RunningAnvil } from '../../../cli/devnet/anvil.ts';
import { freePort } from '../../../cli/devnet/freePort.ts';
import { deployProtocol } from '../../../cli/deploy/deployProtocol.ts';
import { datanetRegistryAbi } from '../abis.ts';
import type { Deployments } from '../deployments/types.ts';
import { memoryLogStore } from './logStore.ts';
import { syncLogs } from './syncLogs.ts';

let anvil: RunningAnvil;
let client: PublicClient;
let wallet: WalletClient;
let testClient: TestClient<'anvil'>;
let account: Address;
let deployments: Deployments;

beforeAll(async () => {
	anvil = await startAnvil({ port: await freePort() });
	client = createPublicClient({ transport: http(anvil.rpcUrl) });
	wallet = createWalletClient({ transport: http(anvil.rpcUrl) });
	testClient = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) });
	[account] = (await wallet.getAddresses()) as [Address];
	deployments = await deployProtocol({ rpcUrl: anvil.rpcUrl, write: false });
}, 60_000);

afterAll(async () => {
	await anvil?.stop();
});

async function createDatanet(metadataCid: string): Promise<void> {
	const hash = await wallet.writeContract({
		account,
		chain: null,
		address: deployments.contracts.DatanetRegistry.address,
		abi: datanetRegistryAbi,
		functionName: 'createDatanet',
		args: [{ metadataCid, kind: 0, licence: 'CC-BY-4.0', acceptedFormats: ['txt'] }]
	});
	await client.waitForTransactionReceipt({ hash });
}

describe('syncLogs', () => {
	it('syncs cold in bounded ranges, then only new blocks, and repairs a reorg', async () => {
		const store = memoryLogStore();
		const registry = deployments.contracts.DatanetRegistry;
		const ranges: [bigint, bigint][] = [];
		// The real client, watched: each eth_getLogs range is recorded.
		const watched = {
			getBlock: client.getBlock.bind(client),
			getBlockNumber: client.getBlockNumber.bind(client),
			getLogs: ((args: { fromBlock: bigint; toBlock: bigint }) => {
				ranges.push([args.fromBlock, args.toBlock]);
				return client.getLogs(args as Parameters<PublicClient['getLogs']>[0]);
			}) as PublicClient['getLogs']
		};
		const options = {
			client: watched,
			stream: `31337:DatanetRegistry:${registry.address}`,
			address: registry.address,
			abi: datanetRegistryAbi,
			fromBlock: registry.blockNumber,
			store,
			maxRange: 3
		};
		for (const cid of ['bafy-a', 'bafy-b', 'bafy-c']) await createDatanet(cid);

		const cold = await syncLogs(options);
		expect(cold.added).toBe(3);
		// No range is wider than maxRange, and together they cover deployment → head without gaps.
		expect(ranges.every(([from, to]) => to - from + 1n <= 3n)).toBe(true);
		expect(ranges[0]![0]).toBe(BigInt(registry.blockNumber));
		for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1] + 1n);
		expect(ranges.at(-1)![1]).toBe(BigInt(cold.head));
		const cids = async () => (await store.logs(options.stream)).filter((l) => l.eventName === 'DatanetCreated').map((l) => l.args.metadataCid);
		expect(await cids()).toEqual(['bafy-a', 'bafy-b', 'bafy-c']);

		// Incremental: only blocks after the last sync are read.
		const snapshot = await testClient.snapshot();
		await createDatanet('bafy-d');
		await createDatanet('bafy-e');
		ranges.length = 0;
		const warm = await syncLogs(options);
		expect(warm.added).toBe(2);
		expect(ranges[0]![0]).toBe(BigInt(cold.head + 1));
		expect(await cids()).toEqual(['bafy-a', 'bafy-b', 'bafy-c', 'bafy-d', 'bafy-e']);

		// A reorg: the last two blocks are replaced by a different history (one other datanet, and more blocks).
		await testClient.revert({ id: snapshot });
		await createDatanet('bafy-x');
		await testClient.mine({ blocks: 3 });
		const repaired = await syncLogs(options);
		expect(repaired.rewoundTo).toBeDefined();
		expect(repaired.rewoundTo).toBeLessThanOrEqual(cold.head + 1);
		expect(await cids()).toEqual(['bafy-a', 'bafy-b', 'bafy-c', 'bafy-x']);
		// The store holds exactly what the chain says now.
		const onChain = await client.getContractEvents({
			address: registry.address,
			abi: datanetRegistryAbi,
			eventName: 'DatanetCreated',
			fromBlock: BigInt(registry.blockNumber)
		});
		expect(onChain.map((l) => l.args.metadataCid)).toEqual(await cids());
	}, 60_000);
});

describe('syncLogs against a provider that caps responses', () => {
	it('reads a range refused as too large again in halves, missing nothing', async () => {
		const store = memoryLogStore();
		const registry = deployments.contracts.DatanetRegistry;
		const refusedRanges: bigint[] = [];
		// As public RPCs do: more than 2 logs in one response is refused.
		const capped = {
			getBlock: client.getBlock.bind(client),
			getBlockNumber: client.getBlockNumber.bind(client),
			getLogs: (async (args: { fromBlock: bigint; toBlock: bigint }) => {
				const logs = await client.getLogs(args as Parameters<PublicClient['getLogs']>[0]);
				if (logs.length > 2) {
					refusedRanges.push(args.toBlock - args.fromBlock + 1n);
					throw new Error('query returned more than 2 results');
				}
				return logs;
			}) as PublicClient['getLogs']
		};
		const result = await syncLogs({
			client: capped,
			stream: 'capped',
			address: registry.address,
			abi: datanetRegistryAbi,
			fromBlock: registry.blockNumber,
			store,
			maxRange: 10_000
		});
		expect(refusedRanges.length).toBeGreaterThan(0);
		const onChain = await client.getContractEvents({ address: registry.address, abi: datanetRegistryAbi, fromBlock: BigInt(registry.blockNumber) });
		expect((await store.logs('capped')).length).toBe(onChain.length);
		expect(result.added).toBe(onChain.length);
	}, 60_000);
});
