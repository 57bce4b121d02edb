// Wraps native OPEN 1:1 into vOPEN, the votes token the Governor counts.
import { openVotesAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { formatOpen } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';
import { voteCheckpointGas } from './voteCheckpointGas.ts';

export type WrapOpenParameters = { amount: bigint };
export type WrapOpenReturnType = ContractCall<typeof openVotesAbi, 'deposit'>;

/** The call that wraps `amount` wei of OPEN into vOPEN for the sender. */
export function wrapOpen(chainId: number, { amount }: WrapOpenParameters): WrapOpenReturnType {
	return {
		label: `Wrap ${formatOpen(amount, { decimals: 18 })}`,
		address: getContractAddress(chainId, 'OpenVotes'),
		abi: openVotesAbi,
		functionName: 'deposit',
		args: [],
		value: amount,
		// Moves votes: see voteCheckpointGas.
		extraGas: voteCheckpointGas
	};
}
