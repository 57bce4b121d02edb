// Where a recorded answer stands now: its assertion waiting in escrow (challenge window open or closed), disputed
// and waiting for governance, or settled (finalised or resolved: the ledger deleted its assertion hash).
import { readContract } from 'viem/actions';
import { zeroAddress, zeroHash, type Address } from 'viem';
import { attributionLedgerAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type RecordStatus =
	| { kind: 'asserted' }
	| { kind: 'disputed'; disputer: Address; bond: bigint }
	/** Finalised or resolved: nothing of it waits on chain any more. */
	| { kind: 'settled' };

/** The status of record `recordId`, which named contributions (a pooled record is settled when recorded). */
export async function getRecordStatus(client: ReadClient, { recordId }: { recordId: bigint }): Promise<RecordStatus> {
	const address = getContractAddress(client.chain.id, 'AttributionLedger');
	const [hash, [disputer, bond]] = await Promise.all([
		readContract(client, { address, abi: attributionLedgerAbi, functionName: 'assertionHash', args: [recordId] }),
		readContract(client, { address, abi: attributionLedgerAbi, functionName: 'disputeOf', args: [recordId] })
	]);
	if (disputer !== zeroAddress) return { kind: 'disputed', disputer, bond };
	return hash === zeroHash ? { kind: 'settled' } : { kind: 'asserted' };
}
