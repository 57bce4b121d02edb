// Reads recorded answers back from the AttributionLedger's InferenceRecorded events: the records a transaction made
// (one, or a batch from recordInferences), or one record by id. The event is the only place a record is published
// whole (the ledger keeps a hash), so verification and disputes start here.
import { getContractEvents, getTransactionReceipt } from 'viem/actions';
import { parseEventLogs, type Hex } from 'viem';
import { attributionLedgerAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { InferenceRecordedArgs } from '../attribution/assertionOf.ts';
import type { ReadClient } from './readClient.ts';
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';

/** A recorded answer: the event's arguments and where it was emitted. */
export type InferenceRecord = { args: InferenceRecordedArgs; blockNumber: bigint; transactionHash: Hex };

/** No answer record where one was looked for. */
export class InferenceRecordNotFoundError extends ProvenaError {
	override name = 'InferenceRecordNotFoundError';
}

/** The records transaction `hash` made, in order; throws InferenceRecordNotFoundError when it recorded none. */
export async function getInferenceRecordsOfTransaction(
	client: ReadClient,
	{ hash }: { hash: Hex }
): Promise<InferenceRecord[]> {
	const receipt = await getTransactionReceipt(client, { hash }).catch((error: unknown) => {
		throw new InferenceRecordNotFoundError(
			`No transaction ${hash} on chain ${client.chain.id}. Check the hash and the network.`,
			{ cause: error }
		);
	});
	const ledger = getContractAddress(client.chain.id, 'AttributionLedger');
	const logs = parseEventLogs({
		abi: attributionLedgerAbi,
		eventName: 'InferenceRecorded',
		logs: receipt.logs.filter((log) => log.address.toLowerCase() === ledger.toLowerCase())
	});
	if (logs.length === 0)
		throw new InferenceRecordNotFoundError(
			`Transaction ${hash} recorded no answer (it emitted no InferenceRecorded from the AttributionLedger).`
		);
	return logs.map((log) => ({ args: log.args, blockNumber: log.blockNumber, transactionHash: log.transactionHash }));
}

/** Record `recordId`; throws InferenceRecordNotFoundError when the ledger has no such record. */
export async function getInferenceRecord(
	client: ReadClient,
	{ recordId }: { recordId: bigint }
): Promise<InferenceRecord> {
	const logs = await getContractEvents(client, {
		address: getContractAddress(client.chain.id, 'AttributionLedger'),
		abi: attributionLedgerAbi,
		eventName: 'InferenceRecorded',
		args: { recordId },
		fromBlock: 0n,
		strict: true
	});
	const log = logs[0];
	if (!log) throw new InferenceRecordNotFoundError(`The ledger has no answer record #${recordId}.`);
	return { args: log.args, blockNumber: log.blockNumber, transactionHash: log.transactionHash };
}
