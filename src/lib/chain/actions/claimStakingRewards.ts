// Pays the sender their stakers' share of fees; Staking first pulls the fees still waiting in the ledger, so the
// claim pays what `claimable` showed.
import { stakingAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { formatOpen } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';

export type ClaimStakingRewardsParameters = { amount: bigint };
export type ClaimStakingRewardsReturnType = ContractCall<typeof stakingAbi, 'claim'>;

/** The call that claims the sender's staking rewards (`amount` is the claimable read, for the label). */
export function claimStakingRewards(
	chainId: number,
	{ amount }: ClaimStakingRewardsParameters
): ClaimStakingRewardsReturnType {
	return {
		label: `Claim ${formatOpen(amount, { decimals: 18 })} of staking rewards`,
		address: getContractAddress(chainId, 'Staking'),
		abi: stakingAbi,
		functionName: 'claim',
		args: []
	};
}
