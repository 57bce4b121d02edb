// The manifest the page builds before approving must name exactly the version the contract then publishes: the
// same contributions in the same order and the same Merkle root. Checked against DatanetRegistry on a real anvil
// over two approval batches, the second out of id order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, http, keccak256, toHex, type Address, type ContractFunctionArgs, type ContractFunctionName, type Hex } from 'viem';
import { datanetRegistryAbi, stakingAbi } from '../../chain/abis.ts';
import { memoryLogStore } from '../../chain/sync/logStore.ts';
import { syncLogs } from '../../chain/sync/syncLogs.ts';
import { buildDatanetState, datanetById } from '../state/datanetState.ts';
import { startProtocolDevnet, type ProtocolDevnet } from '../state/protocolDevnet.testing.ts';
import { nextVersionManifest } from './nextVersionManifest.ts';

let devnet: ProtocolDevnet;
beforeAll(async () => {
	devnet = await startProtocolDevnet();
}, 120_000);
afterAll(async () => {
	await devnet?.anvil.stop();
});

describe('nextVersionManifest against DatanetRegistry', () => {
	it('predicts the root, order and size of each version approve publishes', async () => {
		const { publicClient, accounts, deployments, parameters, send } = devnet;
		const [owner, curator, alice, bob] = accounts as [Address, Address, Address, Address];
		const registry = deployments.contracts.DatanetRegistry;
		type RegistryWrite = ContractFunctionName<typeof datanetRegistryAbi, 'nonpayable' | 'payable'>;
		const call = <fn extends RegistryWrite>(
			functionName: fn,
			args: ContractFunctionArgs<typeof datanetRegistryAbi, 'nonpayable' | 'payable', fn>,
			from: Address,
			value?: bigint
		) => send(from, registry.address, datanetRegistryAbi, functionName, args, value);
		await send(curator, deployments.contracts.Staking.address, stakingAbi, 'stake', [], parameters.minCuratorStake);
		await call(
			'createDatanet',
			[{ metadataCid: 'bafy-meta', kind: 0, licence: 'CC0-1.0', acceptedFormats: [] }],
			owner
		);
		await call('setCurator', [1n, curator, true], owner);
		for (const [i, from] of [alice, bob, alice, bob].entries()) {
			const contentHash: Hex = keccak256(toHex(`records ${i}`));
			await call(
				'contribute',
				[1n, { contentCid: `bafy-${i}`, contentHash, byteSize: BigInt(1000 + i), tokenCount: 10n, recordCount: 2n }],
				from,
				parameters.contributionBond
			);
		}
		// A chain-less client, as the page's sync takes it.
		const client = createPublicClient({ transport: http(devnet.anvil.rpcUrl) });
		const store = memoryLogStore();
		const stateNow = async () => {
			await syncLogs({
				client,
				stream: 'registry',
				address: registry.address,
				abi: datanetRegistryAbi,
				fromBlock: registry.blockNumber,
				store
			});
			return buildDatanetState(await store.logs('registry'));
		};

		for (const batch of [['2'], ['4', '1']]) {
			const state = await stateNow();
			const manifest = nextVersionManifest({
				chainId: 31337,
				registry: registry.address,
				datanet: datanetById(state, '1')!,
				state,
				approve: batch
			});
			await call('approve', [1n, batch.map(BigInt), 'bafy-manifest'], curator);
			const version = (await publicClient.readContract({
				address: registry.address,
				abi: datanetRegistryAbi,
				functionName: 'version',
				args: [1n, manifest.version]
			}));
			expect(manifest.root).toBe(version.root);
			expect(manifest.acceptedCount).toBe(version.acceptedCount);
			expect(manifest.acceptedBytes).toBe(version.acceptedBytes.toString());
		}
		const finalState = await stateNow();
		const last = datanetById(finalState, '1')!.latestVersion!;
		expect(last.contributionIds).toEqual(['2', '4', '1']);

		const predict = (approve: string[]) => () =>
			nextVersionManifest({
				chainId: 31337,
				registry: registry.address,
				datanet: datanetById(finalState, '1')!,
				state: finalState,
				approve
			});
		expect(predict(['1'])).toThrow('Contribution #1 is approved, not pending');
		expect(predict(['9'])).toThrow('not in datanet #1');
	}, 120_000);
});
