// Delegates the votes of the sender's own vOPEN (not their stake's: see Staking.delegateStake) to an account.
import type { Address } from 'viem';
import { openVotesAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { shortAddress } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';
import { voteCheckpointGas } from './voteCheckpointGas.ts';

export type DelegateVotesParameters = { delegatee: Address; self?: boolean };
export type DelegateVotesReturnType = ContractCall<typeof openVotesAbi, 'delegate'>;

/** The call that gives the votes of the sender's vOPEN to `delegatee` (themselves when `self`). */
export function delegateVotes(chainId: number, { delegatee, self }: DelegateVotesParameters): DelegateVotesReturnType {
	return {
		label: `Delegate votes to ${self ? 'yourself' : shortAddress(delegatee)}`,
		address: getContractAddress(chainId, 'OpenVotes'),
		abi: openVotesAbi,
		functionName: 'delegate',
		args: [delegatee],
		// Moves votes: see voteCheckpointGas.
		extraGas: voteCheckpointGas
	};
}
