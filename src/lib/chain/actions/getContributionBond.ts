// Reads the bond a contribution must lock, as governance set it in ProtocolParams.
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { protocolParamsAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

/** The bond in wei. */
export type GetContributionBondReturnType = bigint;
export type GetContributionBondErrorType = ReadContractErrorType;

/** Reads the bond each contribution sends with it. */
export async function getContributionBond(client: ReadClient): Promise<GetContributionBondReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'ProtocolParams'),
		abi: protocolParamsAbi,
		functionName: 'contributionBond'
	});
}
