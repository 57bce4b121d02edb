// Submits a proposal to the Governor: its actions (what the Timelock will call) and its description ("# Title" and
// a markdown body). The Governor refuses a proposer whose votes one second ago are below the proposal threshold.
import { decodeEventLog, type Log } from 'viem';
import { provenaGovernorAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ProposalAction } from '../../governance/describeAction.ts';
import { proposalTitle } from '../../governance/proposalTitle.ts';
import type { ContractCall } from './contractCall.ts';

export type ProposeParameters = { actions: readonly ProposalAction[]; description: string };
export type ProposeReturnType = ContractCall<typeof provenaGovernorAbi, 'propose'>;

/** The call that proposes `actions` with `description`. */
export function propose(chainId: number, { actions, description }: ProposeParameters): ProposeReturnType {
	const count = actions.length;
	return {
		label: `Propose “${proposalTitle(description)}” (${count} action${count === 1 ? '' : 's'})`,
		address: getContractAddress(chainId, 'ProvenaGovernor'),
		abi: provenaGovernorAbi,
		functionName: 'propose',
		args: [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.calldata), description]
	};
}

/** The id of the proposal a confirmed propose transaction created, from its ProposalCreated log. */
export function proposedId(logs: readonly Log[] | undefined): bigint | undefined {
	for (const log of logs ?? []) {
		try {
			const event = decodeEventLog({ abi: provenaGovernorAbi, data: log.data, topics: log.topics });
			if (event.eventName === 'ProposalCreated') return event.args.proposalId;
		} catch {
			// another contract's log
		}
	}
	return undefined;
}
