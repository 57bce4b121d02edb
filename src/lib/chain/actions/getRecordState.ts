// Where a recorded answer stands: paid to the pool at once, its data share in escrow (challenge window open or
// closed), disputed, or settled (finalised, or its dispute resolved), from the ledger's assertion hash for it and
// the chain's clock.
import { getBlock, readContract } from 'viem/actions';
import { zeroHash, type Hex } from 'viem';
import { attributionLedgerAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { InferenceRecord } from './getInferenceRecords.ts';
import type { ReadClient } from './readClient.ts';

/** AttributionDisputes.DISPUTED: the assertion hash of a record under dispute. */
const DISPUTED: Hex = `0x${'0'.repeat(63)}1`;

export type RecordState =
	| { kind: 'pooled' }
	| { kind: 'in-window'; deadline: bigint }
	| { kind: 'awaiting-finalisation'; deadline: bigint }
	| { kind: 'disputed' }
	| { kind: 'settled' };

/**
 * The state of `record` now.
 *
 * @example
 * const state = await getRecordState(client, { record }); // { kind: 'in-window', deadline: 1765000000n }
 */
export async function getRecordState(
	client: ReadClient,
	{ record }: { record: InferenceRecord }
): Promise<RecordState> {
	const { answer, recordId, deadline } = record.args;
	if (answer.contributionIds.length === 0) return { kind: 'pooled' };
	const [hash, block] = await Promise.all([
		readContract(client, {
			address: getContractAddress(client.chain.id, 'AttributionLedger'),
			abi: attributionLedgerAbi,
			functionName: 'assertionHash',
			args: [recordId]
		}),
		getBlock(client)
	]);
	if (hash === zeroHash) return { kind: 'settled' };
	if (hash.toLowerCase() === DISPUTED) return { kind: 'disputed' };
	return block.timestamp < deadline ? { kind: 'in-window', deadline } : { kind: 'awaiting-finalisation', deadline };
}

/** The state in words, for the page. */
export function describeRecordState(state: RecordState): string {
	switch (state.kind) {
		case 'pooled':
			return 'Paid to the training set’s pool at once (no contribution named)';
		case 'in-window':
			return `Data share in escrow; open to disputes until ${new Date(Number(state.deadline) * 1000).toLocaleString()}`;
		case 'awaiting-finalisation':
			return 'Challenge window closed; waiting to be finalised';
		case 'disputed':
			return 'Disputed; governance decides';
		case 'settled':
			return 'Settled; contributors credited';
	}
}
