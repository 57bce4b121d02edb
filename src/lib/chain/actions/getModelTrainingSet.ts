// Reads what an adapter version of a model was trained on, as the registry resolved it at publication: each
// datanet's version with how many accepted contributions it held, and the total bytes. Attribution pays only these.
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { modelRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetModelTrainingSetParameters = { modelId: bigint; adapterVersion: number };
export type GetModelTrainingSetReturnType = {
	trainingBytes: bigint;
	trainedOn: readonly { datanetId: bigint; version: number; acceptedCount: number }[];
};
export type GetModelTrainingSetErrorType = ReadContractErrorType;

/** Reads adapter version `adapterVersion` (from 1) of model `modelId`'s training set. */
export async function getModelTrainingSet(
	client: ReadClient,
	{ modelId, adapterVersion }: GetModelTrainingSetParameters
): Promise<GetModelTrainingSetReturnType> {
	const [trainingBytes, trainedOn] = await readContract(client, {
		address: getContractAddress(client.chain.id, 'ModelRegistry'),
		abi: modelRegistryAbi,
		functionName: 'trainingSet',
		args: [modelId, adapterVersion]
	});
	return { trainingBytes, trainedOn };
}
