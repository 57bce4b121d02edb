// The AttributionLedger's records as a validator follows them, rebuilt from its synced events alone: each
// InferenceRecorded with what happened to it since (disputed, finalised, resolved). Pure: the Validate page folds
// the stored logs with this on every block, and the tests feed it hand-written logs.
import type { Address, Hex } from 'viem';
import type { InferenceRecord } from '../chain/actions/getInferenceRecords.ts';
import type { InferenceRecordedArgs } from '../chain/attribution/assertionOf.ts';
import type { StoredLog } from '../chain/sync/logStore.ts';
import { argsOf } from '../chain/sync/storedLogArgs.ts';

/** Where an event happened. */
export type LogPoint = { blockNumber: number; transactionHash: Hex };

/** A validator's dispute of a record. */
export type RecordDispute = LogPoint & { disputer: Address; bond: bigint; evidenceCid: string };

/** Governance's ruling on a disputed record. */
export type RecordResolution = LogPoint & {
	assertionUpheld: boolean;
	winner: Address;
	award: bigint;
	toTreasury: bigint;
	winningEvidenceCid: string;
	toPool: boolean;
};

/** One recorded answer and its fate so far. */
export type LedgerRecord = {
	id: bigint;
	record: InferenceRecord;
	dispute?: RecordDispute;
	finalized?: LogPoint & { bond: bigint };
	resolution?: RecordResolution;
};

const point = (log: StoredLog): LogPoint => ({ blockNumber: log.blockNumber, transactionHash: log.transactionHash });

/** The InferenceRecorded event's arguments, typed back from a stored log. */
export function inferenceRecordOf(log: StoredLog): InferenceRecord {
	const a = argsOf(log);
	const amounts = a.struct('amounts');
	const answer = a.struct('answer');
	const args: InferenceRecordedArgs = {
		modelId: a.big('modelId'),
		payer: a.address('payer'),
		recordId: a.big('recordId'),
		fee: a.big('fee'),
		amounts: {
			data: amounts.big('data'),
			modelOwner: amounts.big('modelOwner'),
			stakers: amounts.big('stakers'),
			treasury: amounts.big('treasury')
		},
		bond: a.big('bond'),
		deadline: a.big('deadline'),
		answer: {
			modelId: answer.big('modelId'),
			adapterVersion: answer.num('adapterVersion'),
			contributionIds: answer.strings('contributionIds').map((v) => integer(v, log)),
			weights: answer.strings('weights').map((v) => integer(v, log)),
			totalWeight: answer.big('totalWeight'),
			outputCommitment: answer.hex('outputCommitment'),
			evidenceCid: answer.str('evidenceCid')
		},
		contributors: a.strings('contributors').map((v) => argsOf({ ...log, args: { v } }).address('v'))
	};
	return { args, blockNumber: BigInt(log.blockNumber), transactionHash: log.transactionHash };
}

/** A decimal integer inside a stored list; anything else throws MalformedLogError through the typed reader. */
function integer(value: string, log: StoredLog): bigint {
	return argsOf({ ...log, args: { value } }).big('value');
}

/**
 * Every record in `logs` (the AttributionLedger's stream, in chain order), by id ascending, with its dispute,
 * finalisation and ruling.
 *
 * @example
 * const records = ledgerRecordsOf(await store.logs(stream));
 */
export function ledgerRecordsOf(logs: readonly StoredLog[]): LedgerRecord[] {
	const byId = new Map<string, LedgerRecord>();
	for (const log of logs) {
		switch (log.eventName) {
			case 'InferenceRecorded': {
				const record = inferenceRecordOf(log);
				byId.set(record.args.recordId.toString(), { id: record.args.recordId, record });
				break;
			}
			case 'AttributionDisputed': {
				const a = argsOf(log);
				const r = byId.get(a.id('recordId'));
				if (r)
					r.dispute = {
						...point(log),
						disputer: a.address('disputer'),
						bond: a.big('bond'),
						evidenceCid: a.str('evidenceCid')
					};
				break;
			}
			case 'AttributionFinalized': {
				const a = argsOf(log);
				const r = byId.get(a.id('recordId'));
				if (r) r.finalized = { ...point(log), bond: a.big('bond') };
				break;
			}
			case 'DisputeResolved': {
				const a = argsOf(log);
				const r = byId.get(a.id('recordId'));
				if (r)
					r.resolution = {
						...point(log),
						assertionUpheld: a.bool('assertionUpheld'),
						winner: a.address('winner'),
						award: a.big('award'),
						toTreasury: a.big('toTreasury'),
						winningEvidenceCid: a.str('winningEvidenceCid'),
						toPool: a.bool('toPool')
					};
				break;
			}
		}
	}
	return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
