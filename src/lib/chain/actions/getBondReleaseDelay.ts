// Reads how long an approved contribution's bond stays locked after approval.
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { protocolParamsAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

/** The delay in seconds. */
export type GetBondReleaseDelayReturnType = number;
export type GetBondReleaseDelayErrorType = ReadContractErrorType;

/** Reads the bond-release delay: a bond can be released `delay` seconds after its approval. */
export async function getBondReleaseDelay(client: ReadClient): Promise<GetBondReleaseDelayReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'ProtocolParams'),
		abi: protocolParamsAbi,
		functionName: 'bondReleaseDelay'
	});
}
