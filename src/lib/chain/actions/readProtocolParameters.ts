// Reads ProtocolParams' parameters as they are now, so a proposal's actions can say "from 2 % to 3 %".
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { protocolParamsAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ProtocolParametersNow } from '../../governance/describeAction.ts';
import type { ReadClient } from './readClient.ts';

export type ReadProtocolParametersReturnType = ProtocolParametersNow;
export type ReadProtocolParametersErrorType = ReadContractErrorType;

/** Reads every protocol parameter at the latest block. */
export async function readProtocolParameters(client: ReadClient): Promise<ReadProtocolParametersReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'ProtocolParams'),
		abi: protocolParamsAbi,
		functionName: 'parameters'
	});
}
