// Starts unbonding part of the sender's active stake. Staking keeps one unbonding entry per staker, so the request
// restarts the timer of anything already unbonding; the page says so before this is signed.
import { stakingAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { formatOpen } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';
import { voteCheckpointGas } from './voteCheckpointGas.ts';

export type RequestUnstakeParameters = { amount: bigint };
export type RequestUnstakeReturnType = ContractCall<typeof stakingAbi, 'requestUnstake'>;

/** The call that moves `amount` wei of the sender's active stake to unbonding. */
export function requestUnstake(chainId: number, { amount }: RequestUnstakeParameters): RequestUnstakeReturnType {
	return {
		label: `Request to unstake ${formatOpen(amount, { decimals: 18 })}`,
		address: getContractAddress(chainId, 'Staking'),
		abi: stakingAbi,
		functionName: 'requestUnstake',
		args: [amount],
		// Moves votes: see voteCheckpointGas.
		extraGas: voteCheckpointGas
	};
}
