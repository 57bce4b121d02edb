// Reads what one contribution can still collect from the pool of a model's adapter version (answers that named no
// contribution paid their data share into the training set's pool, shared by size).
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { attributionLedgerAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetPooledRewardParameters = { modelId: bigint; adapterVersion: number; contributionId: bigint };
/** What settlePooledRewards would credit the contribution now, in wei. */
export type GetPooledRewardReturnType = bigint;
export type GetPooledRewardErrorType = ReadContractErrorType;

/** Reads what `contributionId` is owed by the pool of model `modelId`'s adapter version `adapterVersion`. */
export async function getPooledReward(
	client: ReadClient,
	{ modelId, adapterVersion, contributionId }: GetPooledRewardParameters
): Promise<GetPooledRewardReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'AttributionLedger'),
		abi: attributionLedgerAbi,
		functionName: 'pooledRewardOf',
		args: [modelId, adapterVersion, contributionId]
	});
}
