// Pays out records whose challenge window closed undisputed, in one batched `finalize`: each named contribution is
// credited its share of the escrow and each payer its bond. Anyone may send it; records another finaliser settled
// meanwhile are skipped by the ledger, so racing batches never fail each other.
import { attributionLedgerAbi } from '../abis.ts';
import { assertionOf, type Assertion } from '../attribution/assertionOf.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';
import type { InferenceRecord } from './getInferenceRecords.ts';

export type FinalizeRecordsParameters = { records: readonly InferenceRecord[] };
export type FinalizeRecordsReturnType = ContractCall<typeof attributionLedgerAbi, 'finalize'>;

/**
 * The call that finalises `records` (their assertions rebuilt from their events; pool records, which assert nothing,
 * are left out).
 *
 * @example
 * flow.review(finalizeRecords(chainId, { records: due.map((r) => r.record) }));
 */
export function finalizeRecords(chainId: number, { records }: FinalizeRecordsParameters): FinalizeRecordsReturnType {
	const ids: bigint[] = [];
	const assertions: Assertion[] = [];
	for (const record of records) {
		const assertion = assertionOf(record.args);
		if (!assertion) continue;
		ids.push(record.args.recordId);
		assertions.push(assertion);
	}
	return {
		label: `Finalise ${ids.length === 1 ? `answer record #${ids[0]}` : `${ids.length} answer records`}`,
		address: getContractAddress(chainId, 'AttributionLedger'),
		abi: attributionLedgerAbi,
		functionName: 'finalize',
		args: [ids, assertions]
	};
}
