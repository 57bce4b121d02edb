// Gives the votes of the sender's staked OPEN (held as vOPEN by their StakeVault) to an account; their own vOPEN
// is delegated apart (see delegateVotes).
import type { Address } from 'viem';
import { stakingAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { shortAddress } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';
import { voteCheckpointGas } from './voteCheckpointGas.ts';

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
		extraGas: voteCheckpointGas
	};
}
