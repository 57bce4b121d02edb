import { describe, expect, it } from 'vitest';
import { zeroAddress } from 'viem';
import { ALICE, BOB } from '../datanets/state/storedLogs.testing.ts';
import { effectiveState, proposalCountdown, proposalRules, type AccountFacts, type ProposalFacts } from './proposalRules.ts';

const e18 = 10n ** 18n;
const UTC = { timeZone: 'UTC' };
// 6 Dec 2026, 14:00:00 UTC
const T = Date.UTC(2026, 11, 6, 14, 0, 0) / 1000;

const facts = (over: Partial<ProposalFacts> = {}): ProposalFacts => ({
	state: 1,
	voteStart: T,
	voteEnd: T + 300,
	now: T + 10,
	tally: { for: 0n, against: 0n, abstain: 0n },
	quorum: 4n * e18,
	needsQueuing: true,
	timelockDelay: 60,
	proposer: ALICE,
	...over
});
const voter = (over: Partial<AccountFacts> = {}): AccountFacts => ({
	address: BOB,
	hasVoted: false,
	votesAtSnapshot: 10n * e18,
	votesNow: 10n * e18,
	wrapped: 10n * e18,
	delegate: BOB,
	...over
});
const reason = (rule: { allowed: boolean; reason?: string }) => ('reason' in rule ? rule.reason : undefined);

describe('voting', () => {
	it('is open to an account with votes at the snapshot, during the window', () => {
		const rules = proposalRules(facts(), voter(), UTC);
		expect(rules.state).toBe('Active');
		expect(rules.vote).toEqual({ allowed: true, note: 'You vote with 10 votes, your votes at the snapshot.' });
	});

	it('opens after the snapshot, saying when', () => {
		const rules = proposalRules(facts({ state: 0, now: T - 11 }), voter(), UTC);
		expect(rules.vote).toEqual({
			allowed: false,
			reason: 'Voting opens in 12 s, at 6 Dec 2026, 14:00:01.',
			possibleAt: T + 1
		});
	});

	it('is closed after the deadline, even before the chain has a block to say so', () => {
		const rules = proposalRules(facts({ state: 1, now: T + 301 }), voter(), UTC);
		expect(rules.vote.allowed).toBe(false);
		expect(reason(rules.vote)).toBe('Voting closed at 6 Dec 2026, 14:05:00 (1 s ago).');
	});

	it('explains a never-delegated account and offers the fix', () => {
		const rules = proposalRules(
			facts(),
			voter({ votesAtSnapshot: 0n, votesNow: 0n, delegate: zeroAddress, wrapped: 5n * e18 }),
			UTC
		);
		expect(reason(rules.vote)).toBe(
			"You had no votes at this proposal's snapshot (6 Dec 2026, 14:00:00): you had not delegated your vOPEN. Delegate now so your votes count on the next proposal."
		);
		expect(rules.offerDelegate).toBe(true);
	});

	it('explains votes delegated after the snapshot, votes given away, and no vOPEN', () => {
		expect(reason(proposalRules(facts(), voter({ votesAtSnapshot: 0n }), UTC).vote)).toContain(
			'votes count from the moment they are delegated, so your 10 votes count on the next proposal.'
		);
		expect(
			reason(proposalRules(facts(), voter({ votesAtSnapshot: 0n, votesNow: 0n, delegate: ALICE }), UTC).vote)
		).toContain(`your vOPEN votes through ${ALICE.slice(0, 6)}…${ALICE.slice(-4)}`);
		const none = proposalRules(
			facts(),
			voter({ votesAtSnapshot: 0n, votesNow: 0n, wrapped: 0n, delegate: zeroAddress })
		);
		expect(reason(none.vote)).toContain('Wrap OPEN into vOPEN and delegate it to yourself');
		expect(none.offerDelegate).toBe(false);
	});

	it('says how the account voted', () => {
		const rules = proposalRules(facts(), voter({ hasVoted: true, vote: { support: 0, weight: 2n * e18 } }));
		expect(reason(rules.vote)).toBe('You voted Against with 2 votes. A vote cannot be changed.');
	});

	it('asks for a wallet, and refuses a cancelled proposal', () => {
		expect(reason(proposalRules(facts(), undefined).vote)).toBe('Connect a wallet to vote.');
		expect(reason(proposalRules(facts({ state: 2 }), voter()).vote)).toBe(
			'Voting is over: the proposal was cancelled.'
		);
	});
});

describe('queueing and execution', () => {
	const passed = { for: 5n * e18, against: e18, abstain: 0n };

	it('queues a passed proposal once voting has ended', () => {
		expect(proposalRules(facts({ state: 4, now: T + 400, tally: passed }), voter()).queue.allowed).toBe(true);
		// The chain still says Active, but the clock is past the deadline: the next block sees Succeeded.
		const moved = facts({ state: 1, now: T + 301, tally: passed });
		expect(effectiveState(moved)).toBe('Succeeded');
		expect(proposalRules(moved, undefined).queue.allowed).toBe(true);
	});

	it('says when queueing opens during the vote', () => {
		const rules = proposalRules(facts({ tally: passed }), voter(), UTC);
		expect(rules.queue).toEqual({
			allowed: false,
			reason: 'Queueing opens when voting ends, at 6 Dec 2026, 14:05:01 (in 4 min 51 s), if the proposal passes.',
			possibleAt: T + 301
		});
		expect(reason(rules.execute)).toContain('Execution comes after voting ends');
	});

	it('says why a proposal was defeated', () => {
		const lowTurnout = facts({ state: 3, now: T + 400, tally: { for: e18, against: 0n, abstain: 0n } });
		expect(reason(proposalRules(lowTurnout, voter()).queue)).toBe(
			'The proposal was defeated: quorum not reached (1 votes for or abstaining of 4 votes needed).'
		);
		const against = facts({ state: 1, now: T + 400, tally: { for: 5n * e18, against: 5n * e18, abstain: 0n } });
		expect(effectiveState(against)).toBe('Defeated');
		expect(reason(proposalRules(against, voter()).execute)).toContain('not more votes for (5) than against (5)');
	});

	it('makes a succeeded proposal queue first', () => {
		expect(reason(proposalRules(facts({ state: 4, now: T + 400, tally: passed }), voter()).execute)).toBe(
			'Queue the proposal first: it becomes executable the Timelock delay (1 min) after it is queued.'
		);
	});

	it('executes a queued proposal from its eta', () => {
		const queued = facts({ state: 5, now: T + 400, eta: T + 460, tally: passed });
		const early = proposalRules(queued, voter(), UTC);
		expect(early.execute).toEqual({
			allowed: false,
			reason: 'Executable from 6 Dec 2026, 14:07:40 (timelock), in 1 min.',
			possibleAt: T + 460
		});
		expect(reason(early.queue)).toContain('Already queued: executable from 6 Dec 2026, 14:07:40');
		expect(proposalRules({ ...queued, now: T + 460 }, voter()).execute.allowed).toBe(true);
	});

	it('is over once executed', () => {
		const rules = proposalRules(facts({ state: 7, now: T + 600, tally: passed }), voter());
		expect(reason(rules.execute)).toBe('The proposal has been executed.');
		expect(reason(rules.cancel)).toBe('An executed proposal cannot be cancelled.');
	});
});

describe('cancelling', () => {
	it('is for the proposer while pending', () => {
		const pending = facts({ state: 0, now: T - 5 });
		expect(proposalRules(pending, voter({ address: ALICE })).cancel.allowed).toBe(true);
		expect(reason(proposalRules(pending, voter()).cancel)).toBe(
			`Only the proposer can cancel, and only before voting starts (the proposer is ${ALICE.slice(0, 6)}…${ALICE.slice(-4)}).`
		);
		expect(reason(proposalRules(facts(), voter({ address: ALICE }), UTC).cancel)).toBe(
			'Only the proposer can cancel, and only before voting starts; voting started at 6 Dec 2026, 14:00:01 (9 s ago).'
		);
	});
});

describe('proposalCountdown', () => {
	it('says what the proposal waits for next', () => {
		const passed = { for: 5n * e18, against: 0n, abstain: 0n };
		expect(proposalCountdown(facts({ state: 0, now: T - 11 }))).toBe('Voting opens in 12 s');
		expect(proposalCountdown(facts())).toBe('Voting ends in 4 min 50 s');
		expect(proposalCountdown(facts({ state: 4, now: T + 400, tally: passed }))).toBe('Passed: ready to queue');
		expect(proposalCountdown(facts({ state: 5, now: T + 400, eta: T + 460, tally: passed }))).toBe('Executable in 1 min');
		expect(proposalCountdown(facts({ state: 5, now: T + 460, eta: T + 460, tally: passed }))).toBe('Ready to execute');
		expect(proposalCountdown(facts({ state: 2 }))).toBe('Cancelled');
	});
});
