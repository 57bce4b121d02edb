import { describe, expect, it } from 'vitest';
import type { StoredLog } from '../chain/sync/logStore.ts';
import { buildParameterHistory } from './parameterHistory.ts';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as const;
let index = 0;
const log = (eventName: string, tx: number, args: Record<string, unknown>, blockNumber = tx): StoredLog => ({
	blockNumber,
	blockHash: hash(1000 + blockNumber),
	logIndex: index++,
	transactionHash: hash(tx),
	eventName,
	args
});

describe('buildParameterHistory', () => {
	it('names who made each change: the deployment, a proposal, or the Timelock directly', () => {
		const params = [
			log('AttributionThresholdSet', 1, { oldBps: 0, newBps: 200 }),
			log('FeeSplitSet', 1, {
				oldSplit: { dataBps: 0, modelOwnerBps: 0, stakersBps: 0, treasuryBps: 0 },
				newSplit: { dataBps: 5000, modelOwnerBps: 2000, stakersBps: 2000, treasuryBps: 1000 }
			}),
			log('AttributionThresholdSet', 5, { oldBps: 200, newBps: 300 }),
			log('UnbondingPeriodSet', 7, { oldSeconds: 600, newSeconds: '86400' }),
			log('OwnershipTransferred', 1, {})
		];
		const governor = [
			log('ProposalCreated', 4, {}),
			log('ProposalExecuted', 5, { proposalId: '123456789012345678901234567890' })
		];
		const history = buildParameterHistory(params, governor, hash(1));
		expect(history.get('attributionThreshold')).toEqual([
			{
				key: 'attributionThreshold',
				from: 0n,
				to: 200n,
				blockNumber: 1,
				transactionHash: hash(1),
				source: { kind: 'deployment' }
			},
			{
				key: 'attributionThreshold',
				from: 200n,
				to: 300n,
				blockNumber: 5,
				transactionHash: hash(5),
				source: { kind: 'proposal', proposalId: '123456789012345678901234567890' }
			}
		]);
		expect(history.get('feeSplit')?.[0]?.to).toEqual({
			dataBps: 5000,
			modelOwnerBps: 2000,
			stakersBps: 2000,
			treasuryBps: 1000
		});
		expect(history.get('unbondingPeriod')?.[0]).toMatchObject({
			from: 600n,
			to: 86_400n,
			source: { kind: 'timelock' }
		});
		expect([...history.keys()].sort()).toEqual(['attributionThreshold', 'feeSplit', 'unbondingPeriod']);
	});
});
