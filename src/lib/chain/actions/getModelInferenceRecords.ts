// Reads every answer recorded for one model, from the AttributionLedger's InferenceRecorded events (modelId is an
// indexed topic), newest first: the verify page's list of a model's paid answers.
import { getContractEvents } from 'viem/actions';
import { attributionLedgerAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { InferenceRecord } from './getInferenceRecords.ts';
import type { ReadClient } from './readClient.ts';

export type GetModelInferenceRecordsParameters = { modelId: bigint };

/**
 * The records of `modelId`'s answers, newest first (empty when it has none).
 *
 * @example
 * const records = await getModelInferenceRecords(client, { modelId: 3n });
 */
export async function getModelInferenceRecords(
	client: ReadClient,
	{ modelId }: GetModelInferenceRecordsParameters
): Promise<InferenceRecord[]> {
	const logs = await getContractEvents(client, {
		address: getContractAddress(client.chain.id, 'AttributionLedger'),
		abi: attributionLedgerAbi,
		eventName: 'InferenceRecorded',
		args: { modelId },
		fromBlock: 0n,
		strict: true
	});
	return logs
		.map((log) => ({ args: log.args, blockNumber: log.blockNumber, transactionHash: log.transactionHash }))
		.sort((a, b) => (a.args.recordId < b.args.recordId ? 1 : -1));
}
