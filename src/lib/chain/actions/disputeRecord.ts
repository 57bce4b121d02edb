// Disputes a record's asserted attribution within its challenge window: the validator's own recomputed evidence (its
// IPFS CID) and the dispute bond go with it, and the escrow waits for governance. The ledger refuses non-validators,
// the payer, a closed window and a wrong bond; TransactionFlow shows those refusals decoded.
import { attributionLedgerAbi } from '../abis.ts';
import { assertionOf } from '../attribution/assertionOf.ts';
import { getContractAddress } from '../deployments/index.ts';
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';
import type { ContractCall } from './contractCall.ts';
import type { InferenceRecord } from './getInferenceRecords.ts';

export type DisputeRecordParameters = { record: InferenceRecord; evidenceCid: string; disputeBond: bigint };
export type DisputeRecordReturnType = ContractCall<typeof attributionLedgerAbi, 'dispute'>;

/** The record asserts nothing (its data share went to the pool at once), so there is nothing to dispute. */
export class NothingToDisputeError extends ProvenaError {
	override name = 'NothingToDisputeError';
}

/**
 * The call that disputes `record` with `evidenceCid`, sending exactly `disputeBond` (ProtocolParams' bond now).
 *
 * @example
 * flow.review(disputeRecord(chainId, { record, evidenceCid, disputeBond }));
 */
export function disputeRecord(
	chainId: number,
	{ record, evidenceCid, disputeBond }: DisputeRecordParameters
): DisputeRecordReturnType {
	const assertion = assertionOf(record.args);
	if (!assertion)
		throw new NothingToDisputeError(
			`Answer record #${record.args.recordId} names no contribution: its data share went to the pool and nothing is asserted to dispute.`
		);
	return {
		label: `Dispute answer record #${record.args.recordId}`,
		address: getContractAddress(chainId, 'AttributionLedger'),
		abi: attributionLedgerAbi,
		functionName: 'dispute',
		args: [record.args.recordId, assertion, evidenceCid],
		value: disputeBond,
		valueLabel: "Dispute bond (back with the payer's bond, less 10 %, if governance agrees with you; lost if not)"
	};
}
