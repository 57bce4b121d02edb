// Withdraws what the DatanetRegistry owes the sender (released bonds, duplicate bounties) to their account.
import { datanetRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { formatOpen } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';

export type ClaimRegistryCreditParameters = { amount: bigint };
export type ClaimRegistryCreditReturnType = ContractCall<typeof datanetRegistryAbi, 'claim'>;

/** The call that claims the sender's registry balance (`amount` is the balance read, for the label). */
export function claimRegistryCredit(chainId: number, { amount }: ClaimRegistryCreditParameters): ClaimRegistryCreditReturnType {
	return {
		label: `Claim ${formatOpen(amount, { decimals: 18 })} from the datanet registry`,
		address: getContractAddress(chainId, 'DatanetRegistry'),
		abi: datanetRegistryAbi,
		functionName: 'claim',
		args: []
	};
}
