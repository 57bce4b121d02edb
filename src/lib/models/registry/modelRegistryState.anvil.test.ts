// The registry fold against the real ModelRegistry on a real anvil: two datanets with published versions, a model
// registered through the typed action with the registration fee, a second adapter version on two datanets, a fee
// change, a new model card, a transfer, and a second model retired. The registry's logs are synced into a memory
// store exactly as the page does, folded, and each model compared with what the contract's own views say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, http, keccak256, toHex, type Address } from 'viem';
import { datanetRegistryAbi, modelRegistryAbi, stakingAbi } from '../../chain/abis.ts';
import { getModel } from '../../chain/actions/getModel.ts';
import { getModelTrainingSet } from '../../chain/actions/getModelTrainingSet.ts';
import { publishAdapter, type AdapterRelease } from '../../chain/actions/publishAdapter.ts';
import { registerModel } from '../../chain/actions/registerModel.ts';
import { memoryLogStore } from '../../chain/sync/logStore.ts';
import { syncLogs } from '../../chain/sync/syncLogs.ts';
import { startProtocolDevnet, type ProtocolDevnet } from '../../datanets/state/protocolDevnet.testing.ts';
import { buildModelRegistryState, registeredModelById } from './modelRegistryState.ts';

let devnet: ProtocolDevnet;
const chainId = 31337;

beforeAll(async () => {
	devnet = await startProtocolDevnet();
}, 120_000);

afterAll(async () => {
	await devnet?.anvil.stop();
});

describe('buildModelRegistryState against ModelRegistry on anvil', () => {
	it('rebuilds from synced logs what the contract reports', async () => {
		const { publicClient, accounts, deployments, parameters, send, sendCall } = devnet;
		const [owner, curator, contributor, buyer] = accounts as [Address, Address, Address, Address];
		const datanets = deployments.contracts.DatanetRegistry.address;
		const models = deployments.contracts.ModelRegistry;

		// Datanet 1 gets versions 1 and 2, datanet 2 version 1: one accepted contribution each.
		await send(curator, deployments.contracts.Staking.address, stakingAbi, 'stake', [], parameters.minCuratorStake);
		let contributionId = 0n;
		for (const datanetId of [1n, 2n]) {
			await send(owner, datanets, datanetRegistryAbi, 'createDatanet', [
				{ metadataCid: `bafy-meta-${datanetId}`, kind: 0, licence: 'CC0-1.0', acceptedFormats: [] }
			]);
			await send(owner, datanets, datanetRegistryAbi, 'setCurator', [datanetId, curator, true]);
		}
		for (const datanetId of [1n, 1n, 2n]) {
			const content = {
				contentCid: `bafy-c${++contributionId}`,
				contentHash: keccak256(toHex(`c${contributionId}`)),
				byteSize: 100n * contributionId,
				tokenCount: 1n,
				recordCount: 1n
			};
			await send(
				contributor,
				datanets,
				datanetRegistryAbi,
				'contribute',
				[datanetId, content],
				parameters.contributionBond
			);
			await send(curator, datanets, datanetRegistryAbi, 'approve', [
				datanetId,
				[contributionId],
				`bafy-manifest-${contributionId}`
			]);
		}

		const release = (label: string, trainedOn: AdapterRelease['trainedOn']): AdapterRelease => ({
			adapterCid: `bafy-adapter-${label}`,
			adapterHash: keccak256(toHex(`adapter ${label}`)),
			trainedOn,
			attributionIndexCid: `bafy-index-${label}`,
			gradientSketchCid: `bafy-sketch-${label}`,
			trainingConfigCid: `bafy-config-${label}`
		});
		const registration = (name: string, adapter: AdapterRelease) =>
			registerModel(chainId, {
				name,
				baseModelId: 'provena/provena-tiny',
				baseModelCid: '',
				metadataCid: `bafy-card-${name}`,
				inferenceFee: parameters.minInferenceFee,
				adapter,
				registrationFee: parameters.modelRegistrationFee
			});
		await sendCall(owner, registration('first', release('1a', [{ datanetId: 1n, version: 1 }])));
		await sendCall(
			owner,
			publishAdapter(chainId, {
				modelId: 1n,
				adapter: release('1b', [
					{ datanetId: 2n, version: 1 },
					{ datanetId: 1n, version: 2 }
				]),
				nextVersion: 2
			})
		);
		await send(owner, models.address, modelRegistryAbi, 'setInferenceFee', [1n, parameters.minInferenceFee * 3n]);
		await send(owner, models.address, modelRegistryAbi, 'setMetadata', [1n, 'bafy-card-first-b']);
		await send(owner, models.address, modelRegistryAbi, 'transferModelOwnership', [1n, buyer]);
		await sendCall(buyer, registration('second', release('2a', [{ datanetId: 2n, version: 1 }])));
		await send(buyer, models.address, modelRegistryAbi, 'retire', [2n]);

		const store = memoryLogStore();
		const stream = `31337:ModelRegistry:${models.address}`;
		// syncLogs is typed for a chain-less client; the devnet chain's OP Stack formatters give getBlock another type.
		const client = createPublicClient({ transport: http(devnet.anvil.rpcUrl) });
		await syncLogs({
			client,
			stream,
			address: models.address,
			abi: modelRegistryAbi,
			fromBlock: models.blockNumber,
			store
		});
		const logs = await store.logs(stream);
		// Struct arguments are stored without bigints too, so the logs serialise as JSON.
		expect(() => JSON.stringify(logs)).not.toThrow();
		const state = buildModelRegistryState(logs);
		expect(state.models.map((m) => m.id)).toEqual(['1', '2']);

		for (const view of state.models) {
			const onChain = await getModel(publicClient, { modelId: BigInt(view.id) });
			expect(
				{
					owner: view.owner,
					adapterVersion: view.currentAdapter?.version,
					retired: view.retired,
					inferenceFee: view.inferenceFee
				},
				`model ${view.id}`
			).toEqual({
				owner: onChain.owner,
				adapterVersion: onChain.adapterVersion,
				retired: onChain.retired,
				inferenceFee: onChain.inferenceFee
			});
			for (const version of view.adapterVersions) {
				const set = await getModelTrainingSet(publicClient, {
					modelId: BigInt(view.id),
					adapterVersion: version.version
				});
				expect(version.trainingBytes, `model ${view.id} v${version.version}`).toBe(set.trainingBytes);
				expect(version.trainedOn).toEqual(
					set.trainedOn.map((t) => ({ datanetId: String(t.datanetId), version: t.version }))
				);
			}
		}
		const first = registeredModelById(state, '1')!;
		expect(first).toMatchObject({
			owner: buyer,
			metadataCid: 'bafy-card-first-b',
			baseModelId: 'provena/provena-tiny'
		});
		expect(first.currentAdapter).toMatchObject({
			adapterCid: 'bafy-adapter-1b',
			adapterHash: keccak256(toHex('adapter 1b')),
			trainedOn: [
				{ datanetId: '2', version: 1 },
				{ datanetId: '1', version: 2 }
			],
			gradientSketchCid: 'bafy-sketch-1b'
		});
		// Datanet 1 v2 holds contributions 1 and 2 (100 + 200 bytes), datanet 2 v1 holds 3 (300 bytes).
		expect(first.currentAdapter?.trainingBytes).toBe(600n);
		expect(registeredModelById(state, '2')).toMatchObject({ owner: buyer, retired: true });
	});
});
