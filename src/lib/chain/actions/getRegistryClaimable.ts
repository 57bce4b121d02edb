// Reads what an account can claim from the DatanetRegistry: released bonds and duplicate bounties.
import { readContract } from 'viem/actions';
import type { Address, ReadContractErrorType } from 'viem';
import { datanetRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetRegistryClaimableParameters = { account: Address };
/** Claimable OPEN in wei. */
export type GetRegistryClaimableReturnType = bigint;
export type GetRegistryClaimableErrorType = ReadContractErrorType;

/** Reads `account`'s claimable balance in the registry. */
export async function getRegistryClaimable(
	client: ReadClient,
	{ account }: GetRegistryClaimableParameters
): Promise<GetRegistryClaimableReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'DatanetRegistry'),
		abi: datanetRegistryAbi,
		functionName: 'claimable',
		args: [account]
	});
}
