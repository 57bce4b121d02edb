import { describe, expect, it } from 'vitest';
import { zeroHash, type Address } from 'viem';
import { ALICE, BOB, CAROL, logChain } from '../datanets/state/storedLogs.testing.ts';
import { buildProposals, mergeStoredDetails, proposalById, voteOf } from './proposals.ts';
import { MalformedLogError } from '../chain/sync/storedLogArgs.ts';

const TARGET: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const e18 = 10n ** 18n;

function created(
	chain: ReturnType<typeof logChain>,
	id: string,
	description: string,
	voteStart = 1000,
	voteEnd = 1300
) {
	return chain.emit('ProposalCreated', {
		proposalId: id,
		proposer: ALICE,
		targets: [TARGET.toLowerCase()],
		values: ['0'],
		signatures: [''],
		calldatas: ['0x12345678'],
		voteStart: String(voteStart),
		voteEnd: String(voteEnd),
		description
	});
}

describe('buildProposals', () => {
	it('folds creation, votes, queueing and execution into one proposal', () => {
		const chain = logChain();
		created(chain, '123', '# Raise the threshold\n\nBecause **spam**.');
		chain.block();
		chain.emit('VoteCast', {
			voter: BOB,
			proposalId: '123',
			support: 1,
			weight: (10n * e18).toString(),
			reason: 'yes'
		});
		chain.block();
		chain.emit('VoteCast', { voter: CAROL, proposalId: '123', support: 0, weight: (3n * e18).toString(), reason: '' });
		chain.emit('VoteCast', { voter: ALICE, proposalId: '123', support: 2, weight: e18.toString(), reason: 'meh' });
		chain.block();
		chain.emit('ProposalQueued', { proposalId: '123', etaSeconds: '1400' });
		chain.block();
		chain.emit('ProposalExecuted', { proposalId: '123' });

		const [proposal] = buildProposals(chain.logs);
		expect(proposal).toMatchObject({
			id: '123',
			proposer: ALICE,
			title: 'Raise the threshold',
			voteStart: 1000,
			voteEnd: 1300,
			tally: { for: 10n * e18, against: 3n * e18, abstain: e18 },
			queued: { eta: 1400, blockNumber: 13 },
			executed: { blockNumber: 14 }
		});
		expect(proposal!.actions).toEqual([{ target: TARGET, value: 0n, calldata: '0x12345678' }]);
		expect(proposal!.votes.map((v) => [v.voter, v.support, v.reason])).toEqual([
			[BOB, 1, 'yes'],
			[CAROL, 0, ''],
			[ALICE, 2, 'meh']
		]);
		expect(voteOf(proposal!, CAROL.toLowerCase() as Address)?.support).toBe(0);
		expect(voteOf(proposal!, TARGET)).toBeUndefined();
	});

	it('lists proposals newest first, with cancellations', () => {
		const chain = logChain();
		created(chain, '1', 'First');
		chain.block();
		created(chain, '2', 'Second');
		chain.block();
		chain.emit('ProposalCanceled', { proposalId: '1' });
		const proposals = buildProposals(chain.logs);
		expect(proposals.map((p) => p.title)).toEqual(['Second', 'First']);
		expect(proposalById(proposals, '1')?.canceled?.blockNumber).toBe(12);
		expect(proposalById(proposals, '2')?.canceled).toBeUndefined();
	});

	it('ignores events it does not know and refuses a malformed one', () => {
		const chain = logChain();
		chain.emit('VotingPeriodSet', { oldVotingPeriod: '1', newVotingPeriod: '2' });
		expect(buildProposals(chain.logs)).toEqual([]);
		chain.emit('ProposalQueued', { proposalId: 'x' });
		expect(() => buildProposals(chain.logs)).toThrow(MalformedLogError);
	});
});

describe('mergeStoredDetails', () => {
	it('numbers the proposals and adds one only the storage knows', () => {
		const chain = logChain();
		created(chain, '7', 'Seven');
		const folded = buildProposals(chain.logs);
		const merged = mergeStoredDetails(folded, [
			{ index: 0, id: 7n, targets: [TARGET], values: [0n], calldatas: ['0x12345678'], descriptionHash: zeroHash },
			{ index: 1, id: 8n, targets: [TARGET], values: [5n], calldatas: ['0x'], descriptionHash: zeroHash }
		]);
		expect(merged.map((p) => [p.id, p.index, p.title])).toEqual([
			['8', 1, 'Proposal 8'],
			['7', 0, 'Seven']
		]);
		expect(merged[0]!.actions).toEqual([{ target: TARGET, value: 5n, calldata: '0x' }]);
		expect(folded[0]!.index).toBeUndefined(); // the fold itself is left as it was
	});
});
