// Reads ProtocolParams' parameters as they are now, so a proposal's actions can say "from 2 % to 3 %".
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { protocolParamsAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ProtocolParametersNow } from '../../governance/describeAction.ts';
import type { ReadClient } from './readClient.ts';

export type ReadProtocolParametersReturnType = ProtocolParametersNow;
export type ReadProtocolParametersErrorType = ReadContractErrorType;

/** Reads every protocol parameter at the latest block, or as they were at `blockNumber` (a record's rules). */
export async function readProtocolParameters(
	client: ReadClient,
	{ blockNumber }: { blockNumber?: bigint } = {}
): Promise<ReadProtocolParametersReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'ProtocolParams'),
		abi: protocolParamsAbi,
		functionName: 'parameters',
		...(blockNumber === undefined ? {} : { blockNumber })
	});
}
