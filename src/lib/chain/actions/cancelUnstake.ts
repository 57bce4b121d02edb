// Puts all of the sender's unbonding stake back to work (it earns again and counts for roles).
import { stakingAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { formatOpen } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';
import { voteCheckpointGas } from './voteCheckpointGas.ts';

export type CancelUnstakeParameters = { amount: bigint };
export type CancelUnstakeReturnType = ContractCall<typeof stakingAbi, 'cancelUnstake'>;

/** The call that cancels the sender's unbonding (`amount` is the unbonding stake read, for the label). */
export function cancelUnstake(chainId: number, { amount }: CancelUnstakeParameters): CancelUnstakeReturnType {
	return {
		label: `Cancel unstaking and stake ${formatOpen(amount, { decimals: 18 })} again`,
		address: getContractAddress(chainId, 'Staking'),
		abi: stakingAbi,
		functionName: 'cancelUnstake',
		args: [],
		// Moves votes: see voteCheckpointGas.
		extraGas: voteCheckpointGas
	};
}
