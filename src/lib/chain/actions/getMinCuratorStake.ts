// Reads the stake a curator must keep, as governance set it in ProtocolParams.
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { protocolParamsAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

/** The minimum curator stake in wei. */
export type GetMinCuratorStakeReturnType = bigint;
export type GetMinCuratorStakeErrorType = ReadContractErrorType;

/** Reads the minimum stake to be appointed curator and to approve or reject. */
export async function getMinCuratorStake(client: ReadClient): Promise<GetMinCuratorStakeReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'ProtocolParams'),
		abi: protocolParamsAbi,
		functionName: 'minCuratorStake'
	});
}
