// Which record the validator re-checks next. One at a time (the attribution worker holds one session): records
// still in their challenge window come first, the one whose window closes soonest first, since a mismatch found after
// the deadline can no longer be disputed; then open disputes (so voters see both sides recomputed), oldest first.
// Records outside the watched models, already checked, or past the point where a check changes anything are skipped.
import { chainPhase, type CheckResult } from './recordState.ts';
import type { LedgerRecord } from './ledgerRecords.ts';

/** Which models to watch: all, or the listed model ids (decimal). */
export type ModelFilter = { kind: 'all' } | { kind: 'some'; modelIds: ReadonlySet<string> };

/** Whether `record` is of a watched model. */
export function watched(record: LedgerRecord, filter: ModelFilter): boolean {
	return filter.kind === 'all' || filter.modelIds.has(record.record.args.modelId.toString());
}

/**
 * The records to check, in the order to check them, at chain time `now`. A record with a result (or being checked)
 * is not queued again.
 *
 * @example
 * const [next] = workQueue(records, now, checks, { kind: 'all' });
 */
export function workQueue(
	records: readonly LedgerRecord[],
	now: number,
	checks: ReadonlyMap<string, CheckResult>,
	filter: ModelFilter
): LedgerRecord[] {
	const todo = records.filter((r) => watched(r, filter) && !checks.has(r.id.toString()));
	const inWindow = todo
		.filter((r) => chainPhase(r, now) === 'asserted')
		.sort((a, b) => compare(a.record.args.deadline, b.record.args.deadline) || compare(a.id, b.id));
	const disputed = todo.filter((r) => chainPhase(r, now) === 'disputed').sort((a, b) => compare(a.id, b.id));
	return [...inWindow, ...disputed];
}

function compare(a: bigint, b: bigint): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
