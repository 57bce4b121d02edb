// Publishes a new adapter version of a model the sender owns: from then on its answers pay the datanet versions
// this adapter was trained on. The version number is read from the receipt's event, so the page can show it at once.
import { parseEventLogs, type ContractFunctionArgs, type Log } from 'viem';
import { modelRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';

/**
 * One adapter version as the registry takes it: the PEFT folder's CID, the SHA-256 of its
 * adapter_model.safetensors (0x-hex), the datanet versions it was trained on and its attribution artifacts' CIDs.
 */
export type AdapterRelease = ContractFunctionArgs<typeof modelRegistryAbi, 'nonpayable', 'publishAdapter'>[1];

export type PublishAdapterParameters = {
	modelId: bigint;
	adapter: AdapterRelease;
	/** The version this publishes, for the label (the model's current version + 1). */
	nextVersion: number;
};
export type PublishAdapterReturnType = ContractCall<typeof modelRegistryAbi, 'publishAdapter'>;

/** The call that publishes `adapter` as version `nextVersion` of model `modelId`. */
export function publishAdapter(
	chainId: number,
	{ modelId, adapter, nextVersion }: PublishAdapterParameters
): PublishAdapterReturnType {
	return {
		label: `Publish adapter version ${nextVersion} of model #${modelId}`,
		address: getContractAddress(chainId, 'ModelRegistry'),
		abi: modelRegistryAbi,
		functionName: 'publishAdapter',
		args: [modelId, adapter]
	};
}

/** The model and adapter version a confirmed registration or publication created, from its receipt's logs. */
export function publishedAdapterVersion(
	logs: readonly Log[]
): { modelId: bigint; adapterVersion: number; trainingBytes: bigint } | undefined {
	const event = parseEventLogs({ abi: modelRegistryAbi, eventName: 'AdapterPublished', logs: [...logs] })[0];
	return (
		event && {
			modelId: event.args.modelId,
			adapterVersion: event.args.adapterVersion,
			trainingBytes: event.args.trainingBytes
		}
	);
}
