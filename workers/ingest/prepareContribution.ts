// Everything between "the contributor chose files" and "these bytes get contributed": the ingest pipeline, then
// dedupe within the upload and against the contributions already in the datanet (pending or accepted), then the
// kept records as records.jsonl with its sha-256. Plain TS with no DOM, so the ingest worker runs it and Node tests
// it on the real sample files.
import { indexContributions, type DedupeAgainst, type ExistingRecord } from './dedupe/datanetIndex.ts';
import { dedupeRecords, type ExactDuplicate, type NearDuplicate } from './dedupe/dedupeRecords.ts';
import type { IngestSource } from './ingestFile.ts';
import { ingestFiles, type IngestResult } from './ingestFiles.ts';
import { sha256Hex } from './records/recordId.ts';
import { recordText, type IngestRecord, type TokenCount } from './records/recordSchema.ts';
import { truncateAtWord } from '../shared/format/truncateAtWord.ts';

/** The records.jsonl bytes of a contribution already in the datanet (pending or accepted). */
export type ExistingContribution = { contributionId: string; jsonl: Uint8Array };

export type PrepareContributionOptions = {
	/** The base model's token counter. */
	tokenCount: TokenCount;
	/** Most tokens per record (default 256). */
	maxTokens?: number;
	/** Replace personal data (emails, phones, IBANs, cards) before records are built. */
	redact: boolean;
	/**
	 * The datanet's contributions to deduplicate against (empty: only within the upload), or an index of them the
	 * ingest worker keeps between uploads (datanetIndex.ts).
	 */
	against: readonly ExistingContribution[] | DedupeAgainst;
	signal?: AbortSignal;
	onProgress?: (progress: PrepareProgress) => void;
};

/** `extract` counts bytes of the upload; `index` and `dedupe` count records. */
export type PrepareProgress = { phase: 'extract' | 'index' | 'dedupe'; done: number; total: number; file?: string };

/** A dropped record and what it collides with, both sides' text cut short for the review screen. */
export type Collision = {
	id: string;
	withId: string;
	where: 'upload' | 'datanet';
	/** The contribution holding `withId`, for a datanet collision. */
	contributionId?: string;
	/** 1 for an exact copy. */
	jaccard: number;
	exact: boolean;
	text: string;
	withText: string;
};

export type PreparedContribution = {
	/** ingestFiles' result, unchanged (its `records` are before dedupe). */
	ingest: IngestResult;
	/** The records after dedupe, in upload order. */
	kept: IngestRecord[];
	exact: ExactDuplicate[];
	near: NearDuplicate[];
	/** Exact duplicates first, then near ones, each in upload order. */
	collisions: Collision[];
	/** The kept records, one JSON.stringify(record) + '\n' each: the bytes that get contributed. */
	jsonl: Uint8Array;
	/** sha-256 of `jsonl`. */
	contentHash: `0x${string}`;
	byteSize: number;
	tokenCount: number;
	recordCount: number;
};

/** Characters of each side's text a collision carries. */
export const SNIPPET_CHARS = 200;

/**
 * Ingests `sources`, deduplicates the records within the upload and against `against`, and serialises the kept ones.
 *
 * @example
 * const prepared = await prepareContribution(sources, { tokenCount, redact: true, against: [{ contributionId: '3', jsonl }] });
 * prepared.collisions; // [{ id: '9f…', withId: '3a…', where: 'datanet', contributionId: '3', jaccard: 0.86, … }]
 */
export async function prepareContribution(
	sources: IngestSource[],
	{ tokenCount, maxTokens, redact, against, signal, onProgress }: PrepareContributionOptions
): Promise<PreparedContribution> {
	signal?.throwIfAborted();
	const ingest = await ingestFiles(sources, {
		tokenCount,
		maxTokens,
		redact,
		signal,
		onProgress: (p) => onProgress?.({ phase: 'extract', done: p.bytesDone, total: p.bytesTotal, file: p.file })
	});

	const existing = isDedupeAgainst(against)
		? against
		: await indexContributions(against, { signal, onProgress: throttled('index', onProgress) });
	const dedupeProgress = throttled('dedupe', onProgress);
	const deduped = await dedupeRecords(ingest.records, {
		against: existing.index.size > 0 ? existing.index : undefined,
		signal,
		onProgress: dedupeProgress
	});
	// With no records dedupeRecords never reports; the page still wants to see the phase finish.
	if (ingest.records.length === 0) onProgress?.({ phase: 'dedupe', done: 0, total: 0 });

	const uploadText = new Map<string, string>();
	for (const record of ingest.records) if (!uploadText.has(record.id)) uploadText.set(record.id, recordText(record));
	const datanet = existing.records;
	const collide = (
		id: string,
		withId: string,
		where: 'upload' | 'datanet',
		jaccard: number,
		exact: boolean
	): Collision => {
		const other = where === 'datanet' ? datanet.get(withId) : undefined;
		return {
			id,
			withId,
			where,
			...(other ? { contributionId: other.contributionId } : {}),
			jaccard,
			exact,
			text: snippet(uploadText.get(id) ?? ''),
			withText: snippet(other ? recordText(other) : (uploadText.get(withId) ?? ''))
		};
	};
	const collisions = [
		...deduped.exact.map((d) => collide(d.id, d.duplicateOf, d.where, 1, true)),
		...deduped.near.map((d) => collide(d.id, d.similarTo, d.where, d.jaccard, false))
	];

	const text = deduped.kept.map((record) => JSON.stringify(record) + '\n').join('');
	const jsonl = new TextEncoder().encode(text);
	return {
		ingest,
		kept: deduped.kept,
		exact: deduped.exact,
		near: deduped.near,
		collisions,
		jsonl,
		contentHash: `0x${await sha256Hex(text)}`,
		byteSize: jsonl.byteLength,
		tokenCount: deduped.kept.reduce((sum, record) => sum + record.tokens, 0),
		recordCount: deduped.kept.length
	};
}

/**
 * A browser File (or Node's) as the pipeline reads it: its size up front, so an oversized file is refused unread,
 * and its bytes only when the pipeline gets to it.
 *
 * @example
 * const sources = [...input.files].map(fileSource);
 */
export function fileSource(file: File): IngestSource {
	return { name: file.name, size: file.size, read: async () => new Uint8Array(await file.arrayBuffer()) };
}

function isDedupeAgainst(against: PrepareContributionOptions['against']): against is DedupeAgainst {
	return !Array.isArray(against);
}

/**
 * Progress for a per-record phase, at most about a hundred reports: each one crosses the worker boundary, and a
 * message per record would cost more than the work it reports.
 */
export function throttled(
	phase: 'index' | 'dedupe',
	onProgress: ((progress: PrepareProgress) => void) | undefined
): (done: number, total: number) => void {
	let reported = 0;
	return (done, total) => {
		if (done !== total && done - reported < total / 100) return;
		reported = done;
		onProgress?.({ phase, done, total });
	};
}

const snippet = (text: string) => truncateAtWord(text, SNIPPET_CHARS);
