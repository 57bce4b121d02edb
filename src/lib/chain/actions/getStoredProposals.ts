// Reads GovernorStorage's numbered proposals (proposalDetailsAt): every proposal's id and actions, without an
// indexer. The proposal list merges them with the Governor's events, which carry the descriptions.
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { provenaGovernorAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { StoredProposalDetails } from '../../governance/proposals.ts';
import type { ReadClient } from './readClient.ts';

export type GetStoredProposalsParameters = { from: number; to: number };
export type GetStoredProposalsReturnType = StoredProposalDetails[];
export type GetStoredProposalsErrorType = ReadContractErrorType;

/** Reads the proposals numbered `from` up to but not including `to`. */
export async function getStoredProposals(
	client: ReadClient,
	{ from, to }: GetStoredProposalsParameters
): Promise<GetStoredProposalsReturnType> {
	const address = getContractAddress(client.chain.id, 'ProvenaGovernor');
	const indices = Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
	return Promise.all(
		indices.map(async (index) => {
			const [id, targets, values, calldatas, descriptionHash] = await readContract(client, {
				address,
				abi: provenaGovernorAbi,
				functionName: 'proposalDetailsAt',
				args: [BigInt(index)]
			});
			return { index, id, targets, values, calldatas, descriptionHash };
		})
	);
}
