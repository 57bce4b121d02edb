// Queues a passed proposal in the Timelock (by its GovernorStorage id): it becomes executable after the delay.
import { provenaGovernorAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';

export type QueueProposalParameters = { proposalId: bigint; title?: string };
export type QueueProposalReturnType = ContractCall<typeof provenaGovernorAbi, 'queue'>;

/** The call that queues `proposalId`; anyone may send it once the proposal has succeeded. */
export function queueProposal(
	chainId: number,
	{ proposalId, title }: QueueProposalParameters
): QueueProposalReturnType {
	return {
		label: `Queue ${title ? `“${title}”` : 'the proposal'} in the Timelock`,
		address: getContractAddress(chainId, 'ProvenaGovernor'),
		abi: provenaGovernorAbi,
		functionName: 'queue',
		args: [proposalId]
	};
}
