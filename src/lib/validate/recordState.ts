// A record's state as the Validate page shows it: what the chain says (events and chain time) combined with what this
// page found when it re-checked the record. The chain decides the phase; a check only refines "asserted" into
// "verified here" or "mismatch", since after the window a local verdict changes nothing on chain.
import type { AttributionDifference } from '../attribution/attributionDifferences.ts';
import type { InferenceEvidence } from '../attribution/inferenceEvidence.ts';
import type { AttributionReport } from '../../../workers/ml/attribution/attributionReport.ts';
import type { LedgerRecord } from './ledgerRecords.ts';

/** Where a record stands on chain at a given chain time. */
export type ChainPhase =
	/** No contribution named: the data share went to the pool at once; nothing to check or dispute. */
	| 'pooled'
	/** Within its challenge window: a validator may dispute it. */
	| 'asserted'
	/** Its window closed undisputed: anyone may finalise it. */
	| 'due'
	| 'disputed'
	| 'finalized'
	| 'resolved';

/** What re-checking a record here found (kept per record while the page is open). */
export type CheckResult =
	| { kind: 'checking' }
	| {
			kind: 'matches';
			evidence: InferenceEvidence;
			recomputed: AttributionReport;
			/** The adapter the registry published for the record's version (what a dispute's evidence names). */
			adapterCid: string;
			checkedAt: number;
	  }
	| {
			kind: 'differs';
			adapterCid: string;
			differences: AttributionDifference[];
			evidence: InferenceEvidence;
			recomputed?: AttributionReport;
			recomputeError?: string;
			checkedAt: number;
	  }
	| { kind: 'unverifiable'; reason: string; checkedAt: number };

/** The state shown for a record: its phase, refined by the check while it is asserted. */
export type RecordState = ChainPhase | 'verified' | 'mismatch';

/**
 * The record's phase at chain time `now` (unix seconds).
 *
 * @example
 * chainPhase(record, 1_700_000_100); // 'due' once its deadline has passed undisputed
 */
export function chainPhase(record: LedgerRecord, now: number): ChainPhase {
	if (record.record.args.answer.contributionIds.length === 0) return 'pooled';
	if (record.resolution) return 'resolved';
	if (record.finalized) return 'finalized';
	if (record.dispute) return 'disputed';
	return now < Number(record.record.args.deadline) ? 'asserted' : 'due';
}

/** The state to show for `record` at chain time `now`, given this page's check of it (if any). */
export function recordState(record: LedgerRecord, now: number, check: CheckResult | undefined): RecordState {
	const phase = chainPhase(record, now);
	if (phase !== 'asserted' || !check) return phase;
	if (check.kind === 'matches') return 'verified';
	if (check.kind === 'differs') return 'mismatch';
	return phase;
}

/** Seconds left in the record's challenge window at chain time `now` (0 once closed). */
export function windowLeft(record: LedgerRecord, now: number): number {
	return Math.max(0, Number(record.record.args.deadline) - now);
}

/** A label for each state, as the page shows it. */
export const stateLabels: Record<RecordState, string> = {
	pooled: 'pooled (no window)',
	asserted: 'asserted',
	due: 'window passed — ready to finalise',
	disputed: 'disputed — waiting for governance',
	finalized: 'finalised',
	resolved: 'resolved',
	verified: 'verified here',
	mismatch: 'mismatch'
};

/** Records whose window closed undisputed at chain time `now`: what one batched finalize pays out. */
export function dueRecords(records: readonly LedgerRecord[], now: number): LedgerRecord[] {
	return records.filter((r) => chainPhase(r, now) === 'due');
}

/** Disputes still waiting for governance. */
export function openDisputes(records: readonly LedgerRecord[]): LedgerRecord[] {
	return records.filter((r) => r.dispute && !r.resolution && r.record.args.answer.contributionIds.length > 0);
}
