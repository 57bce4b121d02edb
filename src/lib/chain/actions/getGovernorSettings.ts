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
	proposalCount: number;
};
export type GetGovernorSettingsErrorType = ReadContractErrorType;

/** Reads the Governor's delay, period, threshold and proposal count, and the Timelock's delay. */
export async function getGovernorSettings(client: ReadClient): Promise<GetGovernorSettingsReturnType> {
	const address = getContractAddress(client.chain.id, 'ProvenaGovernor');
	const timelock = getContractAddress(client.chain.id, 'ProvenaTimelock');
	const [votingDelay, votingPeriod, proposalThreshold, timelockDelay, proposalCount] = await Promise.all([
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'votingDelay' }),
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'votingPeriod' }),
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'proposalThreshold' }),
		readContract(client, { address: timelock, abi: provenaTimelockAbi, functionName: 'getMinDelay' }),
		readContract(client, { address, abi: provenaGovernorAbi, functionName: 'proposalCount' })
	]);
	return {
		votingDelay: Number(votingDelay),
		votingPeriod: Number(votingPeriod),
		proposalThreshold,
		timelockDelay: Number(timelockDelay),
		proposalCount: Number(proposalCount)
	};
}
