// Reads how a model was registered (its base model, owner and card) from its ModelRegistered event: the registry's
// storage keeps only what payment needs, and the verify page must know which base model an answer was computed on.
import { getContractEvents } from 'viem/actions';
import type { Address } from 'viem';
import { modelRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';

export type GetModelRegistrationParameters = { modelId: bigint };
export type ModelRegistration = {
	modelId: bigint;
	owner: Address;
	baseModelId: string;
	baseModelCid: string;
	metadataCid: string;
	blockNumber: bigint;
};

/** The registry never registered that model. */
export class ModelNotRegisteredError extends ProvenaError {
	override name = 'ModelNotRegisteredError';
}

/**
 * The registration of `modelId`; throws ModelNotRegisteredError when there is none.
 *
 * @example
 * const { baseModelId } = await getModelRegistration(client, { modelId: 3n }); // 'provena/provena-tiny'
 */
export async function getModelRegistration(
	client: ReadClient,
	{ modelId }: GetModelRegistrationParameters
): Promise<ModelRegistration> {
	const [log] = await getContractEvents(client, {
		address: getContractAddress(client.chain.id, 'ModelRegistry'),
		abi: modelRegistryAbi,
		eventName: 'ModelRegistered',
		args: { modelId },
		fromBlock: 0n,
		strict: true
	});
	if (!log) throw new ModelNotRegisteredError(`The registry has no model #${modelId}. Check the id and the network.`);
	const { owner, baseModelId, baseModelCid, metadataCid } = log.args;
	return { modelId, owner, baseModelId, baseModelCid, metadataCid, blockNumber: log.blockNumber };
}
