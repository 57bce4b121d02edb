// Pays for one answer and records its attribution: the fee is split at once (model owner, stakers, treasury) and
// the data share waits in escrow with the payer's bond until the challenge window closes, or goes straight to the
// training set's pool when the answer names no contribution.
import { attributionLedgerAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { formatOpen } from '../../format.ts';
import type { LedgerAnswer } from '../../attribution/ledgerAnswer.ts';
import type { PaymentFor } from './getPaymentFor.ts';
import type { ContractCall } from './contractCall.ts';

export type RecordInferenceParameters = { answer: LedgerAnswer; payment: PaymentFor };
export type RecordInferenceReturnType = ContractCall<typeof attributionLedgerAbi, 'recordInference'>;

/** The call that records `answer`, sending exactly its fee and bond (read with getPaymentFor). */
export function recordInference(
	chainId: number,
	{ answer, payment }: RecordInferenceParameters
): RecordInferenceReturnType {
	const { fee, bond } = payment;
	return {
		label: `Pay ${formatOpen(fee, { decimals: 18 })} for this answer and record its attribution`,
		address: getContractAddress(chainId, 'AttributionLedger'),
		abi: attributionLedgerAbi,
		functionName: 'recordInference',
		args: [answer],
		value: fee + bond,
		valueLabel: paymentLabel(fee, bond)
	};
}

/** What the value sent is made of, in words shown before signing. */
export function paymentLabel(fee: bigint, bond: bigint): string {
	return bond === 0n
		? `Fee ${formatOpen(fee, { decimals: 18 })} (the data share goes to the datanet pool)`
		: `Fee ${formatOpen(fee, { decimals: 18 })} + assertion bond ${formatOpen(bond, { decimals: 18 })} (returned when the attribution survives its challenge window)`;
}
