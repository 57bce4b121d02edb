// Unwraps vOPEN back into native OPEN, 1:1.
import { openVotesAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { formatOpen } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';
import { voteCheckpointGas } from './voteCheckpointGas.ts';

export type UnwrapOpenParameters = { amount: bigint };
export type UnwrapOpenReturnType = ContractCall<typeof openVotesAbi, 'withdraw'>;

/** The call that unwraps `amount` wei of the sender's vOPEN. */
export function unwrapOpen(chainId: number, { amount }: UnwrapOpenParameters): UnwrapOpenReturnType {
	return {
		label: `Unwrap ${formatOpen(amount, { decimals: 18, symbol: 'vOPEN' })}`,
		address: getContractAddress(chainId, 'OpenVotes'),
		abi: openVotesAbi,
		functionName: 'withdraw',
		args: [amount],
		// Moves votes: see voteCheckpointGas.
		extraGas: voteCheckpointGas
	};
}
