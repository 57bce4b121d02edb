// Reads the fee registering a model costs, as governance set it in ProtocolParams; `register` must send exactly it.
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { protocolParamsAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

/** The fee in wei. */
export type GetModelRegistrationFeeReturnType = bigint;
export type GetModelRegistrationFeeErrorType = ReadContractErrorType;

/** Reads the model registration fee. */
export async function getModelRegistrationFee(client: ReadClient): Promise<GetModelRegistrationFeeReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'ProtocolParams'),
		abi: protocolParamsAbi,
		functionName: 'modelRegistrationFee'
	});
}
