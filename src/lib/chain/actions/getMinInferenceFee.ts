// Reads the lowest inference fee a model may ask, as governance set it in ProtocolParams.
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { protocolParamsAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

/** The minimum fee per answer, in wei. */
export type GetMinInferenceFeeReturnType = bigint;
export type GetMinInferenceFeeErrorType = ReadContractErrorType;

/** Reads the minimum inference fee. */
export async function getMinInferenceFee(client: ReadClient): Promise<GetMinInferenceFeeReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'ProtocolParams'),
		abi: protocolParamsAbi,
		functionName: 'minInferenceFee'
	});
}
