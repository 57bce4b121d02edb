// Sends the sender's unbonded stake back to their account once the unbonding period has passed.
import { stakingAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { formatOpen } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';
import { voteCheckpointGas } from './voteCheckpointGas.ts';

export type WithdrawStakeParameters = { amount: bigint };
export type WithdrawStakeReturnType = ContractCall<typeof stakingAbi, 'withdraw'>;

/** The call that withdraws the sender's unbonded stake (`amount` is the unbonding stake read, for the label). */
export function withdrawStake(chainId: number, { amount }: WithdrawStakeParameters): WithdrawStakeReturnType {
	return {
		label: `Withdraw ${formatOpen(amount, { decimals: 18 })} of unbonded stake`,
		address: getContractAddress(chainId, 'Staking'),
		abi: stakingAbi,
		functionName: 'withdraw',
		args: [],
		// Moves votes: see voteCheckpointGas.
		extraGas: voteCheckpointGas
	};
}
