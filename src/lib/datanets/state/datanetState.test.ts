// The fold over hand-built logs shaped as syncLogs stores them: every registry event, the ledger's rewards, the
// helpers the pages call, and determinism (any input order gives the same state).
import { describe, expect, it } from 'vitest';
import type { StoredLog } from '../../chain/sync/logStore.ts';
import {
	buildDatanetState,
	contributionsBy,
	contributionsOf,
	curatorOf,
	datanetById,
	leaderboard,
	MalformedLogError
} from './datanetState.ts';
import {
	ALICE,
	approve,
	BOB,
	BOND,
	CAROL,
	contentHash,
	contribute,
	createDatanet,
	DAVE,
	logChain,
	reject
} from './storedLogs.testing.ts';

/**
 * Datanet 1: owned by DAVE, then CAROL; curators CAROL and DAVE, CAROL removed after approving version 1.
 * Contributions 1, 3, 5 by ALICE and 2, 4, 6 by BOB: version 1 accepts [3, 1] (in that order), 2 is rejected,
 * 4 copies 1 and is proven a duplicate, version 2 accepts 6, 5 stays pending, 1's bond is released.
 * Datanet 2 has no contributions.
 */
function scenario() {
	const chain = logChain();
	createDatanet(chain, 1, DAVE, { acceptedFormats: ['txt', 'pdf'] });
	createDatanet(chain, 2, ALICE, { kind: 2, licence: 'CC0-1.0' });
	chain.block();
	chain.emit('CuratorSet', { datanetId: '1', curator: CAROL, appointed: true });
	chain.emit('CuratorSet', { datanetId: '1', curator: DAVE, appointed: true });
	contribute(chain, 1, 1, ALICE, { byteSize: 1000n, tokenCount: 200n, recordCount: 2n });
	contribute(chain, 2, 1, BOB, { byteSize: 2000n });
	contribute(chain, 3, 1, ALICE, { byteSize: 500n, tokenCount: 100n, recordCount: 1n });
	contribute(chain, 4, 1, BOB, { byteSize: 1000n, hash: contentHash('1') });
	contribute(chain, 5, 1, ALICE);
	contribute(chain, 6, 1, BOB, { byteSize: 4000n, tokenCount: 900n, recordCount: 9n });
	approve(
		chain,
		1,
		CAROL,
		[
			{ id: 3, seq: 1 },
			{ id: 1, seq: 2 }
		],
		{ version: 1, acceptedCount: 2, acceptedBytes: 1500n }
	);
	const v1 = { block: chain.blockNumber, tx: chain.transactionHash };
	chain.block();
	chain.emit('CuratorSet', { datanetId: '1', curator: CAROL, appointed: false });
	reject(chain, 1, DAVE, [2], 'Off topic: these records are about cooking.');
	const rejected = { block: chain.blockNumber, tx: chain.transactionHash };
	chain.block();
	chain.emit('DuplicateProven', {
		duplicateId: '4',
		originalId: '1',
		prover: CAROL,
		bounty: '2000000000000000',
		toTreasury: '8000000000000000'
	});
	approve(chain, 1, DAVE, [{ id: 6, seq: 3 }], { version: 2, acceptedCount: 3, acceptedBytes: 5500n });
	chain.block();
	chain.emit('BondReleased', { contributionId: '1', contributor: ALICE, amount: String(BOND) });
	chain.emit('Claimed', { account: ALICE, receiver: ALICE, amount: String(BOND) });
	chain.block();
	chain.emit('DatanetUpdated', {
		datanetId: '1',
		metadataCid: 'bafy-meta-1b',
		licence: 'ODbL-1.0',
		acceptedFormats: ['txt', 'md']
	});
	const updatedBlock = chain.blockNumber;
	chain.emit('DatanetOwnershipTransferred', { datanetId: '1', previousOwner: DAVE, newOwner: CAROL });

	const ledger = logChain(1000);
	ledger.block();
	ledger.emit('ContributionRewarded', { contributionId: '1', contributor: ALICE, modelId: '1', amount: '100' });
	ledger.emit('ContributionRewarded', { contributionId: '6', contributor: BOB, modelId: '1', amount: '50' });
	ledger.emit('ContributionRewarded', { contributionId: '1', contributor: ALICE, modelId: '2', amount: '1' });
	ledger.block();
	ledger.emit('PooledRewardSettled', {
		contributionId: '3',
		contributor: ALICE,
		modelId: '1',
		adapterVersion: 1,
		amount: '7'
	});
	ledger.emit('PooledRewardSettled', {
		contributionId: '6',
		contributor: BOB,
		modelId: '1',
		adapterVersion: 1,
		amount: '200'
	});
	// Not the ledger's reward events, or a contribution this registry stream never saw: no effect.
	ledger.emit('TreasuryReleased', { amount: '999' });
	ledger.emit('ContributionRewarded', { contributionId: '99', contributor: BOB, modelId: '1', amount: '5' });
	return { registry: chain.logs, ledger: ledger.logs, v1, rejected, updatedBlock, first: chain.logs[0]! };
}

describe('buildDatanetState', () => {
	it('folds datanet creation, update, ownership transfer and curator appointment and removal', () => {
		const { registry, ledger, updatedBlock, first } = scenario();
		const state = buildDatanetState(registry, ledger);
		expect(state.datanets.map((d) => d.id)).toEqual(['1', '2']);
		const d = datanetById(state, '1')!;
		expect(d).toMatchObject({
			id: '1',
			owner: CAROL,
			kind: 0,
			metadataCid: 'bafy-meta-1b',
			licence: 'ODbL-1.0',
			acceptedFormats: ['txt', 'md'],
			curators: [DAVE],
			createdBlock: first.blockNumber,
			createdTx: first.transactionHash,
			updatedBlock,
			contributionIds: ['1', '2', '3', '4', '5', '6'],
			pendingCount: 1,
			acceptedCount: 3,
			rejectedCount: 1,
			duplicateCount: 1,
			acceptedBytes: 5500n,
			acceptedTokens: 1200n,
			acceptedRecords: 12n,
			contributorCount: 2,
			rewardsEarned: 358n
		});
		expect(curatorOf(state, '1', CAROL)).toBe(false);
		expect(curatorOf(state, '1', DAVE.toLowerCase())).toBe(true);
		expect(curatorOf(state, '2', DAVE)).toBe(false);
		expect(curatorOf(state, '7', DAVE)).toBe(false);
	});

	it('keeps a datanet with no contributions, with zero counts and no versions', () => {
		const state = buildDatanetState(scenario().registry);
		const empty = datanetById(state, '2')!;
		expect(empty).toMatchObject({
			owner: ALICE,
			kind: 2,
			licence: 'CC0-1.0',
			curators: [],
			contributionIds: [],
			pendingCount: 0,
			acceptedCount: 0,
			rejectedCount: 0,
			acceptedBytes: 0n,
			versions: [],
			contributorCount: 0,
			rewardsEarned: 0n
		});
		expect(empty.latestVersion).toBeUndefined();
		expect(empty.updatedBlock).toBeUndefined();
		expect(contributionsOf(state, '2')).toEqual([]);
		expect(leaderboard(state, '2')).toEqual([]);
		expect(datanetById(state, '3')).toBeUndefined();
	});

	it('follows each contribution through approval, rejection with a reason, duplicate proof and bond release', () => {
		const { registry, ledger, v1, rejected } = scenario();
		const { contributions } = buildDatanetState(registry, ledger);
		expect([...contributions.keys()]).toEqual(['1', '2', '3', '4', '5', '6']);
		expect(contributions.get('1')).toMatchObject({
			datanetId: '1',
			contributor: ALICE,
			contentCid: 'bafy-content-1',
			contentHash: contentHash('1'),
			byteSize: 1000n,
			tokenCount: 200n,
			recordCount: 2n,
			status: 'approved',
			acceptedSeq: 2,
			curator: CAROL,
			decidedBlock: v1.block,
			decidedTx: v1.tx,
			bond: 0n,
			bondPosted: BOND,
			bondReleased: true,
			rewardsEarned: 101n
		});
		expect(contributions.get('3')).toMatchObject({
			status: 'approved',
			acceptedSeq: 1,
			bond: BOND,
			bondReleased: false
		});
		expect(contributions.get('2')).toMatchObject({
			status: 'rejected',
			curator: DAVE,
			reason: 'Off topic: these records are about cooking.',
			slashed: BOND,
			bond: 0n,
			decidedBlock: rejected.block,
			decidedTx: rejected.tx,
			bondReleased: false
		});
		expect(contributions.get('2')!.acceptedSeq).toBeUndefined();
		expect(contributions.get('4')).toMatchObject({
			status: 'duplicate',
			duplicateOf: '1',
			prover: CAROL,
			bounty: 2n * 10n ** 15n,
			slashed: BOND,
			bond: 0n
		});
		expect(contributions.get('4')!.curator).toBeUndefined();
		const pending = contributions.get('5')!;
		expect(pending).toMatchObject({ status: 'pending', bond: BOND, rewardsEarned: 0n });
		expect(pending.decidedBlock).toBeUndefined();
		expect(pending.curator).toBeUndefined();
	});

	it('marks a contribution its contributor withdrew after the review timeout, counted apart from accepted data', () => {
		const { registry } = scenario();
		const chain = logChain(500);
		createDatanet(chain, 3, DAVE, {});
		contribute(chain, 7, 3, ALICE, { byteSize: 700n });
		chain.block();
		chain.emit('ContributionWithdrawn', { contributionId: '7', datanetId: '3', contributor: ALICE, bond: String(BOND) });
		const state = buildDatanetState([...registry, ...chain.logs]);
		expect(state.contributions.get('7')).toMatchObject({ status: 'withdrawn', bond: 0n, bondReleased: true });
		expect(datanetById(state, '3')).toMatchObject({
			pendingCount: 0,
			acceptedCount: 0,
			withdrawnCount: 1,
			acceptedBytes: 0n
		});
	});

	it('lists each version with the contributions it holds, in acceptance order', () => {
		const { registry } = scenario();
		const d = datanetById(buildDatanetState(registry), '1')!;
		expect(
			d.versions.map((v) => [v.version, v.acceptedCount, v.acceptedBytes, v.manifestCid, v.contributionIds])
		).toEqual([
			[1, 2, 1500n, 'bafy-manifest-1-1', ['3', '1']],
			[2, 3, 5500n, 'bafy-manifest-1-2', ['3', '1', '6']]
		]);
		const published = registry.filter((l) => l.eventName === 'VersionPublished');
		expect(d.versions.map((v) => [v.root, v.blockNumber, v.transactionHash])).toEqual(
			published.map((l) => [l.args.root, l.blockNumber, l.transactionHash])
		);
		expect(d.latestVersion).toEqual(d.versions[1]);
	});

	it('adds attributed and pooled rewards to the contributions they name', () => {
		const { registry, ledger } = scenario();
		const { contributions } = buildDatanetState(registry, ledger);
		expect(['1', '2', '3', '4', '5', '6'].map((id) => contributions.get(id)!.rewardsEarned)).toEqual([
			101n,
			0n,
			7n,
			0n,
			0n,
			250n
		]);
		// Without the ledger's logs, nothing is earned.
		expect(buildDatanetState(registry).contributions.get('6')!.rewardsEarned).toBe(0n);
	});

	it('filters contributions by datanet, status and contributor', () => {
		const chain = logChain();
		createDatanet(chain, 1, DAVE);
		createDatanet(chain, 2, DAVE);
		contribute(chain, 1, 1, ALICE);
		contribute(chain, 2, 2, ALICE);
		contribute(chain, 3, 1, BOB);
		reject(chain, 1, DAVE, [3], 'Empty records.');
		const state = buildDatanetState(chain.logs);
		expect(contributionsOf(state, '1').map((c) => c.id)).toEqual(['1', '3']);
		expect(contributionsOf(state, '1', { status: 'rejected' }).map((c) => c.id)).toEqual(['3']);
		expect(contributionsOf(state, '1', { status: 'approved' })).toEqual([]);
		expect(contributionsBy(state, ALICE.toLowerCase()).map((c) => [c.id, c.datanetId])).toEqual([
			['1', '1'],
			['2', '2']
		]);
		expect(contributionsBy(state, CAROL)).toEqual([]);
	});

	it('ranks the leaderboard by accepted, then earnings, then address, with the acceptance rate of decided work', () => {
		const { registry, ledger } = scenario();
		const board = leaderboard(buildDatanetState(registry, ledger), '1');
		expect(board).toEqual([
			{
				contributor: ALICE,
				submitted: 3,
				accepted: 2,
				rejected: 0,
				duplicates: 0,
				acceptanceRate: 1,
				acceptedBytes: 1500n,
				earnings: 108n
			},
			{
				contributor: BOB,
				submitted: 3,
				accepted: 1,
				rejected: 1,
				duplicates: 1,
				acceptanceRate: 1 / 3,
				acceptedBytes: 4000n,
				earnings: 250n
			}
		]);

		// Ties: equal accepted is ordered by earnings, equal earnings by address; nothing decided is a rate of 0.
		const chain = logChain();
		createDatanet(chain, 1, ALICE);
		contribute(chain, 1, 1, BOB);
		contribute(chain, 2, 1, CAROL);
		contribute(chain, 3, 1, DAVE);
		contribute(chain, 4, 1, ALICE);
		approve(
			chain,
			1,
			ALICE,
			[
				{ id: 1, seq: 1 },
				{ id: 2, seq: 2 },
				{ id: 3, seq: 3 }
			],
			{ version: 1, acceptedCount: 3, acceptedBytes: 3000n }
		);
		const ledgerChain = logChain(100);
		ledgerChain.emit('ContributionRewarded', { contributionId: '2', contributor: CAROL, modelId: '1', amount: '5' });
		ledgerChain.emit('ContributionRewarded', { contributionId: '3', contributor: DAVE, modelId: '1', amount: '5' });
		const ties = leaderboard(buildDatanetState(chain.logs, ledgerChain.logs), '1');
		// DAVE (0x15d3…) sorts before CAROL (0x90F7…).
		expect(ties.map((e) => [e.contributor, e.earnings])).toEqual([
			[DAVE, 5n],
			[CAROL, 5n],
			[BOB, 0n],
			[ALICE, 0n]
		]);
		expect(ties.at(-1)!.acceptanceRate).toBe(0);
	});

	it('gives the same state for the logs in any order, and leaves its input alone', () => {
		const { registry, ledger } = scenario();
		const expected = buildDatanetState(registry, ledger);
		const before = structuredClone(registry);
		const shuffled = [...registry].reverse();
		const swapped = [...shuffled.slice(7), ...shuffled.slice(0, 7)];
		expect(buildDatanetState(swapped, [...ledger].reverse())).toEqual(expected);
		expect(registry).toEqual(before);
	});

	it('reads args as viem decodes them too (bigints, lowercase addresses)', () => {
		const chain = logChain();
		chain.emit('DatanetCreated', {
			datanetId: 7n,
			owner: DAVE.toLowerCase(),
			kind: 1,
			metadataCid: 'bafy',
			licence: 'MIT',
			acceptedFormats: []
		});
		const d = buildDatanetState(chain.logs).datanets[0]!;
		expect([d.id, d.owner, d.kind]).toEqual(['7', DAVE, 1]);
	});

	it('skips events about datanets and contributions it never saw created', () => {
		const chain = logChain();
		contribute(chain, 1, 5, ALICE);
		approve(chain, 5, DAVE, [{ id: 1, seq: 1 }], { version: 1, acceptedCount: 1, acceptedBytes: 1000n });
		reject(chain, 5, DAVE, [2], 'no');
		chain.emit('CuratorSet', { datanetId: '5', curator: DAVE, appointed: true });
		chain.emit('BondReleased', { contributionId: '1', contributor: ALICE, amount: '1' });
		expect(buildDatanetState(chain.logs)).toEqual({ datanets: [], contributions: new Map() });
	});

	it('throws a clear error for a stored log missing a field its event needs', () => {
		const chain = logChain();
		const log: StoredLog = createDatanet(chain, 1, DAVE);
		delete log.args.owner;
		expect(() => buildDatanetState(chain.logs)).toThrow(MalformedLogError);
		expect(() => buildDatanetState(chain.logs)).toThrow(/DatanetCreated event .* "owner"/);
	});
});
