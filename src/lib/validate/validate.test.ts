import { decodeFunctionData, getAddress, type Hex } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { attributionLedgerAbi } from '../chain/abis.ts';
import { disputeRecord, NothingToDisputeError } from '../chain/actions/disputeRecord.ts';
import { finalizeRecords } from '../chain/actions/finalizeRecords.ts';
import { registerDeployments } from '../chain/deployments/index.ts';
import { CONTRACT_NAMES, type Deployments } from '../chain/deployments/types.ts';
import type { StoredLog } from '../chain/sync/logStore.ts';
import { MalformedLogError } from '../chain/sync/storedLogArgs.ts';
import { describeAction } from '../governance/describeAction.ts';
import { applyPrefill, emptyDraft, newDraftAction, parsePrefill } from '../governance/proposalDraft.ts';
import {
	assertedPaid,
	attributionSide,
	resolutionProposal,
	resolveDisputeAction,
	rulingFrom
} from './disputeResolution.ts';
import { ledgerRecordsOf } from './ledgerRecords.ts';
import { chainPhase, dueRecords, openDisputes, recordState, windowLeft, type CheckResult } from './recordState.ts';
import { workQueue } from './workQueue.ts';

const payer = '0x00000000000000000000000000000000000000a1';
const validator = '0x00000000000000000000000000000000000000b2';
const alice = '0x00000000000000000000000000000000000000c3';
const tx = `0x${'ab'.repeat(32)}` as Hex;
// A chain of the test's own, with made-up addresses, so the calls never depend on a local deployment file.
const chainId = 424_244;
const contracts = Object.fromEntries(
	CONTRACT_NAMES.map((name, i) => [
		name,
		{ address: getAddress(`0x${(0x3000 + i).toString(16).padStart(40, '0')}`), blockNumber: 1, txHash: tx }
	])
) as Deployments['contracts'];
beforeAll(() => registerDeployments({ chainId, contracts }));

let logIndex = 0;
function log(eventName: string, args: Record<string, unknown>, blockNumber = 10): StoredLog {
	return { blockNumber, blockHash: tx, logIndex: logIndex++, transactionHash: tx, eventName, args };
}

function recorded(
	recordId: number,
	deadline: number,
	ids: string[] = ['3', '7'],
	weights: string[] = ['600', '400'],
	modelId = '1'
) {
	return log('InferenceRecorded', {
		modelId,
		payer,
		recordId: String(recordId),
		fee: '1000',
		amounts: { data: '700', modelOwner: '100', stakers: '100', treasury: '100' },
		bond: ids.length ? '50' : '0',
		deadline: ids.length ? deadline : 0,
		answer: {
			modelId,
			adapterVersion: 1,
			contributionIds: ids,
			weights,
			totalWeight: '1200',
			outputCommitment: `0x${'11'.repeat(32)}`,
			evidenceCid: `bafyevidence${recordId}`
		},
		contributors: ids.map(() => alice)
	});
}

const disputed = (recordId: number) =>
	log('AttributionDisputed', { recordId: String(recordId), disputer: validator, bond: '20', evidenceCid: 'bafymine' });

describe('ledgerRecordsOf and the record state machine', () => {
	const logs = [
		recorded(1, 1000),
		recorded(2, 1100),
		recorded(3, 0, [], []),
		recorded(4, 900),
		disputed(4),
		recorded(5, 800),
		log('AttributionFinalized', { recordId: '5', payer, bond: '50' }),
		recorded(6, 700),
		disputed(6),
		log('DisputeResolved', {
			recordId: '6',
			assertionUpheld: false,
			winner: validator,
			award: '65',
			toTreasury: '5',
			winningEvidenceCid: 'bafymine',
			toPool: false
		})
	];
	const records = ledgerRecordsOf(logs);

	it('rebuilds each record with typed arguments and its fate', () => {
		expect(records.map((r) => r.id)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
		const first = records[0]!.record.args;
		expect(first.answer.contributionIds).toEqual([3n, 7n]);
		expect(first.answer.weights).toEqual([600n, 400n]);
		expect(first.amounts.data).toBe(700n);
		expect(first.deadline).toBe(1000n);
		expect(first.contributors).toEqual([
			'0x00000000000000000000000000000000000000C3',
			'0x00000000000000000000000000000000000000C3'
		]);
		expect(records[3]!.dispute).toMatchObject({
			disputer: getAddress(validator),
			bond: 20n,
			evidenceCid: 'bafymine'
		});
		expect(records[5]!.resolution).toMatchObject({ assertionUpheld: false, award: 65n, toPool: false });
	});

	it('gives each record its phase from events and chain time', () => {
		expect(records.map((r) => chainPhase(r, 950))).toEqual([
			'asserted',
			'asserted',
			'pooled',
			'disputed',
			'finalized',
			'resolved'
		]);
		expect(chainPhase(records[0]!, 1000)).toBe('due'); // the deadline itself closes the window, as in the ledger
		expect(windowLeft(records[0]!, 950)).toBe(50);
		expect(windowLeft(records[0]!, 2000)).toBe(0);
		expect(dueRecords(records, 1050).map((r) => r.id)).toEqual([1n]);
		expect(openDisputes(records).map((r) => r.id)).toEqual([4n]);
	});

	it("refines an asserted record by this page's check, and only while it is asserted", () => {
		const matches = { kind: 'matches', checkedAt: 0 } as unknown as CheckResult;
		const differs = { kind: 'differs', differences: [], checkedAt: 0 } as unknown as CheckResult;
		expect(recordState(records[0]!, 950, matches)).toBe('verified');
		expect(recordState(records[0]!, 950, differs)).toBe('mismatch');
		expect(recordState(records[0]!, 950, { kind: 'checking' })).toBe('asserted');
		expect(recordState(records[0]!, 1001, differs)).toBe('due');
		expect(recordState(records[3]!, 950, differs)).toBe('disputed');
	});

	it('queues in-window records by deadline, then open disputes, skipping checked and unwatched ones', () => {
		const extra = ledgerRecordsOf([...logs, recorded(7, 960, ['3'], ['900'], '2')]);
		const checks = new Map<string, CheckResult>([['2', { kind: 'checking' }]]);
		expect(workQueue(extra, 950, new Map(), { kind: 'all' }).map((r) => r.id)).toEqual([7n, 1n, 2n, 4n]);
		expect(workQueue(extra, 950, checks, { kind: 'all' }).map((r) => r.id)).toEqual([7n, 1n, 4n]);
		expect(workQueue(extra, 950, checks, { kind: 'some', modelIds: new Set(['2']) }).map((r) => r.id)).toEqual([7n]);
		expect(workQueue(extra, 1200, new Map(), { kind: 'all' }).map((r) => r.id)).toEqual([4n]);
	});

	it('refuses a stored log that is not what the sync wrote', () => {
		const bad = recorded(9, 1);
		(bad.args.answer as Record<string, unknown>).weights = ['x1'];
		expect(() => ledgerRecordsOf([bad])).toThrow(MalformedLogError);
	});
});

describe('finalize, dispute and resolve calldata', () => {
	const records = ledgerRecordsOf([recorded(1, 1000), recorded(2, 0, [], []), recorded(4, 900), disputed(4)]);

	it('finalizes a batch with each assertion as recorded, leaving pool records out', () => {
		const call = finalizeRecords(chainId, { records: records.map((r) => r.record) });
		expect(call.functionName).toBe('finalize');
		const [ids, assertions] = call.args;
		expect(ids).toEqual([1n, 4n]);
		expect(assertions[0]).toMatchObject({
			payer: '0x00000000000000000000000000000000000000A1',
			deadline: 1000n,
			dataShare: 700n,
			bond: 50n,
			contributionIds: [3n, 7n]
		});
		expect(call.label).toBe('Finalise 2 answer records');
	});

	it("disputes with the bond and the validator's evidence, and refuses a pool record", () => {
		const call = disputeRecord(chainId, {
			record: records[0]!.record,
			evidenceCid: 'bafymine',
			disputeBond: 5n * 10n ** 18n
		});
		expect(call.value).toBe(5n * 10n ** 18n);
		expect(call.args[0]).toBe(1n);
		expect(call.args[2]).toBe('bafymine');
		expect(call.valueLabel).toMatch(/^Dispute bond/);
		expect(() => disputeRecord(chainId, { record: records[1]!.record, evidenceCid: 'x', disputeBond: 1n })).toThrow(
			NothingToDisputeError
		);
	});

	it('rules from the recomputation and encodes resolveDispute for the Timelock', () => {
		const record = records[2]!;
		const upheld = rulingFrom(record, assertedPaid(record));
		expect(upheld).toEqual({
			assertionUpheld: true,
			winningEvidenceCid: 'bafyevidence4',
			correctedIds: [],
			correctedWeights: []
		});
		const corrected = rulingFrom(record, [
			{ contribution: '7', weight: 900 },
			{ contribution: '3', weight: 100 }
		]);
		expect(corrected).toEqual({
			assertionUpheld: false,
			winningEvidenceCid: 'bafymine',
			correctedIds: [3n, 7n],
			correctedWeights: [100n, 900n]
		});
		expect(rulingFrom(record, []).correctedIds).toEqual([]); // the pool
		const action = resolveDisputeAction(chainId, record, corrected);
		const decoded = decodeFunctionData({ abi: attributionLedgerAbi, data: action.calldata });
		expect(decoded.functionName).toBe('resolveDispute');
		expect(decoded.args?.[0]).toBe(4n);
		expect(decoded.args?.[2]).toBe(false);
		expect(decoded.args?.[4]).toEqual([3n, 7n]);
		expect(describeAction(chainId, action)).toBe(
			"Resolve the dispute of answer record #4: reject the payer's assertion and pay contribution #3 (weight 100), contribution #7 (weight 900) instead (winning evidence bafymine)"
		);
	});

	it('divides the escrow per side as the ledger would and describes the ruling for voters', () => {
		const record = records[2]!;
		const asserted = attributionSide(record, 'Asserted', assertedPaid(record), 'bafyevidence4');
		expect(asserted.rows.map((r) => r.amount)).toEqual([420n, 280n]);
		expect(asserted.rows[0]!.contributor).toBe('0x00000000000000000000000000000000000000C3');
		const recomputed = attributionSide(record, 'Recomputed', []);
		expect(recomputed.pool).toBe(true);
		const ruling = rulingFrom(record, []);
		const { title, body } = resolutionProposal(record, ruling, { asserted, recomputed });
		expect(title).toBe('Resolve the dispute of answer record #4: reject the assertion');
		expect(body).toContain("the training set's pool");
		expect(body).toContain(
			'contribution #3: weight 600, 0.00000000000000042 OPEN to 0x00000000000000000000000000000000000000C3'
		);
	});
});

describe('prefilled proposals', () => {
	const prefill = { title: 'Resolve #4', body: 'Because.', actions: [{ target: '0x1', calldata: '0xabcd' }] };

	it('reads only well-formed prefills', () => {
		expect(parsePrefill(JSON.stringify(prefill))).toEqual(prefill);
		expect(parsePrefill('{"title":1}')).toBeUndefined();
		expect(parsePrefill('nope')).toBeUndefined();
		expect(parsePrefill(null)).toBeUndefined();
	});

	it('fills an empty draft, and appends to one being written without losing it or repeating itself', () => {
		const filled = applyPrefill(emptyDraft(), prefill, 1);
		expect(filled.title).toBe('Resolve #4');
		expect(filled.actions).toMatchObject([{ id: 1, kind: 'expert', target: '0x1', calldata: '0xabcd' }]);
		const writing = { title: 'Mine', body: 'My text', actions: [newDraftAction('transfer', 1)] };
		const merged = applyPrefill(writing, prefill, 2);
		expect(merged.title).toBe('Mine');
		expect(merged.body).toBe('My text\n\nBecause.');
		expect(merged.actions.map((a) => a.kind)).toEqual(['transfer', 'expert']);
		expect(applyPrefill(merged, prefill, 3)).toEqual(merged);
	});
});

describe('disputeProblem', async () => {
	const { disputeProblem, NotValidatorError, ChallengeWindowClosedError, NoMismatchError, OwnRecordError } =
		await import('./disputeReadiness.ts');
	const records = ledgerRecordsOf([recorded(1, 1000), recorded(4, 900), disputed(4)]);
	const me = { account: validator, stake: 10n, minValidatorStake: 10n } as const;
	const differs = { kind: 'differs', differences: [], recomputed: {}, checkedAt: 0 } as unknown as CheckResult;

	it('lets a validator dispute a mismatch within the window', () => {
		expect(disputeProblem(records[0]!, 950, me, differs)).toBeUndefined();
	});

	it('says what stops anyone else, and what to do', () => {
		const low = disputeProblem(records[0]!, 950, { ...me, stake: 4n }, differs);
		expect(low).toBeInstanceOf(NotValidatorError);
		expect(low?.message).toMatch(/Stake the missing/);
		expect(disputeProblem(records[0]!, 950, { ...me, account: payer }, differs)).toBeInstanceOf(OwnRecordError);
		expect(disputeProblem(records[0]!, 1000, me, differs)).toBeInstanceOf(ChallengeWindowClosedError);
		expect(disputeProblem(records[1]!, 850, me, differs)).toBeInstanceOf(ChallengeWindowClosedError);
		expect(disputeProblem(records[0]!, 950, me, undefined)).toBeInstanceOf(NoMismatchError);
	});
});
