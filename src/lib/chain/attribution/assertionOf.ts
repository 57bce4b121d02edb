// The ledger keeps only a hash of an asserted attribution; finalize, dispute and resolveDispute take the
// assertion back as calldata. This rebuilds it from the record's InferenceRecorded event, the one place it is
// published whole, so the page, the CLI and the benches all pass exactly what the ledger hashed.
import type { ContractFunctionArgs, GetEventArgs } from 'viem';
import type { attributionLedgerAbi } from '../abis.ts';

/** InferenceRecorded's arguments, as viem decodes them. */
export type InferenceRecordedArgs = GetEventArgs<
	typeof attributionLedgerAbi,
	'InferenceRecorded',
	{ EnableUnion: false; IndexedOnly: false; Required: true }
>;
/** The `Assertion` struct finalize, dispute and resolveDispute take. */
export type Assertion = ContractFunctionArgs<typeof attributionLedgerAbi, 'nonpayable', 'finalize'>[1][number];

/**
 * The assertion record `args.recordId` holds in escrow, or `undefined` for a record that named no contribution
 * (its data share went to the pool at once and nothing waits).
 *
 * @example
 * const [log] = parseEventLogs({ abi: attributionLedgerAbi, eventName: 'InferenceRecorded', logs: receipt.logs });
 * const assertion = assertionOf(log.args); // pass to finalize([log.args.recordId], [assertion]) after the deadline
 */
export function assertionOf(args: InferenceRecordedArgs): Assertion | undefined {
	const { payer, deadline, amounts, bond, answer, contributors } = args;
	if (answer.contributionIds.length === 0) return undefined;
	return {
		payer,
		deadline,
		modelId: answer.modelId,
		adapterVersion: answer.adapterVersion,
		dataShare: amounts.data,
		bond,
		contributionIds: answer.contributionIds,
		weights: answer.weights,
		contributors
	};
}
