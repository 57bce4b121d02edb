// Deduplicates an upload before the contributor reviews it: exact copies (same content hash) and near-duplicates
// (word 5-gram Jaccard at or above the threshold), both within the upload — the first occurrence is kept — and
// against the datanet's accepted records, with what each dropped record collides with, for the review screen.
import { DedupeIndex, DEFAULT_THRESHOLD, DedupeThresholdError, type DedupeIndexOptions, type DedupeRecord } from './dedupeIndex.ts';
import { fingerprintBatches } from './fingerprint.ts';
import { recordText } from '../records/recordSchema.ts';

export type { DedupeRecord } from './dedupeIndex.ts';

/** Where the record a duplicate collides with lives. */
export type DuplicateWhere = 'upload' | 'datanet';

/** A record dropped as an exact copy. */
export type ExactDuplicate = { id: string; duplicateOf: string; where: DuplicateWhere };

/** A record dropped as a near-duplicate; `estimated` when the datanet index kept signatures only. */
export type NearDuplicate = {
	id: string;
	similarTo: string;
	jaccard: number;
	where: DuplicateWhere;
	estimated: boolean;
};

/** What to deduplicate against, and how strictly. */
export type DedupeRecordsOptions = {
	/** The datanet's accepted records; without it, only the upload is deduplicated. */
	against?: DedupeIndex | undefined;
	/** Jaccard of word 5-gram sets at or above which two records are near-duplicates. */
	threshold?: number;
	/** Index parameters for the upload when there is no `against` (which otherwise decides them). */
	indexOptions?: DedupeIndexOptions;
	/** Called after each record, for a progress bar. */
	onProgress?: (done: number, total: number) => void;
	signal?: AbortSignal;
};

/** The kept records and the dropped ones, each with what it collides with, in upload order. */
export type DedupeRecordsReturnType<R extends DedupeRecord> = {
	kept: R[];
	exact: ExactDuplicate[];
	near: NearDuplicate[];
	/** The kept records' fingerprints, ready to merge into the datanet's index once they are accepted. */
	uploadIndex: DedupeIndex;
};

/**
 * Splits `records` into the kept ones and the exact and near duplicates, in upload order.
 *
 * @example
 * const { kept, exact, near } = await dedupeRecords(records, { against: DedupeIndex.deserialize(bytes) });
 * // near: [{ id: '9f…', similarTo: '3a…', jaccard: 0.83, where: 'datanet', estimated: false }]
 */
export async function dedupeRecords<R extends DedupeRecord>(
	records: readonly R[],
	{ against, threshold = DEFAULT_THRESHOLD, indexOptions, onProgress, signal }: DedupeRecordsOptions = {}
): Promise<DedupeRecordsReturnType<R>> {
	if (!(threshold > 0 && threshold <= 1))
		throw new DedupeThresholdError(`The near-duplicate threshold must be in (0, 1]; got ${threshold}.`);
	const upload = new DedupeIndex({ ...(against?.parameters ?? indexOptions), keepShingles: true });
	const result: DedupeRecordsReturnType<R> = { kept: [], exact: [], near: [], uploadIndex: upload };
	// Every content hash seen in the upload, dropped records included, so a third copy points at the first.
	const seen = new Map<string, string>();
	let done = 0;
	for await (const prints of fingerprintBatches(records.map(recordText), upload.hasher)) {
		for (const print of prints) {
			signal?.throwIfAborted();
			const record = records[done]!;
			const inDatanet = against?.findExact(print.contentHash);
			const inUpload = inDatanet === undefined ? seen.get(print.contentHash) : undefined;
			if (!seen.has(print.contentHash)) seen.set(print.contentHash, record.id);
			if (inDatanet !== undefined || inUpload !== undefined) {
				result.exact.push({
					id: record.id,
					duplicateOf: (inDatanet ?? inUpload)!,
					where: inDatanet !== undefined ? 'datanet' : 'upload'
				});
			} else {
				// The closest match wins; on a tie the datanet's, since that is the collision a curator acts on.
				const datanetMatch = against?.findSimilar(print, threshold)[0];
				const uploadMatch = upload.findSimilar(print, threshold)[0];
				const best =
					uploadMatch && (!datanetMatch || uploadMatch.jaccard > datanetMatch.jaccard) ? uploadMatch : datanetMatch;
				if (best) {
					const where = best === datanetMatch ? 'datanet' : 'upload';
					result.near.push({
						id: record.id,
						similarTo: best.id,
						jaccard: best.jaccard,
						where,
						estimated: best.estimated
					});
				} else {
					result.kept.push(record);
					upload.add(record.id, print);
				}
			}
			done++;
			onProgress?.(done, records.length);
		}
	}
	return result;
}
