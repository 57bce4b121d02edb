// The Governor's, the Timelock's and their access checks' refusals (OpenZeppelin's errors) in words and units.
import { keccak256, toHex, zeroHash } from 'viem';
import type { RevertSentences } from './types.ts';
import { addr, big, duration, enumName, num, open } from './units.ts';

const proposalStates = ['pending', 'active', 'cancelled', 'defeated', 'succeeded', 'queued', 'expired', 'executed'] as const;
const operationStates = ['unscheduled', 'waiting', 'ready', 'done'] as const;

/** The Timelock's roles by their hash. */
const roles = new Map<string, string>([
	[zeroHash, 'admin'],
	...(['PROPOSER', 'EXECUTOR', 'CANCELLER'] as const).map((role): [string, string] => [
		keccak256(toHex(`${role}_ROLE`)),
		role.toLowerCase()
	])
]);

/** The states set in an OpenZeppelin state bitmap (bit i = state i), e.g. "succeeded or queued". */
function statesIn(bitmap: unknown, names: readonly string[]): string {
	const bits = big(bitmap);
	const set = names.filter((_, i) => (bits >> BigInt(i)) & 1n);
	if (set.length === 0) return 'in no state';
	return set.length === 1 ? set[0]! : `${set.slice(0, -1).join(', ')} or ${set.at(-1)}`;
}

/** A proposal id, shortened: they are 256-bit hashes. */
function proposal(id: unknown): string {
	const text = big(id).toString();
	return text.length > 12 ? `${text.slice(0, 6)}…${text.slice(-4)}` : text;
}

export const governanceSentences: RevertSentences = {
	GovernorAlreadyCastVote: ([voter]) => `${addr(voter)} has already voted on this proposal. A vote cannot be changed.`,
	GovernorAlreadyQueuedProposal: ([proposalId]) =>
		`Proposal ${proposal(proposalId)} is already queued. Execute it once the Timelock delay has passed.`,
	GovernorDisabledDeposit: () => 'The Governor does not take OPEN. Send nothing with this call.',
	GovernorInsufficientProposerVotes: ([proposer, votes, threshold]) =>
		`${addr(proposer)} has ${open(votes, 'vOPEN')} of votes; proposing needs ${open(threshold, 'vOPEN')}. Wrap more OPEN into vOPEN and delegate it to yourself, or ask someone with enough votes to propose.`,
	GovernorInvalidProposalLength: ([targets, calldatas, values]) =>
		`A proposal's targets, calls and values must be lists of one length (got ${num(targets)}, ${num(calldatas)} and ${num(values)}, or none). Build the proposal again.`,
	GovernorInvalidQuorumFraction: ([quorumNumerator, quorumDenominator]) =>
		`A quorum of ${quorumNumerator}/${quorumDenominator} is not allowed. Propose a quorum of at most 100%.`,
	GovernorInvalidSignature: ([voter]) => `The vote signature is not ${addr(voter)}'s. Sign the vote again.`,
	GovernorInvalidVoteParams: () => 'This Governor takes no extra vote parameters. Vote without them.',
	GovernorInvalidVoteType: () => 'That is not a vote: choose for, against or abstain.',
	GovernorInvalidVotingPeriod: ([votingPeriod]) =>
		`A voting period of ${duration(votingPeriod)} is not allowed. Propose a longer voting period.`,
	GovernorNonexistentProposal: ([proposalId]) =>
		`There is no proposal ${proposal(proposalId)}. Check the link, or pick a proposal from the list.`,
	GovernorOnlyExecutor: ([account]) =>
		`Only governance (the Timelock) can do this; ${addr(account)} cannot. Propose it instead.`,
	GovernorProposalQueueingFailed: ([proposalId]) =>
		`Proposal ${proposal(proposalId)} could not be queued in the Timelock. Reload the page and try again.`,
	GovernorProposalQueueingNotRequired: ([proposalId]) =>
		`Proposal ${proposal(proposalId)} needs no queueing. Execute it directly.`,
	GovernorRestrictedProposer: ([proposer]) =>
		`${addr(proposer)} may not submit this proposal (its description names another proposer). Submit it from that account.`,
	GovernorUnableToCancel: ([proposalId, account]) =>
		`${addr(account)} cannot cancel proposal ${proposal(proposalId)}: only its proposer can, and only before voting starts.`,
	GovernorUnexpectedProposalState: ([proposalId, current, expectedStates]) =>
		`Proposal ${proposal(proposalId)} is ${enumName(proposalStates, current)}; this needs it to be ${statesIn(expectedStates, proposalStates)}. Reload the page to see where it stands.`,
	TimelockInsufficientDelay: ([delay, minDelay]) =>
		`A delay of ${duration(delay)} is shorter than the Timelock's minimum of ${duration(minDelay)}. Use at least ${duration(minDelay)}.`,
	TimelockInvalidOperationLength: ([targets, payloads, values]) =>
		`An operation's targets, calls and values must be lists of one length (got ${num(targets)}, ${num(payloads)} and ${num(values)}). Build the operation again.`,
	TimelockUnauthorizedCaller: ([caller]) =>
		`Only the Timelock itself can do this; ${addr(caller)} cannot. Propose it through governance.`,
	TimelockUnexecutedPredecessor: ([predecessorId]) =>
		`An operation this one depends on (${String(predecessorId).slice(0, 10)}…) has not been executed. Execute that one first.`,
	TimelockUnexpectedOperationState: ([operationId, expectedStates]) =>
		`The Timelock operation ${String(operationId).slice(0, 10)}… is not ${statesIn(expectedStates, operationStates)}. Wait for the Timelock delay, or reload the page to see where it stands.`,
	AccessControlBadConfirmation: () => 'A role can only be renounced by its own holder. Switch to that account.',
	AccessControlUnauthorizedAccount: ([account, neededRole]) =>
		`${addr(account)} lacks the Timelock's ${roles.get(String(neededRole).toLowerCase()) ?? 'required'} role. Only governance can do this: propose it instead.`,
	OwnableInvalidOwner: ([owner]) => `${addr(owner)} cannot be the owner (the zero address). Enter the new owner's address.`,
	OwnableUnauthorizedAccount: ([account]) =>
		`Only the owner (governance, through the Timelock) can do this; ${addr(account)} cannot. Propose the change through governance.`
};
