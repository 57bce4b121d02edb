// Reads a contribution's records.jsonl back: what curators look at, what dedupe indexes a datanet by, and what
// ModelFactory trains on. Written by anyone's page, so each line is checked; a line that is not a record (a torn
// write, an older format) is counted and skipped rather than failing the whole contribution.
import { recordText, type IngestRecord, type RecordContent } from './recordSchema.ts';

/** A record as read back: its id and content are checked; the other fields are as the contributor's page wrote them. */
export type ContributedRecord = RecordContent & { id: string } & Partial<
		Omit<IngestRecord, 'id' | keyof RecordContent>
	>;

/** The usable records of a JSONL file, in order, and how many lines were not records. */
export type ParseRecordsJsonlReturnType = { records: ContributedRecord[]; badLines: number };

/**
 * Parses records.jsonl bytes.
 *
 * @example
 * const { records, badLines } = parseRecordsJsonl(bytes);
 */
export function parseRecordsJsonl(bytes: Uint8Array): ParseRecordsJsonlReturnType {
	const records: ContributedRecord[] = [];
	let badLines = 0;
	for (const line of new TextDecoder().decode(bytes).split('\n')) {
		if (!line.trim()) continue;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			badLines++;
			continue;
		}
		const record = asRecord(value);
		if (record) records.push(record);
		else badLines++;
	}
	return { records, badLines };
}

function asRecord(value: unknown): ContributedRecord | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const record = value as Record<string, unknown>;
	if (typeof record.id !== 'string' || record.id === '') return undefined;
	for (const field of ['text', 'prompt', 'response'] as const)
		if (field in record && typeof record[field] !== 'string') return undefined;
	return recordText(record as RecordContent) === '' ? undefined : (record as ContributedRecord);
}
