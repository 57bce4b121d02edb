// Reads where a proposal stands now: the Governor's state, its voting window, the tallies, the quorum it must
// meet, when a queued proposal becomes executable, and the chain time those were read at.
import { readContract } from 'viem/actions';
import type { Address, ReadContractErrorType } from 'viem';
import { provenaGovernorAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetProposalParameters = { proposalId: bigint };
export type GetProposalReturnType = {
	/** 0 Pending, 1 Active, 2 Canceled, 3 Defeated, 4 Succeeded, 5 Queued, 6 Expired, 7 Executed. */
	state: number;
	/** Unix seconds; votes count as of this time. */
	snapshot: number;
	/** Unix seconds; the last second a vote is accepted. */
	deadline: number;
	/** Unix seconds when a queued proposal becomes executable; 0 unless queued. */
	eta: number;
	proposer: Address;
	tally: { against: bigint; for: bigint; abstain: bigint };
	/** Votes (for + abstain) the proposal needs; fixed at the snapshot once it has passed. */
	quorum: bigint;
	/** False while the snapshot is in the future: `quorum` is then today's figure, which may still move. */
	quorumFinal: boolean;
	needsQueuing: boolean;
	/** The Governor's clock (the latest block's timestamp) when read. */
	clock: number;
};
export type GetProposalErrorType = ReadContractErrorType;

/** Reads `proposalId`'s state, window, tallies and quorum; a proposal that does not exist throws GovernorNonexistentProposal. */
export async function getProposal(
	client: ReadClient,
	{ proposalId }: GetProposalParameters
): Promise<GetProposalReturnType> {
	const address = getContractAddress(client.chain.id, 'ProvenaGovernor');
	const args = [proposalId] as const;
	const abi = provenaGovernorAbi;
	const [state, snapshot, deadline, eta, proposer, votes, needsQueuing, clock] = await Promise.all([
		readContract(client, { address, abi, functionName: 'state', args }),
		readContract(client, { address, abi, functionName: 'proposalSnapshot', args }),
		readContract(client, { address, abi, functionName: 'proposalDeadline', args }),
		readContract(client, { address, abi, functionName: 'proposalEta', args }),
		readContract(client, { address, abi, functionName: 'proposalProposer', args }),
		readContract(client, { address, abi, functionName: 'proposalVotes', args }),
		readContract(client, { address, abi, functionName: 'proposalNeedsQueuing', args }),
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'clock' })
	]);
	// quorum(t) reads the vOPEN supply at t, which must be in the past.
	const quorumFinal = snapshot < BigInt(clock);
	const quorum = await readContract(client, {
		address,
		abi: provenaGovernorAbi,
		functionName: 'quorum',
		args: [quorumFinal ? snapshot : BigInt(clock) - 1n]
	});
	const [against, forVotes, abstain] = votes;
	return {
		state,
		snapshot: Number(snapshot),
		deadline: Number(deadline),
		eta: Number(eta),
		proposer,
		tally: { against, for: forVotes, abstain },
		quorum,
		quorumFinal,
		needsQueuing,
		clock: Number(clock)
	};
}
