// Gives the votes of the sender's staked OPEN (held as vOPEN by their StakeVault) to an account; their own vOPEN
// is delegated apart (see delegateVotes).
import type { Address } from 'viem';
import { stakingAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { shortAddress } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';

/** Two fresh vote checkpoint slots (about 22k gas each) and their bookkeeping. */
export const delegationCheckpointGas = 50_000n;

export type DelegateStakeParameters = { delegatee: Address; self?: boolean };
export type DelegateStakeReturnType = ContractCall<typeof stakingAbi, 'delegateStake'>;

/** The call that gives the votes of the sender's stake to `delegatee` (themselves when `self`). */
export function delegateStake(chainId: number, { delegatee, self }: DelegateStakeParameters): DelegateStakeReturnType {
	return {
		label: `Delegate your staked votes to ${self ? 'yourself' : shortAddress(delegatee)}`,
		address: getContractAddress(chainId, 'Staking'),
		abi: stakingAbi,
		functionName: 'delegateStake',
		args: [delegatee],
		// Two vote checkpoints (the old delegate's and the new one's) may each need a fresh slot once mined: measured
		// 65k estimated against 110k used when the estimate shared a second with the last delegation.
		extraGas: delegationCheckpointGas
	};
}
