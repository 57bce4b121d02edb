// Reads what an account can claim from the AttributionLedger: its credits from attributed answers and settled pools,
// its model owner's shares and its returned assertion bonds.
import { readContract } from 'viem/actions';
import type { Address, ReadContractErrorType } from 'viem';
import { attributionLedgerAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetClaimableParameters = { account: Address };
/** Claimable OPEN in wei. */
export type GetClaimableReturnType = bigint;
export type GetClaimableErrorType = ReadContractErrorType;

/** Reads `account`'s claimable balance in the ledger. */
export async function getClaimable(
	client: ReadClient,
	{ account }: GetClaimableParameters
): Promise<GetClaimableReturnType> {
	return readContract(client, {
		address: getContractAddress(client.chain.id, 'AttributionLedger'),
		abi: attributionLedgerAbi,
		functionName: 'claimable',
		args: [account]
	});
}
