// Stakes OPEN in the Staking contract: it earns the stakers' share of fees, keeps voting through the staker's
// StakeVault, and counts towards the curator minimum.
import { stakingAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { formatOpen } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';
import { voteCheckpointGas } from './voteCheckpointGas.ts';

export type StakeParameters = { amount: bigint };
export type StakeReturnType = ContractCall<typeof stakingAbi, 'stake'>;

/** The call that stakes `amount` wei of OPEN from the connected account. */
export function stake(chainId: number, { amount }: StakeParameters): StakeReturnType {
	return {
		label: `Stake ${formatOpen(amount, { decimals: 18 })}`,
		address: getContractAddress(chainId, 'Staking'),
		abi: stakingAbi,
		functionName: 'stake',
		args: [],
		value: amount,
		valueLabel: 'Stake (unstaking takes an unbonding period)',
		// Moves votes: see voteCheckpointGas.
		extraGas: voteCheckpointGas
	};
}
