// The registered models as the page sees them, rebuilt from the ModelRegistry's events: who owns each, its base
// model, model card, fee, whether it is retired, and every adapter version with what it was trained on. The fold is
// pure: the same logs always give the same state, so the page rebuilds it from the log store after every sync (and
// after a reorg rewinds the store).
import type { Address, Hex } from 'viem';
import type { StoredLog } from '../../chain/sync/logStore.ts';
import { argsOf, type LogArgs } from '../../chain/sync/storedLogArgs.ts';

/** A datanet version an adapter was trained on. */
export type TrainedOnRef = { datanetId: string; version: number };

/** One published adapter version of a model, as its AdapterPublished event gave it. */
export type AdapterVersionView = {
	version: number;
	adapterCid: string;
	/** SHA-256 of the adapter folder's adapter_model.safetensors. */
	adapterHash: Hex;
	trainedOn: TrainedOnRef[];
	attributionIndexCid: string;
	gradientSketchCid: string;
	trainingConfigCid: string;
	/** The training set's size, as the registry resolved it from the datanet versions. */
	trainingBytes: bigint;
	blockNumber: number;
	transactionHash: Hex;
};

export type RegisteredModelView = {
	id: string;
	owner: Address;
	/** The base model's name (e.g. "provena/provena-tiny"); may be '' when only `baseModelCid` is given. */
	baseModelId: string;
	baseModelCid: string;
	/** IPFS CID of the model card (the latest ModelMetadataChanged, else the registration's). */
	metadataCid: string;
	/** What one answer costs, in wei. */
	inferenceFee: bigint;
	retired: boolean;
	/** By version number. */
	adapterVersions: AdapterVersionView[];
	/** The latest adapter version: the one answers use. */
	currentAdapter?: AdapterVersionView;
	registeredBlock: number;
	registeredTx: Hex;
};

export type ModelRegistryState = {
	/** By id ascending. */
	models: RegisteredModelView[];
};

const byChainOrder = (a: StoredLog, b: StoredLog) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex;
const byId = (a: RegisteredModelView, b: RegisteredModelView) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1);

function adapterVersionOf(log: StoredLog, a: LogArgs): AdapterVersionView {
	const adapter = a.struct('adapter');
	return {
		version: a.num('adapterVersion'),
		adapterCid: adapter.str('adapterCid'),
		adapterHash: adapter.hex('adapterHash'),
		trainedOn: adapter
			.structs('trainedOn')
			.map((ref) => ({ datanetId: ref.id('datanetId'), version: ref.num('version') })),
		attributionIndexCid: adapter.str('attributionIndexCid'),
		gradientSketchCid: adapter.str('gradientSketchCid'),
		trainingConfigCid: adapter.str('trainingConfigCid'),
		trainingBytes: a.big('trainingBytes'),
		blockNumber: log.blockNumber,
		transactionHash: log.transactionHash
	};
}

/**
 * Folds the ModelRegistry's logs into model views. Logs may come in any order; events about models missing from
 * the logs are skipped.
 *
 * @example
 * const state = buildModelRegistryState(await store.logs(`${chainId}:ModelRegistry:${address}`));
 * const model = registeredModelById(state, '1');
 */
export function buildModelRegistryState(logs: readonly StoredLog[]): ModelRegistryState {
	const models = new Map<string, RegisteredModelView>();
	for (const log of [...logs].sort(byChainOrder)) {
		const a = argsOf(log);
		switch (log.eventName) {
			case 'ModelRegistered': {
				const id = a.id('modelId');
				models.set(id, {
					id,
					owner: a.address('owner'),
					baseModelId: a.str('baseModelId'),
					baseModelCid: a.str('baseModelCid'),
					metadataCid: a.str('metadataCid'),
					inferenceFee: a.big('inferenceFee'),
					retired: false,
					adapterVersions: [],
					registeredBlock: log.blockNumber,
					registeredTx: log.transactionHash
				});
				break;
			}
			case 'AdapterPublished': {
				const model = models.get(a.id('modelId'));
				if (model) model.adapterVersions.push(adapterVersionOf(log, a));
				break;
			}
			case 'InferenceFeeSet': {
				const model = models.get(a.id('modelId'));
				if (model) model.inferenceFee = a.big('newFee');
				break;
			}
			case 'ModelMetadataChanged': {
				const model = models.get(a.id('modelId'));
				if (model) model.metadataCid = a.str('metadataCid');
				break;
			}
			case 'ModelRetired': {
				const model = models.get(a.id('modelId'));
				if (model) model.retired = true;
				break;
			}
			case 'ModelOwnershipTransferred': {
				const model = models.get(a.id('modelId'));
				if (model) model.owner = a.address('newOwner');
				break;
			}
			default:
				break;
		}
	}
	const list = [...models.values()].sort(byId);
	for (const model of list) {
		model.adapterVersions.sort((x, y) => x.version - y.version);
		const current = model.adapterVersions.at(-1);
		if (current) model.currentAdapter = current;
	}
	return { models: list };
}

/** The model with id `id`, if the logs hold it. */
export function registeredModelById(state: ModelRegistryState, id: string): RegisteredModelView | undefined {
	return state.models.find((model) => model.id === id);
}
