// Reads a contribution as the registry holds it: contributor, status, the bond still locked and when it was decided.
import { readContract } from 'viem/actions';
import type { ContractFunctionReturnType, ReadContractErrorType } from 'viem';
import { datanetRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetContributionParameters = { contributionId: bigint };
/** The registry's `Contribution` struct (`decidedAt` in seconds; `bond` 0 once released or slashed). */
export type GetContributionReturnType = ContractFunctionReturnType<typeof datanetRegistryAbi, 'view', 'contribution'>;
export type GetContributionErrorType = ReadContractErrorType;

/** Reads contribution `contributionId`; reverts with the registry's unknown-contribution error if there is none. */
export async function getContribution(
	client: ReadClient,
	{ contributionId }: GetContributionParameters
): Promise<GetContributionReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'DatanetRegistry'),
		abi: datanetRegistryAbi,
		functionName: 'contribution',
		args: [contributionId]
	});
}
