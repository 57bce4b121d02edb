// Reads a record's open dispute and its stored assertion hash from the AttributionLedger: whether it still waits for
// its window, is disputed (and by whom, with what bond) or is settled.
import { readContract } from 'viem/actions';
import { zeroAddress, type Address, type Hex, type ReadContractErrorType } from 'viem';
import { attributionLedgerAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetDisputeParameters = { recordId: bigint };
export type GetDisputeReturnType = {
	/** The validator who disputed, or undefined when no dispute is open. */
	disputer: Address | undefined;
	/** Their bond, in wei (0 without a dispute). */
	bond: bigint;
	/** What the ledger keeps: the assertion's hash while it waits, DISPUTED (0x…01) while disputed, zero once settled. */
	assertionHash: Hex;
};
export type GetDisputeErrorType = ReadContractErrorType;

/** The open dispute of record `recordId`, if any, and the hash the ledger holds for it. */
export async function getDispute(
	client: ReadClient,
	{ recordId }: GetDisputeParameters
): Promise<GetDisputeReturnType> {
	const ledger = {
		address: getContractAddress(client.chain.id, 'AttributionLedger'),
		abi: attributionLedgerAbi
	} as const;
	const [[disputer, bond], assertionHash] = await Promise.all([
		readContract(client, { ...ledger, functionName: 'disputeOf', args: [recordId] }),
		readContract(client, { ...ledger, functionName: 'assertionHash', args: [recordId] })
	]);
	return { disputer: disputer === zeroAddress ? undefined : disputer, bond, assertionHash };
}
