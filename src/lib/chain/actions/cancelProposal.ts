// Cancels a proposal (by its GovernorStorage id): only its proposer may, and only before voting starts.
import { provenaGovernorAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';

export type CancelProposalParameters = { proposalId: bigint; title?: string };
export type CancelProposalReturnType = ContractCall<typeof provenaGovernorAbi, 'cancel'>;

/** The call that cancels `proposalId`, sent by its proposer while it is pending. */
export function cancelProposal(
	chainId: number,
	{ proposalId, title }: CancelProposalParameters
): CancelProposalReturnType {
	return {
		label: `Cancel ${title ? `“${title}”` : 'the proposal'}`,
		address: getContractAddress(chainId, 'ProvenaGovernor'),
		abi: provenaGovernorAbi,
		functionName: 'cancel',
		args: [proposalId]
	};
}
