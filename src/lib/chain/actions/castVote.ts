// Casts the sender's vote on a proposal, with an optional reason that stays on chain in the VoteCast event.
import { provenaGovernorAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';

/** 0 against, 1 for, 2 abstain (GovernorCountingSimple). */
export type VoteSupport = 0 | 1 | 2;
export type CastVoteParameters = { proposalId: bigint; support: VoteSupport; reason?: string; title?: string };
export type CastVoteReturnType = ContractCall<typeof provenaGovernorAbi, 'castVoteWithReason'>;

const words = ['Against', 'For', 'Abstain'] as const;

/** The call that votes `support` on `proposalId` with the sender's votes at the proposal's snapshot. */
export function castVote(
	chainId: number,
	{ proposalId, support, reason = '', title }: CastVoteParameters
): CastVoteReturnType {
	return {
		label:
			support === 2
				? `Abstain on ${title ? `“${title}”` : 'the proposal'}`
				: `Vote ${words[support]} ${title ? `“${title}”` : 'the proposal'}`,
		address: getContractAddress(chainId, 'ProvenaGovernor'),
		abi: provenaGovernorAbi,
		functionName: 'castVoteWithReason',
		args: [proposalId, support, reason.trim()]
	};
}
