// Reads the smallest stake the Staking contract holds for anyone (a first stake must reach it).
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { stakingAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

/** The minimum active stake in wei. */
export type GetMinStakeReturnType = bigint;
export type GetMinStakeErrorType = ReadContractErrorType;

/** Reads Staking's `MIN_STAKE`: a stake of 0 < x < MIN_STAKE is refused. */
export async function getMinStake(client: ReadClient): Promise<GetMinStakeReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'Staking'),
		abi: stakingAbi,
		functionName: 'MIN_STAKE'
	});
}
