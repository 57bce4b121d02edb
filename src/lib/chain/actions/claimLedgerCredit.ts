// Withdraws what the AttributionLedger owes the sender (contributor rewards, model owner's shares, returned bonds)
// to their account.
import { attributionLedgerAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { formatOpen } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';

export type ClaimLedgerCreditParameters = { amount: bigint };
export type ClaimLedgerCreditReturnType = ContractCall<typeof attributionLedgerAbi, 'claim'>;

/** The call that claims the sender's ledger balance (`amount` is the balance read, for the label). */
export function claimLedgerCredit(
	chainId: number,
	{ amount }: ClaimLedgerCreditParameters
): ClaimLedgerCreditReturnType {
	return {
		label: `Claim ${formatOpen(amount, { decimals: 18 })} of rewards`,
		address: getContractAddress(chainId, 'AttributionLedger'),
		abi: attributionLedgerAbi,
		functionName: 'claim',
		args: []
	};
}
