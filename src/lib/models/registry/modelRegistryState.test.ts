// The registry fold over hand-built logs shaped as syncLogs stores them: registration with its first adapter, a
// second adapter version, a fee change, a new model card, a transfer, a retirement, events about unknown models,
// logs in any order, and a malformed log refused.
import { describe, expect, it } from 'vitest';
import { keccak256, toHex } from 'viem';
import { MalformedLogError } from '../../chain/sync/storedLogArgs.ts';
import { ALICE, BOB, logChain, type LogChain } from '../../datanets/state/storedLogs.testing.ts';
import { buildModelRegistryState, registeredModelById } from './modelRegistryState.ts';

const hashOf = (label: string) => keccak256(toHex(`adapter ${label}`));

function register(
	chain: LogChain,
	modelId: number,
	owner: string,
	options: { baseModelId?: string; baseModelCid?: string } = {}
) {
	chain.block();
	chain.emit('ModelRegistered', {
		modelId: String(modelId),
		owner,
		baseModelId: options.baseModelId ?? 'provena/provena-tiny',
		baseModelCid: options.baseModelCid ?? '',
		metadataCid: `bafy-card-${modelId}`,
		inferenceFee: '1000000000000000'
	});
}

function publish(
	chain: LogChain,
	modelId: number,
	version: number,
	trainedOn: { datanetId: string; version: number }[]
) {
	chain.emit('AdapterPublished', {
		modelId: String(modelId),
		adapterVersion: version,
		adapter: {
			adapterCid: `bafy-adapter-${modelId}-${version}`,
			adapterHash: hashOf(`${modelId}-${version}`),
			trainedOn,
			attributionIndexCid: `bafy-index-${modelId}-${version}`,
			gradientSketchCid: '',
			trainingConfigCid: `bafy-config-${modelId}-${version}`
		},
		trainingBytes: String(1000 * version)
	});
}

/**
 * Model 1 (ALICE): v1 on datanet 1 v1, v2 on datanets 1 v2 and 2 v1; fee raised; new card; given to BOB.
 * Model 2 (BOB): base by CID only, v1 on datanet 2 v1, then retired.
 */
function scenario() {
	const chain = logChain();
	register(chain, 1, ALICE);
	publish(chain, 1, 1, [{ datanetId: '1', version: 1 }]);
	register(chain, 2, BOB, { baseModelId: '', baseModelCid: 'bafy-base' });
	publish(chain, 2, 1, [{ datanetId: '2', version: 1 }]);
	chain.block();
	publish(chain, 1, 2, [
		{ datanetId: '1', version: 2 },
		{ datanetId: '2', version: 1 }
	]);
	const v2 = { block: chain.blockNumber, tx: chain.transactionHash };
	chain.block();
	chain.emit('InferenceFeeSet', { modelId: '1', oldFee: '1000000000000000', newFee: '3000000000000000' });
	chain.emit('ModelMetadataChanged', { modelId: '1', metadataCid: 'bafy-card-1b' });
	chain.block();
	chain.emit('ModelOwnershipTransferred', { modelId: '1', previousOwner: ALICE, newOwner: BOB });
	chain.emit('ModelRetired', { modelId: '2' });
	// Events about a model the logs never registered: skipped.
	chain.emit('ModelRetired', { modelId: '9' });
	publish(chain, 9, 1, [{ datanetId: '1', version: 1 }]);
	return { chain, v2 };
}

describe('buildModelRegistryState', () => {
	it('folds every registry event into each model', () => {
		const { chain, v2 } = scenario();
		const state = buildModelRegistryState(chain.logs);
		expect(state.models.map((m) => m.id)).toEqual(['1', '2']);

		const first = registeredModelById(state, '1')!;
		expect(first).toMatchObject({
			owner: BOB,
			baseModelId: 'provena/provena-tiny',
			baseModelCid: '',
			metadataCid: 'bafy-card-1b',
			inferenceFee: 3_000_000_000_000_000n,
			retired: false,
			registeredBlock: 11
		});
		expect(first.adapterVersions.map((v) => v.version)).toEqual([1, 2]);
		expect(first.currentAdapter).toEqual({
			version: 2,
			adapterCid: 'bafy-adapter-1-2',
			adapterHash: hashOf('1-2'),
			trainedOn: [
				{ datanetId: '1', version: 2 },
				{ datanetId: '2', version: 1 }
			],
			attributionIndexCid: 'bafy-index-1-2',
			gradientSketchCid: '',
			trainingConfigCid: 'bafy-config-1-2',
			trainingBytes: 2000n,
			blockNumber: v2.block,
			transactionHash: v2.tx
		});

		const second = registeredModelById(state, '2')!;
		expect(second).toMatchObject({ owner: BOB, baseModelId: '', baseModelCid: 'bafy-base', retired: true });
		expect(second.currentAdapter?.trainedOn).toEqual([{ datanetId: '2', version: 1 }]);
		expect(registeredModelById(state, '9')).toBeUndefined();
	});

	it('reads nested ids whether stored as decimal strings or bigints (logs stored before the sync converted them)', () => {
		const chain = logChain();
		register(chain, 1, ALICE);
		publish(chain, 1, 1, [{ datanetId: '1', version: 1 }]);
		const stored = structuredClone(chain.logs);
		(stored[1]!.args.adapter as { trainedOn: { datanetId: unknown }[] }).trainedOn[0]!.datanetId = 1n;
		expect(buildModelRegistryState(stored)).toEqual(buildModelRegistryState(chain.logs));
	});

	it('gives the same state for the logs in any order, and leaves its input alone', () => {
		const { chain } = scenario();
		const before = structuredClone(chain.logs);
		const expected = buildModelRegistryState(chain.logs);
		expect(buildModelRegistryState([...chain.logs].reverse())).toEqual(expected);
		expect(chain.logs).toEqual(before);
	});

	it('starts empty, and a model without adapters has no current adapter', () => {
		expect(buildModelRegistryState([])).toEqual({ models: [] });
		const chain = logChain();
		register(chain, 1, ALICE);
		expect(buildModelRegistryState(chain.logs).models[0]!.currentAdapter).toBeUndefined();
	});

	it('refuses a stored log missing what its event must have, naming the field', () => {
		const chain = logChain();
		register(chain, 1, ALICE);
		publish(chain, 1, 1, [{ datanetId: 'one', version: 1 }]);
		expect(() => buildModelRegistryState(chain.logs)).toThrow(MalformedLogError);
		expect(() => buildModelRegistryState(chain.logs)).toThrow('"adapter.trainedOn[0].datanetId"');
	});
});
