// Reads how long a contribution may wait for review before its contributor may withdraw it.
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { protocolParamsAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

/** The timeout in seconds. */
export type GetReviewTimeoutReturnType = number;
export type GetReviewTimeoutErrorType = ReadContractErrorType;

/** Reads the review timeout: a pending contribution can be withdrawn `timeout` seconds after it was submitted. */
export async function getReviewTimeout(client: ReadClient): Promise<GetReviewTimeoutReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'ProtocolParams'),
		abi: protocolParamsAbi,
		functionName: 'reviewTimeout'
	});
}
