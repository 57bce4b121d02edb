// What a loaded version holds, as the data step shows it: prompt/response pairs become chat examples (loss on the
// response), text records plain next-token examples, so the two are counted apart.
import type { ContributedRecord } from '../../../workers/ingest/records/parseRecordsJsonl.ts';

/** Counts of loaded records. */
export type TrainingRecordCounts = {
	records: number;
	pairs: number;
	texts: number;
	/** Sum of the records' `tokens` (the base model's count when they were contributed). */
	tokens: number;
	/** Records that carried no token count (written by another client), left out of `tokens`. */
	withoutTokens: number;
};

export const NO_RECORDS: TrainingRecordCounts = { records: 0, pairs: 0, texts: 0, tokens: 0, withoutTokens: 0 };

/**
 * Counts records by kind, and their tokens.
 *
 * @example
 * countTrainingRecords(records); // { records: 120, pairs: 40, texts: 80, tokens: 9_812, withoutTokens: 0 }
 */
export function countTrainingRecords(records: readonly ContributedRecord[]): TrainingRecordCounts {
	const counts = { ...NO_RECORDS };
	for (const record of records) {
		counts.records++;
		if (record.prompt !== undefined && record.response !== undefined) counts.pairs++;
		else counts.texts++;
		if (typeof record.tokens === 'number' && Number.isFinite(record.tokens) && record.tokens >= 0)
			counts.tokens += record.tokens;
		else counts.withoutTokens++;
	}
	return counts;
}

/**
 * Adds counts (of several versions).
 *
 * @example
 * addRecordCounts([a, b]).records;
 */
export function addRecordCounts(all: readonly TrainingRecordCounts[]): TrainingRecordCounts {
	return all.reduce(
		(sum, c) => ({
			records: sum.records + c.records,
			pairs: sum.pairs + c.pairs,
			texts: sum.texts + c.texts,
			tokens: sum.tokens + c.tokens,
			withoutTokens: sum.withoutTokens + c.withoutTokens
		}),
		NO_RECORDS
	);
}

const whole = new Intl.NumberFormat('en');
const count = (n: number, one: string, many = `${one}s`) => `${whole.format(n)} ${n === 1 ? one : many}`;

/**
 * The counts in words, as the data step shows them.
 *
 * @example
 * describeRecordCounts({ records: 3, pairs: 1, texts: 2, tokens: 36, withoutTokens: 0 });
 * // '3 records, 36 tokens: 1 prompt/response pair (chat examples, learning the responses) and 2 texts (next-token examples)'
 */
export function describeRecordCounts(counts: TrainingRecordCounts): string {
	const missing = counts.withoutTokens > 0 ? ` (${count(counts.withoutTokens, 'record')} without a token count)` : '';
	return (
		`${count(counts.records, 'record')}, ${count(counts.tokens, 'token')}${missing}: ` +
		`${count(counts.pairs, 'prompt/response pair')} (chat examples, learning the responses) and ` +
		`${count(counts.texts, 'text')} (next-token examples)`
	);
}
