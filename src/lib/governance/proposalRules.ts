// What a reader may do with a proposal now, and, when not, why and from when: every button on the proposal page
// reads its rule from here. The chain's own state is read at the latest block, but the next transaction lands in
// a later one, so the rules also look at the estimated chain time: a proposal the chain still calls Active whose
// voting window has passed is closed for voting, and, if it passed, ready to queue.
import { zeroAddress, type Address } from 'viem';
import { formatOpen, shortAddress } from '../format.ts';
import { PROPOSAL_STATES, SUPPORT, type ProposalStateName, type Tally } from './proposals.ts';
import { formatChainTime, formatDuration, relativeTime, type TimeFormat } from './time.ts';

/** What the page knows about a proposal. Times are Unix seconds (the Governor's clock is the block timestamp). */
export type ProposalFacts = {
	/** The Governor's state(id) at the latest block, 0 Pending … 7 Executed. */
	state: number;
	voteStart: number;
	voteEnd: number;
	/** When a queued proposal becomes executable. */
	eta?: number;
	/** The page's estimate of chain time now. */
	now: number;
	tally: Tally;
	/** Votes (for + abstain) needed; undefined until read. */
	quorum?: bigint;
	/** Whether passed proposals go through the Timelock (queue, wait, execute). */
	needsQueuing: boolean;
	/** The Timelock's minimum delay in seconds. */
	timelockDelay?: number;
	proposer?: Address;
};

/** What the page knows about the connected account. */
export type AccountFacts = {
	address: Address;
	/** The vote cast on this proposal, if any. */
	vote?: { support: number; weight: bigint };
	hasVoted: boolean;
	/** Votes at the proposal's snapshot; undefined while the snapshot is in the future or not yet read. */
	votesAtSnapshot?: bigint;
	/** Votes counted now. */
	votesNow: bigint;
	/** vOPEN held. */
	wrapped: bigint;
	/** Who the account's own vOPEN votes for (zero address: nobody). */
	delegate: Address;
};

/** Whether an action can be taken now; when not, why, and from when if a time will make it possible. */
export type ActionRule = { allowed: true; note?: string } | { allowed: false; reason: string; possibleAt?: number };

export type ProposalRules = {
	/** The state the next transaction will meet (the chain's, moved on by the clock). */
	state: ProposalStateName;
	vote: ActionRule;
	queue: ActionRule;
	execute: ActionRule;
	cancel: ActionRule;
	/** Whether to offer "delegate to myself" (vOPEN held but counted for nobody). */
	offerDelegate: boolean;
};

/** Whether the votes meet quorum (for + abstain) and more are for than against, as GovernorCountingSimple decides. */
export function passes(tally: Tally, quorum: bigint): boolean {
	return tally.for + tally.abstain >= quorum && tally.for > tally.against;
}

/** Why a closed vote failed, in words. */
export function defeatReason(tally: Tally, quorum: bigint | undefined): string {
	const reasons: string[] = [];
	if (quorum !== undefined && tally.for + tally.abstain < quorum)
		reasons.push(
			`quorum not reached (${formatOpen(tally.for + tally.abstain, { symbol: 'votes' })} for or abstaining of ${formatOpen(quorum, { symbol: 'votes' })} needed)`
		);
	if (tally.for <= tally.against)
		reasons.push(
			`not more votes for (${formatOpen(tally.for, { symbol: '' }).trim()}) than against (${formatOpen(tally.against, { symbol: '' }).trim()})`
		);
	return reasons.length ? reasons.join(' and ') : 'the vote did not pass';
}

/** The state the next transaction will meet: the chain's, moved on by the estimated chain time. */
export function effectiveState(facts: ProposalFacts): ProposalStateName {
	const chain = PROPOSAL_STATES[facts.state] ?? 'Pending';
	if (chain !== 'Pending' && chain !== 'Active') return chain;
	// OpenZeppelin: Pending while snapshot >= now, Active while deadline >= now.
	if (facts.now <= facts.voteStart) return 'Pending';
	if (facts.now <= facts.voteEnd) return 'Active';
	if (facts.quorum === undefined) return chain;
	return passes(facts.tally, facts.quorum) ? 'Succeeded' : 'Defeated';
}

/** The rules for every action on a proposal, for `account` (undefined: no wallet connected). */
export function proposalRules(
	facts: ProposalFacts,
	account: AccountFacts | undefined,
	format: TimeFormat = {}
): ProposalRules {
	const state = effectiveState(facts);
	const at = (seconds: number) => `${formatChainTime(seconds, format)} (${relativeTime(seconds, facts.now)})`;
	const opensAt = facts.voteStart + 1;
	const delay = facts.timelockDelay;
	const delayWords = delay === undefined ? 'the Timelock delay' : `the Timelock delay (${formatDuration(delay)})`;
	const over: Partial<Record<ProposalStateName, string>> = {
		Canceled: 'The proposal was cancelled.',
		Executed: 'The proposal has been executed.',
		Expired: 'The proposal expired before it was executed.',
		Defeated: `The proposal was defeated: ${defeatReason(facts.tally, facts.quorum)}.`
	};
	const offerDelegate = !!account && account.wrapped > 0n && account.delegate === zeroAddress;

	const vote = ((): ActionRule => {
		if (state === 'Canceled') return { allowed: false, reason: 'Voting is over: the proposal was cancelled.' };
		if (state === 'Pending')
			return {
				allowed: false,
				reason: `Voting opens ${relativeTime(opensAt, facts.now)}, at ${formatChainTime(opensAt, format)}.${
					offerDelegate
						? ' Your vOPEN is not delegated: delegate it before then, or it will not count on this proposal.'
						: ''
				}`,
				possibleAt: opensAt
			};
		if (state !== 'Active') return { allowed: false, reason: `Voting closed at ${at(facts.voteEnd)}.` };
		if (!account) return { allowed: false, reason: 'Connect a wallet to vote.' };
		if (account.hasVoted || account.vote) {
			const how = account.vote
				? ` ${SUPPORT[account.vote.support] ?? 'a vote'} with ${formatOpen(account.vote.weight, { symbol: 'votes' })}`
				: '';
			return { allowed: false, reason: `You voted${how}. A vote cannot be changed.` };
		}
		if (account.votesAtSnapshot === undefined)
			return { allowed: false, reason: "Reading your votes at this proposal's snapshot…" };
		if (account.votesAtSnapshot === 0n) {
			const snapshot = `You had no votes at this proposal's snapshot (${formatChainTime(facts.voteStart, format)})`;
			if (account.wrapped > 0n && account.delegate === zeroAddress)
				return {
					allowed: false,
					reason: `${snapshot}: you had not delegated your vOPEN. Delegate now so your votes count on the next proposal.`
				};
			if (account.votesNow > 0n)
				return {
					allowed: false,
					reason: `${snapshot}: votes count from the moment they are delegated, so your ${formatOpen(account.votesNow, { symbol: 'votes' })} count on the next proposal.`
				};
			if (account.wrapped > 0n)
				return {
					allowed: false,
					reason: `${snapshot}: your vOPEN votes through ${shortAddress(account.delegate)}, to whom you delegated it.`
				};
			return {
				allowed: false,
				reason: `${snapshot}: you held no delegated vOPEN. Wrap OPEN into vOPEN and delegate it to yourself to vote on the next proposal.`
			};
		}
		return {
			allowed: true,
			note: `You vote with ${formatOpen(account.votesAtSnapshot, { symbol: 'votes' })}, your votes at the snapshot.`
		};
	})();

	const queue = ((): ActionRule => {
		if (over[state]) return { allowed: false, reason: over[state]! };
		if (!facts.needsQueuing) return { allowed: false, reason: 'This proposal needs no queueing: execute it directly.' };
		if (state === 'Queued')
			return {
				allowed: false,
				reason: `Already queued: executable from ${facts.eta === undefined ? 'the end of the Timelock delay' : at(facts.eta)}.`
			};
		if (state === 'Pending' || state === 'Active')
			return {
				allowed: false,
				reason: `Queueing opens when voting ends, at ${at(facts.voteEnd + 1)}, if the proposal passes.`,
				possibleAt: facts.voteEnd + 1
			};
		return { allowed: true, note: `Once queued, the Timelock waits ${delayWords} before it can be executed.` };
	})();

	const execute = ((): ActionRule => {
		if (over[state]) return { allowed: false, reason: over[state]! };
		if (state === 'Pending' || state === 'Active')
			return {
				allowed: false,
				reason: `Execution comes after voting ends (${at(facts.voteEnd)}), queueing, and ${delayWords}.`,
				possibleAt: facts.voteEnd + 1 + (delay ?? 0)
			};
		if (state === 'Succeeded' && facts.needsQueuing)
			return {
				allowed: false,
				reason: `Queue the proposal first: it becomes executable ${delayWords} after it is queued.`
			};
		if (state === 'Queued' && facts.eta !== undefined && facts.now < facts.eta)
			return {
				allowed: false,
				reason: `Executable from ${formatChainTime(facts.eta, format)} (timelock), ${relativeTime(facts.eta, facts.now)}.`,
				possibleAt: facts.eta
			};
		return { allowed: true };
	})();

	const cancel = ((): ActionRule => {
		const rule = 'Only the proposer can cancel, and only before voting starts';
		if (state === 'Canceled') return { allowed: false, reason: 'The proposal is already cancelled.' };
		if (state === 'Executed') return { allowed: false, reason: 'An executed proposal cannot be cancelled.' };
		if (!account)
			return {
				allowed: false,
				reason: `${rule}: connect the proposer's wallet${facts.proposer ? ` (${shortAddress(facts.proposer)})` : ''}.`
			};
		if (!facts.proposer || account.address.toLowerCase() !== facts.proposer.toLowerCase())
			return {
				allowed: false,
				reason: `${rule}${facts.proposer ? ` (the proposer is ${shortAddress(facts.proposer)})` : ''}.`
			};
		if (state !== 'Pending') return { allowed: false, reason: `${rule}; voting started at ${at(opensAt)}.` };
		return { allowed: true, note: `You can cancel until voting opens, at ${at(opensAt)}.` };
	})();

	return { state, vote, queue, execute, cancel, offerDelegate };
}

/** What the proposal waits for next, with how long: the list's "time left" column. */
export function proposalCountdown(facts: ProposalFacts): string {
	const state = effectiveState(facts);
	switch (state) {
		case 'Pending':
			return `Voting opens ${relativeTime(facts.voteStart + 1, facts.now)}`;
		case 'Active':
			return `Voting ends ${relativeTime(facts.voteEnd, facts.now)}`;
		case 'Succeeded':
			return facts.needsQueuing ? 'Passed: ready to queue' : 'Passed: ready to execute';
		case 'Queued':
			return facts.eta === undefined || facts.now >= facts.eta
				? 'Ready to execute'
				: `Executable ${relativeTime(facts.eta, facts.now)}`;
		case 'Defeated':
			return `Defeated: ${defeatReason(facts.tally, facts.quorum)}`;
		case 'Canceled':
			return 'Cancelled';
		case 'Expired':
			return 'Expired';
		case 'Executed':
			return 'Executed';
	}
}
