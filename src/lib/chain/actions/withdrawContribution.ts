// Takes back a contribution no curator decided within the review timeout; its bond becomes a registry credit that
// its contributor claims like a released bond.
import { datanetRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';

export type WithdrawContributionParameters = { contributionId: bigint };
export type WithdrawContributionReturnType = ContractCall<typeof datanetRegistryAbi, 'withdrawContribution'>;

/** The call that withdraws pending contribution `contributionId` (its contributor only, after the review timeout). */
export function withdrawContribution(
	chainId: number,
	{ contributionId }: WithdrawContributionParameters
): WithdrawContributionReturnType {
	return {
		label: `Withdraw contribution #${contributionId} and take back its bond`,
		address: getContractAddress(chainId, 'DatanetRegistry'),
		abi: datanetRegistryAbi,
		functionName: 'withdrawContribution',
		args: [contributionId]
	};
}
