// The Rewards page's computations over hand-written ledger logs: typed events, earnings per contribution and over
// time, a model owner's earnings, leaderboards, the pools to settle in as few calls as possible, and the chart.
import { describe, expect, it } from 'vitest';
import type { Address, Hex } from 'viem';
import type { StoredLog } from '../chain/sync/logStore.ts';
import { stepChart } from './chartSeries.ts';
import { contributionEarningsOf, earningsSeriesOf } from './contributorEarnings.ts';
import { claimHistoryOf, ledgerEventsOf } from './ledgerEvents.ts';
import { datanetLeaderboard, modelLeaderboard } from './leaderboards.ts';
import { ownerEarningsOf } from './ownerEarnings.ts';
import { poolKey, poolTargetsOf, settleBatchesOf, totalOwed } from './pooledSettlement.ts';

const alice = '0x00000000000000000000000000000000000000a1' as Address;
const bob = '0x00000000000000000000000000000000000000b0' as Address;
const payer = '0x00000000000000000000000000000000000000c0' as Address;
let index = 0;
const log = (blockNumber: number, eventName: string, args: Record<string, unknown>): StoredLog => ({
	blockNumber,
	blockHash: `0x${'0'.repeat(64)}` as Hex,
	logIndex: index++,
	transactionHash: `0x${blockNumber.toString(16).padStart(64, '0')}` as Hex,
	eventName,
	args
});
const rewarded = (block: number, contributionId: number, contributor: Address, modelId: number, amount: bigint) =>
	log(block, 'ContributionRewarded', {
		contributionId: String(contributionId),
		contributor,
		modelId: String(modelId),
		amount: String(amount)
	});
const settled = (block: number, contributionId: number, contributor: Address, modelId: number, amount: bigint) =>
	log(block, 'PooledRewardSettled', {
		contributionId: String(contributionId),
		contributor,
		modelId: String(modelId),
		adapterVersion: 1,
		amount: String(amount)
	});
const recorded = (block: number, modelId: number, fee: bigint, pooled: boolean) =>
	log(block, 'InferenceRecorded', {
		modelId: String(modelId),
		payer,
		recordId: String(index),
		fee: String(fee),
		amounts: {
			data: String(fee / 2n),
			modelOwner: String(fee / 4n),
			stakers: String(fee / 8n),
			treasury: String(fee / 8n)
		},
		bond: pooled ? '0' : '100',
		deadline: pooled ? '0' : '1700000000',
		answer: {
			modelId: String(modelId),
			adapterVersion: 1,
			contributionIds: pooled ? [] : ['1'],
			weights: pooled ? [] : ['10']
		},
		contributors: pooled ? [] : [alice]
	});

const logs = [
	recorded(10, 1, 1000n, false),
	rewarded(11, 1, alice, 1, 300n),
	rewarded(11, 2, bob, 1, 200n),
	recorded(12, 2, 4000n, true),
	settled(13, 3, alice, 2, 50n),
	rewarded(14, 1, alice, 1, 100n),
	log(15, 'Claimed', { account: alice, receiver: alice, amount: '450' }),
	log(16, 'AttributionFinalized', { recordId: '1', payer, bond: '100' })
];
const events = ledgerEventsOf(logs);
const datanetOf = (id: string) => ({ '1': '7', '2': '7', '3': '8' })[id];

describe('ledger events', () => {
	it('reads credits, answers and claims in chain order, ignoring other events', () => {
		expect(events.credits.map((c) => [c.source, c.contributionId, c.amount])).toEqual([
			['attributed', '1', 300n],
			['attributed', '2', 200n],
			['pooled', '3', 50n],
			['attributed', '1', 100n]
		]);
		expect(events.credits[2]!.adapterVersion).toBe(1);
		expect(events.answers.map((a) => [a.modelId, a.fee, a.modelOwnerShare, a.pooled])).toEqual([
			['1', 1000n, 250n, false],
			['2', 4000n, 1000n, true]
		]);
		expect(claimHistoryOf(events, alice)).toMatchObject([{ amount: 450n, blockNumber: 15 }]);
		expect(claimHistoryOf(events, bob)).toEqual([]);
	});
});

describe('contributor earnings', () => {
	it('sums each contribution apart by source, highest first, with its datanet', () => {
		expect(contributionEarningsOf(events, alice, datanetOf)).toEqual([
			{ contributionId: '1', datanetId: '7', attributed: 400n, pooled: 0n, total: 400n, credits: 2 },
			{ contributionId: '3', datanetId: '8', attributed: 0n, pooled: 50n, total: 50n, credits: 1 }
		]);
	});

	it('accumulates over blocks for the chart', () => {
		expect(earningsSeriesOf(events, alice)).toEqual([
			{ blockNumber: 11, total: 300n },
			{ blockNumber: 13, total: 350n },
			{ blockNumber: 14, total: 450n }
		]);
		expect(earningsSeriesOf(events, payer)).toEqual([]);
	});
});

describe('model owner earnings', () => {
	it("sums the owner's share and counts answers of the account's models only", () => {
		const models = [
			{ id: '1', owner: bob },
			{ id: '2', owner: bob },
			{ id: '3', owner: bob },
			{ id: '4', owner: alice }
		];
		expect(ownerEarningsOf(events, models, bob)).toEqual([
			{ modelId: '1', answers: 1, earned: 250n, fees: 1000n },
			{ modelId: '2', answers: 1, earned: 1000n, fees: 4000n },
			{ modelId: '3', answers: 0, earned: 0n, fees: 0n }
		]);
		expect(ownerEarningsOf(events, models, payer)).toEqual([]);
	});
});

describe('leaderboards', () => {
	it('ranks datanets by credits and models by fees', () => {
		expect(datanetLeaderboard(events, datanetOf)).toEqual([
			{ datanetId: '7', earned: 600n, contributions: 2 },
			{ datanetId: '8', earned: 50n, contributions: 1 }
		]);
		expect(modelLeaderboard(events)).toEqual([
			{ modelId: '2', fees: 4000n, answers: 1 },
			{ modelId: '1', fees: 1000n, answers: 1 }
		]);
		expect(modelLeaderboard(events, 1)).toHaveLength(1);
	});
});

describe('pooled settlement', () => {
	const models = [
		{ id: '2', adapterVersions: [{ version: 1, trainedOn: [{ datanetId: '8', version: 1 }] }] },
		{
			id: '1',
			adapterVersions: [
				{
					version: 2,
					trainedOn: [
						{ datanetId: '7', version: 2 },
						{ datanetId: '8', version: 1 }
					]
				},
				{ version: 1, trainedOn: [{ datanetId: '7', version: 1 }] }
			]
		},
		{ id: '3', adapterVersions: [{ version: 1, trainedOn: [{ datanetId: '9', version: 1 }] }] }
	];
	const versions: Record<string, string[]> = { '7:1': ['1', '2'], '7:2': ['1', '2', '10'], '8:1': ['3'] };
	const targets = poolTargetsOf(models, (d, v) => versions[`${d}:${v}`], new Set(['1', '3', '10']));

	it("finds every pool whose training set holds one of the account's contributions", () => {
		expect(targets).toEqual([
			{ modelId: '1', adapterVersion: 1, contributionIds: ['1'] },
			{ modelId: '1', adapterVersion: 2, contributionIds: ['1', '3', '10'] },
			{ modelId: '2', adapterVersion: 1, contributionIds: ['3'] }
		]);
	});

	it('settles each pool that owes anything in one call naming all the contributions it owes', () => {
		const owed = new Map([
			[poolKey('1', 2, '1'), 5n],
			[poolKey('1', 2, '3'), 0n],
			[poolKey('1', 2, '10'), 7n],
			[poolKey('2', 1, '3'), 11n]
		]);
		const batches = settleBatchesOf(targets, owed);
		expect(batches).toEqual([
			{ modelId: '1', adapterVersion: 2, contributionIds: ['1', '10'], amount: 12n },
			{ modelId: '2', adapterVersion: 1, contributionIds: ['3'], amount: 11n }
		]);
		expect(totalOwed(batches)).toBe(23n);
		expect(settleBatchesOf(targets, new Map())).toEqual([]);
	});
});

describe('step chart', () => {
	it('draws a step line from the first point to the right edge, scaled to the highest total', () => {
		const chart = stepChart(
			[
				{ x: 100, y: 1n },
				{ x: 200, y: 4n }
			],
			104,
			54,
			2
		)!;
		expect(chart.line).toBe('M2,52 H2 V39.5 H102 V2 H102');
		expect(chart.area).toBe('M2,52 H2 V39.5 H102 V2 H102 V52 H2 Z');
		expect([chart.xMin, chart.xMax, chart.yMax]).toEqual([100, 200, 4n]);
		expect(stepChart([])).toBeUndefined();
		expect(stepChart([{ x: 5, y: 10n ** 24n }], 100, 50, 0)!.line).toBe('M0,50 H0 V0 H100');
	});
});
