// Reads what a proposal page needs to know about one account: whether it voted, its votes at the proposal's
// snapshot (what it votes with) and now, and where its vOPEN's votes go.
import { readContract } from 'viem/actions';
import type { Address, ReadContractErrorType } from 'viem';
import { provenaGovernorAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { getVotingPower, type GetVotingPowerReturnType } from './getVotingPower.ts';
import type { ReadClient } from './readClient.ts';

export type GetProposalVoterParameters = { proposalId: bigint; account: Address; snapshot: number };
export type GetProposalVoterReturnType = GetVotingPowerReturnType & {
	hasVoted: boolean;
	/** Votes at the snapshot; undefined while the snapshot is still in the future. */
	votesAtSnapshot?: bigint;
};
export type GetProposalVoterErrorType = ReadContractErrorType;

/** Reads `account`'s vote and voting power for `proposalId`, whose snapshot is `snapshot` (Unix seconds). */
export async function getProposalVoter(
	client: ReadClient,
	{ proposalId, account, snapshot }: GetProposalVoterParameters
): Promise<GetProposalVoterReturnType> {
	const address = getContractAddress(client.chain.id, 'ProvenaGovernor');
	const [hasVoted, clock, power] = await Promise.all([
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'hasVoted', args: [proposalId, account] }),
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'clock' }),
		getVotingPower(client, { account })
	]);
	// getVotes(account, t) reads a past checkpoint: t must be before the clock.
	const votesAtSnapshot =
		snapshot < clock
			? await readContract(client, {
					address,
					abi: provenaGovernorAbi,
					functionName: 'getVotes',
					args: [account, BigInt(snapshot)]
				})
			: undefined;
	return { ...power, hasVoted, votesAtSnapshot };
}
