// Reads what a model was registered with (its base model's name or CID, its metadata), from its ModelRegistered
// event: the registry keeps only the current terms in storage, and re-checking an answer needs the base model.
import { getContractEvents } from 'viem/actions';
import type { Address } from 'viem';
import { modelRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';

export type GetModelRegistrationParameters = { modelId: bigint };
export type GetModelRegistrationReturnType = {
	owner: Address;
	baseModelId: string;
	baseModelCid: string;
	metadataCid: string;
};

/** The registry never registered that model. */
export class ModelNotRegisteredError extends ProvenaError {
	override name = 'ModelNotRegisteredError';
}

/** How model `modelId` was registered; throws ModelNotRegisteredError for an unknown id. */
export async function getModelRegistration(
	client: ReadClient,
	{ modelId }: GetModelRegistrationParameters
): Promise<GetModelRegistrationReturnType> {
	const logs = await getContractEvents(client, {
		address: getContractAddress(client.chain.id, 'ModelRegistry'),
		abi: modelRegistryAbi,
		eventName: 'ModelRegistered',
		args: { modelId },
		fromBlock: 0n,
		strict: true
	});
	const args = logs[0]?.args;
	if (!args) throw new ModelNotRegisteredError(`The registry has no model #${modelId}. Check the id and the network.`);
	const { owner, baseModelId, baseModelCid, metadataCid } = args;
	return { owner, baseModelId, baseModelCid, metadataCid };
}
