// Pays for several answers in one transaction (recordInferences): one signature and one base cost for all, each
// answer recorded as recordInference would record it.
import { attributionLedgerAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { formatOpen } from '../../format.ts';
import type { LedgerAnswer } from '../../attribution/ledgerAnswer.ts';
import type { PaymentFor } from './getPaymentFor.ts';
import type { ContractCall } from './contractCall.ts';
import { paymentLabel } from './recordInference.ts';

export type RecordInferencesParameters = { answers: readonly { answer: LedgerAnswer; payment: PaymentFor }[] };
export type RecordInferencesReturnType = ContractCall<typeof attributionLedgerAbi, 'recordInferences'>;

/** The call that records every answer of `answers`, sending the sum of their fees and bonds. */
export function recordInferences(chainId: number, { answers }: RecordInferencesParameters): RecordInferencesReturnType {
	const fee = answers.reduce((sum, a) => sum + a.payment.fee, 0n);
	const bond = answers.reduce((sum, a) => sum + a.payment.bond, 0n);
	return {
		label: `Pay ${formatOpen(fee, { decimals: 18 })} for ${answers.length} answers and record their attribution`,
		address: getContractAddress(chainId, 'AttributionLedger'),
		abi: attributionLedgerAbi,
		functionName: 'recordInferences',
		args: [answers.map((a) => a.answer)],
		value: fee + bond,
		valueLabel: paymentLabel(fee, bond)
	};
}
