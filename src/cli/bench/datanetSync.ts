// Bench suite `datanet-sync`: how long the page takes to rebuild a datanet's contributions from chain events, for
// 10 000 ContributionSubmitted events on a real anvil, from a cold cache and from a warm one (a reload with
// nothing new). It drives the page's own syncLogs over a memory store; IndexedDB adds its write cost in the browser.
import { createPublicClient, createTestClient, createWalletClient, encodeFunctionData, http, keccak256, toHex, type Address, type Hex } from 'viem';
import { datanetRegistryAbi } from '../../lib/chain/abis.ts';
import { memoryLogStore } from '../../lib/chain/sync/logStore.ts';
import { syncLogs } from '../../lib/chain/sync/syncLogs.ts';
import { deployProtocol } from '../deploy/deployProtocol.ts';
import { devnetSettings } from '../deploy/protocolSettings.ts';
import { startAnvil } from '../devnet/anvil.ts';
import { freePort } from '../devnet/freePort.ts';
import type { BenchSuite } from './types.ts';

const EVENTS = Number(process.env.PROVENA_BENCH_SYNC_EVENTS ?? 10_000);

export const datanetSync: BenchSuite = {
	title: `Datanet sync: ${EVENTS.toLocaleString('en-US')} contribution events from chain logs, cold and warm cache`,
	async run(log) {
		const anvil = await startAnvil({ port: await freePort() });
		try {
			const client = createPublicClient({ transport: http(anvil.rpcUrl) });
			const testClient = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) });
			const wallet = createWalletClient({ transport: http(anvil.rpcUrl) });
			const [account] = (await wallet.getAddresses()) as [Address];
			const deployments = await deployProtocol({ rpcUrl: anvil.rpcUrl, write: false });
			const registry = deployments.contracts.DatanetRegistry.address;
			const send = (data: Hex, value = 0n) => wallet.sendTransaction({ account, chain: null, to: registry, data, value, gas: 300_000n });
			await client.waitForTransactionReceipt({
				hash: await send(
					encodeFunctionData({
						abi: datanetRegistryAbi,
						functionName: 'createDatanet',
						args: [{ metadataCid: 'bafy-bench', kind: 0, licence: 'CC0-1.0', acceptedFormats: ['txt'] }]
					})
				)
			});
			// Many contributions per block, as a busy datanet would see: automine off, mine every 200 transactions.
			log(`submitting ${EVENTS} contributions…`);
			await testClient.setAutomine(false);
			const bond = devnetSettings.parameters.contributionBond;
			let last: Hex | undefined;
			for (let i = 0; i < EVENTS; i++) {
				const input = { contentCid: `bafy-${i}`, contentHash: keccak256(toHex(i)), byteSize: 1000n, tokenCount: 250n, recordCount: 4n };
				last = await send(encodeFunctionData({ abi: datanetRegistryAbi, functionName: 'contribute', args: [1n, input] }), bond);
				if (i % 200 === 199) await testClient.mine({ blocks: 1 });
			}
			await testClient.setAutomine(true);
			await testClient.mine({ blocks: 1 });
			await client.waitForTransactionReceipt({ hash: last! });

			const store = memoryLogStore();
			const options = {
				client,
				stream: `bench:${registry}`,
				address: registry,
				abi: datanetRegistryAbi,
				fromBlock: deployments.contracts.DatanetRegistry.blockNumber,
				store
			};
			let started = performance.now();
			const cold = await syncLogs(options);
			const coldMs = performance.now() - started;
			const submitted = (await store.logs(options.stream)).filter((l) => l.eventName === 'ContributionSubmitted').length;
			started = performance.now();
			const warm = await syncLogs(options);
			const warmMs = performance.now() - started;
			return {
				suite: 'datanet-sync',
				title: this.title,
				environment: `anvil (local), ${cold.head} blocks, eth_getLogs ranges of 2000 blocks, memory log store`,
				rows: [
					{ name: 'contribution events synced', value: submitted, unit: 'events' },
					{ name: 'cold sync (empty cache)', value: coldMs, unit: 'ms', details: { added: cold.added } },
					{ name: 'cold sync per 1000 events', value: (coldMs * 1000) / Math.max(1, submitted), unit: 'ms' },
					{ name: 'warm sync (nothing new)', value: warmMs, unit: 'ms', details: { added: warm.added } },
					{ name: 'warm / cold', value: warmMs / coldMs, unit: '×' }
				]
			};
		} finally {
			await anvil.stop();
		}
	}
};
