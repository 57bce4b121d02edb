// Reads the Governor's rules of the game: how long after proposing voting opens, how long it lasts, the votes
// needed to propose, the Timelock's delay, and how many proposals GovernorStorage holds.
import { readContract } from 'viem/actions';
import type { ReadContractErrorType } from 'viem';
import { provenaGovernorAbi, provenaTimelockAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetGovernorSettingsReturnType = {
	/** Seconds from proposing to the snapshot. */
	votingDelay: number;
	/** Seconds voting lasts. */
	votingPeriod: number;
	/** Votes (vOPEN wei) needed to propose. */
	proposalThreshold: bigint;
	/** Seconds a queued proposal waits in the Timelock. */
	timelockDelay: number;
	/** Share of the vOPEN supply that must vote for or abstain, as numerator over denominator. */
	quorumNumerator: bigint;
	quorumDenominator: bigint;
	proposalCount: number;
};
export type GetGovernorSettingsErrorType = ReadContractErrorType;

/** Reads the Governor's delay, period, threshold, quorum and proposal count, and the Timelock's delay. */
export async function getGovernorSettings(client: ReadClient): Promise<GetGovernorSettingsReturnType> {
	const address = getContractAddress(client.chain.id, 'ProvenaGovernor');
	const timelock = getContractAddress(client.chain.id, 'ProvenaTimelock');
	const [votingDelay, votingPeriod, proposalThreshold, timelockDelay, quorumNumerator, quorumDenominator, proposalCount] = await Promise.all([
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'votingDelay' }),
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'votingPeriod' }),
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'proposalThreshold' }),
		readContract(client, { address: timelock, abi: provenaTimelockAbi, functionName: 'getMinDelay' }),
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'quorumNumerator' }),
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'quorumDenominator' }),
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'proposalCount' })
	]);
	return {
		votingDelay: Number(votingDelay),
		votingPeriod: Number(votingPeriod),
		proposalThreshold,
		timelockDelay: Number(timelockDelay),
		quorumNumerator,
		quorumDenominator,
		proposalCount: Number(proposalCount)
	};
}
