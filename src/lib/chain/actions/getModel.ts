// Reads a model as the registry holds it: owner, current adapter version, retirement, fee and training size.
import { readContract } from 'viem/actions';
import type { ContractFunctionReturnType, ReadContractErrorType } from 'viem';
import { modelRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetModelParameters = { modelId: bigint };
/** The registry's `ModelInfo` struct (`inferenceFee` in wei, `trainingBytes` of the current adapter's training set). */
export type GetModelReturnType = ContractFunctionReturnType<typeof modelRegistryAbi, 'view', 'model'>;
export type GetModelErrorType = ReadContractErrorType;

/** Reads model `modelId`; reverts with the registry's unknown-model error if there is none. */
export async function getModel(client: ReadClient, { modelId }: GetModelParameters): Promise<GetModelReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'ModelRegistry'),
		abi: modelRegistryAbi,
		functionName: 'model',
		args: [modelId]
	});
}
