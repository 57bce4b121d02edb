// Governance without a backend: the Governor's events, folded in chain order into the proposals the pages show.
// ProposalCreated carries everything the Governor was given (actions, description, voting window, proposer);
// VoteCast, ProposalQueued, ProposalExecuted and ProposalCanceled move a proposal along. The fold is pure, so the
// page rebuilds it from the log store after every sync. GovernorStorage's numbering (proposalDetailsAt) is merged
// in afterwards, so a proposal whose creation event the page missed still shows with its actions.
import { getAddress, type Address, type Hex } from 'viem';
import type { StoredLog } from '../chain/sync/logStore.ts';
import { argsOf } from '../chain/sync/storedLogArgs.ts';
import { proposalTitle } from './proposalTitle.ts';
import type { ProposalAction } from './describeAction.ts';

/** The Governor's proposal states, as OpenZeppelin numbers them. */
export const PROPOSAL_STATES = [
	'Pending',
	'Active',
	'Canceled',
	'Defeated',
	'Succeeded',
	'Queued',
	'Expired',
	'Executed'
] as const;
export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

/** How a vote was cast, as GovernorCountingSimple numbers it. */
export const SUPPORT = ['Against', 'For', 'Abstain'] as const;
export type SupportName = (typeof SUPPORT)[number];

/** Where in the chain something happened. */
export type ChainPoint = { blockNumber: number; transactionHash: Hex };

/** One VoteCast. */
export type VoteView = ChainPoint & {
	voter: Address;
	support: 0 | 1 | 2;
	weight: bigint;
	reason: string;
};

/** Votes for, against and abstaining, in vOPEN wei. */
export type Tally = { for: bigint; against: bigint; abstain: bigint };

export type ProposalView = {
	/** The proposal id, in decimal (a 256-bit hash). */
	id: string;
	/** GovernorStorage's index (0 = first proposal), when known. */
	index?: number;
	proposer?: Address;
	actions: ProposalAction[];
	/** The full description; empty when only GovernorStorage knew the proposal. */
	description: string;
	title: string;
	descriptionHash?: Hex;
	/** Unix seconds: votes are counted as of this time; voting opens just after it. */
	voteStart?: number;
	/** Unix seconds: the last second a vote is accepted. */
	voteEnd?: number;
	created?: ChainPoint;
	queued?: ChainPoint & { eta: number };
	executed?: ChainPoint;
	canceled?: ChainPoint;
	/** Every vote, in chain order. */
	votes: VoteView[];
	/** The sums of `votes`. */
	tally: Tally;
};

/** Folds the Governor's stored logs (in chain order) into its proposals, newest first. */
export function buildProposals(logs: readonly StoredLog[]): ProposalView[] {
	const byId = new Map<string, ProposalView>();
	const order: string[] = [];
	const get = (id: string): ProposalView => {
		let proposal = byId.get(id);
		if (!proposal) {
			proposal = { id, actions: [], description: '', title: `Proposal ${shortId(id)}`, votes: [], tally: zeroTally() };
			byId.set(id, proposal);
			order.push(id);
		}
		return proposal;
	};
	for (const log of logs) {
		const point: ChainPoint = { blockNumber: log.blockNumber, transactionHash: log.transactionHash };
		const a = argsOf(log);
		switch (log.eventName) {
			case 'ProposalCreated': {
				const proposal = get(a.id('proposalId'));
				const targets = a.strings('targets');
				const values = a.strings('values');
				const calldatas = a.strings('calldatas') as Hex[];
				const description = a.str('description');
				Object.assign(proposal, {
					proposer: a.address('proposer'),
					actions: targets.map((_, i) => ({
						target: getAddress(targets[i]!.toLowerCase()),
						value: BigInt(values[i] ?? '0'),
						calldata: calldatas[i] ?? '0x'
					})),
					description,
					title: proposalTitle(description),
					voteStart: a.num('voteStart'),
					voteEnd: a.num('voteEnd'),
					created: point
				});
				break;
			}
			case 'VoteCast': {
				const proposal = get(a.id('proposalId'));
				const support = a.num('support');
				const weight = a.big('weight');
				if (support !== 0 && support !== 1 && support !== 2) break;
				proposal.votes.push({ ...point, voter: a.address('voter'), support, weight, reason: a.str('reason') });
				if (support === 0) proposal.tally.against += weight;
				else if (support === 1) proposal.tally.for += weight;
				else proposal.tally.abstain += weight;
				break;
			}
			case 'ProposalQueued':
				get(a.id('proposalId')).queued = { ...point, eta: a.num('etaSeconds') };
				break;
			case 'ProposalExecuted':
				get(a.id('proposalId')).executed = point;
				break;
			case 'ProposalCanceled':
				get(a.id('proposalId')).canceled = point;
				break;
		}
	}
	return order.map((id) => byId.get(id)!).reverse();
}

/** A proposal as GovernorStorage returns it from proposalDetailsAt(index). */
export type StoredProposalDetails = {
	index: number;
	id: bigint;
	targets: readonly Address[];
	values: readonly bigint[];
	calldatas: readonly Hex[];
	descriptionHash: Hex;
};

/**
 * Adds GovernorStorage's numbering and description hashes to the proposals folded from events; a proposal the
 * storage knows but the events do not (its logs not synced) is added with its actions. Ordered newest first.
 */
export function mergeStoredDetails(
	proposals: readonly ProposalView[],
	details: readonly StoredProposalDetails[]
): ProposalView[] {
	const byId = new Map(proposals.map((p) => [p.id, { ...p }]));
	for (const d of details) {
		const id = d.id.toString();
		const known = byId.get(id);
		if (known) {
			known.index = d.index;
			known.descriptionHash = d.descriptionHash;
			if (known.actions.length === 0)
				known.actions = d.targets.map((target, i) => ({
					target,
					value: d.values[i] ?? 0n,
					calldata: d.calldatas[i] ?? '0x'
				}));
		} else {
			byId.set(id, {
				id,
				index: d.index,
				actions: d.targets.map((target, i) => ({ target, value: d.values[i] ?? 0n, calldata: d.calldatas[i] ?? '0x' })),
				description: '',
				title: `Proposal ${shortId(id)}`,
				descriptionHash: d.descriptionHash,
				votes: [],
				tally: zeroTally()
			});
		}
	}
	const eventOrder = new Map(proposals.map((p, i) => [p.id, i]));
	return [...byId.values()].sort((a, b) => {
		if (a.index !== undefined && b.index !== undefined) return b.index - a.index;
		return (eventOrder.get(a.id) ?? -1) - (eventOrder.get(b.id) ?? -1);
	});
}

/** The proposal with id `id` (decimal), if any. */
export function proposalById(proposals: readonly ProposalView[], id: string): ProposalView | undefined {
	return proposals.find((p) => p.id === id);
}

/** The vote `account` cast on `proposal`, if any. */
export function voteOf(proposal: ProposalView, account: Address | undefined): VoteView | undefined {
	if (!account) return undefined;
	return proposal.votes.find((v) => v.voter.toLowerCase() === account.toLowerCase());
}

/** A proposal id for reading: they are 256-bit hashes ("3417…9022"). */
export function shortId(id: string): string {
	return id.length > 12 ? `${id.slice(0, 6)}…${id.slice(-4)}` : id;
}

function zeroTally(): Tally {
	return { for: 0n, against: 0n, abstain: 0n };
}
