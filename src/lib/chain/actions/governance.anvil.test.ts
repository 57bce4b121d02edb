// The governance actions against the real Governor and Timelock on a real anvil, as the proposal page uses them:
// proposals read back from synced events and GovernorStorage, a proposer cancelling while pending, votes cast with
// reasons, a passed proposal queued, refused before the Timelock delay (the decoded sentence), then executed; and
// the action rules fed with what the reads return agree with what the chain accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createPublicClient,
	encodeFunctionData,
	http,
	keccak256,
	parseEther,
	toHex,
	zeroAddress,
	type Address
} from 'viem';
import { startProtocolDevnet, type ProtocolDevnet } from '../../datanets/state/protocolDevnet.testing.ts';
import { protocolParamsAbi, provenaGovernorAbi } from '../abis.ts';
import { memoryLogStore } from '../sync/logStore.ts';
import { syncLogs } from '../sync/syncLogs.ts';
import { describeTransactionError } from '../transactions/describeTransactionError.ts';
import { knownErrorsAbi } from '../knownErrors.ts';
import { buildProposals, mergeStoredDetails } from '../../governance/proposals.ts';
import { proposalRules, type ProposalFacts } from '../../governance/proposalRules.ts';
import { cancelProposal } from './cancelProposal.ts';
import { castVote } from './castVote.ts';
import type { ContractCall } from './contractCall.ts';
import { delegateVotes } from './delegateVotes.ts';
import { executeProposal } from './executeProposal.ts';
import { getGovernorSettings } from './getGovernorSettings.ts';
import { getProposal, type GetProposalReturnType } from './getProposal.ts';
import { getProposalVoter } from './getProposalVoter.ts';
import { getStoredProposals } from './getStoredProposals.ts';
import { queueProposal } from './queueProposal.ts';
import { readTreasuryBalance } from './readTreasuryBalance.ts';
import { wrapOpen } from './wrapOpen.ts';

let devnet: ProtocolDevnet;
let proposer: Address;
let voter: Address;
let undelegated: Address;
const chainId = 31337;

beforeAll(async () => {
	devnet = await startProtocolDevnet();
	[proposer, voter, undelegated] = devnet.accounts.slice(5, 8) as [Address, Address, Address];
	for (const [account, amount] of [
		[proposer, parseEther('10')],
		[voter, parseEther('1000')]
	] as const) {
		await devnet.sendCall(account, wrapOpen(chainId, { amount }));
		await devnet.sendCall(account, delegateVotes(chainId, { delegatee: account, self: true }));
	}
	await devnet.sendCall(undelegated, wrapOpen(chainId, { amount: parseEther('5') }));
	await devnet.increaseTime(2); // votes count from the second after delegating
}, 120_000);

afterAll(async () => {
	await devnet?.anvil.stop();
});

async function propose(description: string, bps: number) {
	const governor = devnet.deployments.contracts.ProvenaGovernor.address;
	const target = devnet.deployments.contracts.ProtocolParams.address;
	const calldata = encodeFunctionData({ abi: protocolParamsAbi, functionName: 'setAttributionThreshold', args: [bps] });
	const receipt = await devnet.send(proposer, governor, provenaGovernorAbi, 'propose', [
		[target],
		[0n],
		[calldata],
		description
	]);
	const id = await devnet.publicClient.readContract({
		address: governor,
		abi: provenaGovernorAbi,
		functionName: 'hashProposal',
		args: [[target], [0n], [calldata], keccak256(toHex(description))]
	});
	const block = await devnet.publicClient.getBlock({ blockNumber: receipt.blockNumber });
	return { id, timestamp: Number(block.timestamp) };
}

async function refusal(account: Address, call: ContractCall) {
	const { address, abi, functionName, args } = call;
	const error = await devnet.publicClient.simulateContract({ account, address, abi, functionName, args }).then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error, `${call.label} should revert`).toBeDefined();
	// As TransactionFlow decodes: the called contract's errors and every other Provena contract's (the Timelock's).
	const problem = describeTransactionError(error, [...abi, ...knownErrorsAbi]);
	return problem.kind === 'rejected' ? { ...problem, reason: 'rejected' } : problem;
}

const factsOf = (live: GetProposalReturnType, timelockDelay: number): ProposalFacts => ({
	state: live.state,
	voteStart: live.snapshot,
	voteEnd: live.deadline,
	eta: live.eta || undefined,
	now: live.clock,
	tally: live.tally,
	quorum: live.quorum,
	needsQueuing: live.needsQueuing,
	timelockDelay,
	proposer: live.proposer
});

describe('governance actions on anvil', () => {
	it('read proposals back, cancel while pending, vote, queue, wait for the Timelock and execute', async () => {
		const client = devnet.publicClient;
		const settings = await getGovernorSettings(client);
		expect(settings.proposalCount).toBe(0);
		// The devnet's settings, as provena deploy set them (src/cli/deploy/protocolSettings.ts).
		expect(settings).toMatchObject({ votingDelay: 1, votingPeriod: 300, timelockDelay: 60, proposalThreshold: 10n ** 18n });
		expect(settings.quorumNumerator * 100n / settings.quorumDenominator).toBe(4n);

		// The proposer cancels in the very second voting would open after: still pending.
		const doomed = await propose('# Never mind\n', 300);
		await devnet.testClient.setNextBlockTimestamp({ timestamp: BigInt(doomed.timestamp + settings.votingDelay) });
		const cancelCall = cancelProposal(chainId, { proposalId: doomed.id, title: 'Never mind' });
		expect(cancelCall.label).toBe('Cancel “Never mind”');
		await devnet.sendCall(proposer, cancelCall);
		expect((await getProposal(client, { proposalId: doomed.id })).state).toBe(2);

		const { id } = await propose('# Raise the threshold\n\nBecause **spam**.', 300);
		await devnet.increaseTime(settings.votingDelay + 1);
		const live = await getProposal(client, { proposalId: id });
		expect(live).toMatchObject({ state: 1, proposer, quorumFinal: true, needsQueuing: true, eta: 0 });

		// Someone else cannot cancel; the proposer no longer can.
		expect((await refusal(voter, cancelProposal(chainId, { proposalId: id }))).reason).toContain(
			'cannot cancel proposal'
		);

		// The undelegated account has no votes at the snapshot, and the rules say why.
		const stranger = await getProposalVoter(client, { proposalId: id, account: undelegated, snapshot: live.snapshot });
		expect(stranger).toMatchObject({
			hasVoted: false,
			votesAtSnapshot: 0n,
			wrapped: parseEther('5'),
			delegate: zeroAddress
		});
		const strangerRules = proposalRules(factsOf(live, settings.timelockDelay), {
			address: undelegated,
			hasVoted: stranger.hasVoted,
			votesAtSnapshot: stranger.votesAtSnapshot,
			votesNow: stranger.votes,
			wrapped: stranger.wrapped,
			delegate: stranger.delegate
		});
		expect(strangerRules.vote.allowed).toBe(false);
		expect(strangerRules.offerDelegate).toBe(true);

		await devnet.sendCall(voter, castVote(chainId, { proposalId: id, support: 1, reason: ' spam hurts ' }));
		const voted = await getProposalVoter(client, { proposalId: id, account: voter, snapshot: live.snapshot });
		expect(voted).toMatchObject({ hasVoted: true, votesAtSnapshot: parseEther('1000') });
		expect((await refusal(voter, castVote(chainId, { proposalId: id, support: 0 }))).reason).toContain(
			'has already voted on this proposal'
		);

		// The page's view of it: events folded, GovernorStorage merged.
		const store = memoryLogStore();
		const governor = devnet.deployments.contracts.ProvenaGovernor;
		await syncLogs({
			// syncLogs is typed for a chain-less client; the devnet chain's OP Stack formatters give getBlock another type.
			client: createPublicClient({ transport: http(devnet.anvil.rpcUrl) }),
			store,
			stream: 'governor',
			address: governor.address,
			abi: provenaGovernorAbi,
			fromBlock: governor.blockNumber
		});
		const count = (await getGovernorSettings(client)).proposalCount;
		const proposals = mergeStoredDetails(
			buildProposals(await store.logs('governor')),
			await getStoredProposals(client, { from: 0, to: count })
		);
		expect(proposals.map((p) => [p.index, p.title, !!p.canceled])).toEqual([
			[1, 'Raise the threshold', false],
			[0, 'Never mind', true]
		]);
		expect(proposals[0]!.votes).toMatchObject([
			{ voter, support: 1, weight: parseEther('1000'), reason: 'spam hurts' }
		]);
		expect(proposals[0]!.tally.for).toBe((await getProposal(client, { proposalId: id })).tally.for);

		await devnet.increaseTime(settings.votingPeriod);
		const passed = await getProposal(client, { proposalId: id });
		expect(passed.state).toBe(4);
		expect(proposalRules(factsOf(passed, settings.timelockDelay), undefined).queue.allowed).toBe(true);
		await devnet.sendCall(voter, queueProposal(chainId, { proposalId: id }));
		const queued = await getProposal(client, { proposalId: id });
		expect(queued.state).toBe(5);
		expect(queued.eta).toBeGreaterThanOrEqual(queued.clock + settings.timelockDelay - 1);

		// Before the delay the rules hold execution back, and the chain agrees, in words.
		const early = proposalRules(factsOf(queued, settings.timelockDelay), undefined);
		expect(early.execute).toMatchObject({ allowed: false, possibleAt: queued.eta });
		expect((await refusal(voter, executeProposal(chainId, { proposalId: id }))).reason).toContain(
			'Wait for the Timelock delay'
		);

		await devnet.increaseTime(settings.timelockDelay);
		const ready = await getProposal(client, { proposalId: id });
		expect(proposalRules(factsOf(ready, settings.timelockDelay), undefined).execute.allowed).toBe(true);
		await devnet.sendCall(undelegated, executeProposal(chainId, { proposalId: id }));
		expect((await getProposal(client, { proposalId: id })).state).toBe(7);
		expect(
			await client.readContract({
				address: devnet.deployments.contracts.ProtocolParams.address,
				abi: protocolParamsAbi,
				functionName: 'attributionThresholdBps'
			})
		).toBe(300);
		expect(await readTreasuryBalance(client)).toBeTypeOf('bigint');
	});
});
