// Reads an account's active stake in the Staking contract: what counts for curating and earns rewards.
import { readContract } from 'viem/actions';
import type { Address, ReadContractErrorType } from 'viem';
import { stakingAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetStakeParameters = { account: Address };
/** Active stake in wei (unbonding stake does not count). */
export type GetStakeReturnType = bigint;
export type GetStakeErrorType = ReadContractErrorType;

/** Reads `account`'s active stake. */
export async function getStake(client: ReadClient, { account }: GetStakeParameters): Promise<GetStakeReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'Staking'),
		abi: stakingAbi,
		functionName: 'stakeOf',
		args: [account]
	});
}
