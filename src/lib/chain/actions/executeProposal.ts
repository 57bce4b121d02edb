// Executes a queued proposal (by its GovernorStorage id) once the Timelock delay has passed: the Timelock makes
// each call, and any that reverts undoes the whole execution (the proposal stays queued).
import { provenaGovernorAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';

export type ExecuteProposalParameters = { proposalId: bigint; title?: string };
export type ExecuteProposalReturnType = ContractCall<typeof provenaGovernorAbi, 'execute'>;

/** The call that executes `proposalId`; anyone may send it. Treasury transfers come from the Timelock, not the sender. */
export function executeProposal(
	chainId: number,
	{ proposalId, title }: ExecuteProposalParameters
): ExecuteProposalReturnType {
	return {
		label: `Execute ${title ? `“${title}”` : 'the proposal'}`,
		address: getContractAddress(chainId, 'ProvenaGovernor'),
		abi: provenaGovernorAbi,
		functionName: 'execute',
		args: [proposalId]
	};
}
