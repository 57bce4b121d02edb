// What an upload is deduplicated against: the records of a datanet's contributions (pending or accepted) and their
// dedupe index. The ingest worker keeps one per datanet between uploads, so a retry or a second upload sends and
// indexes only the contributions it has not seen; a contribution that left the set (rejected) is dropped by
// re-indexing the records already held, without asking the page for anything.
import { DedupeIndexIncompleteError } from '../errors.ts';
import { parseRecordsJsonl } from '../records/parseRecordsJsonl.ts';
import { recordText } from '../records/recordSchema.ts';
import { DedupeIndex, type DedupeRecord } from './dedupeIndex.ts';
import { fingerprintBatches } from './fingerprint.ts';

/** A contribution of the datanet, by id and the CID of its records.jsonl. */
export type ContributionRef = { contributionId: string; cid: string };

/** A contribution with its records.jsonl bytes, as the page reads them from IPFS. */
export type ContributionRecords = ContributionRef & { jsonl: Uint8Array };

/** An indexed record and the contribution it belongs to. */
export type ExistingRecord = DedupeRecord & { contributionId: string };

/** The index an upload is checked against, and the records behind its ids (for the collisions' text). */
export type DedupeAgainst = { index: DedupeIndex; records: ReadonlyMap<string, ExistingRecord> };

/** Progress of indexing: records fingerprinted so far of those to add. */
export type IndexProgress = (done: number, total: number) => void;

const keyOf = ({ contributionId, cid }: ContributionRef) => `${contributionId}@${cid}`;

/**
 * One datanet's contributions as the ingest worker keeps them: parsed records per contribution, and one dedupe
 * index over the contributions last asked for, grown incrementally.
 *
 * @example
 * const kept = new DatanetIndex();
 * kept.missing(refs); // the refs whose records the page must send
 * const against = await kept.against(refs, sentRecords, { signal });
 */
export class DatanetIndex {
	readonly #records = new Map<string, ExistingRecord[]>();
	#index = new DedupeIndex();
	readonly #indexed = new Set<string>();

	/** The contributions among `refs` whose records this index does not hold. */
	missing(refs: readonly ContributionRef[]): ContributionRef[] {
		return refs.filter((ref) => !this.#records.has(keyOf(ref)));
	}

	/** Contributions held, indexed or not. */
	get size(): number {
		return this.#records.size;
	}

	/**
	 * Takes in `add`, then returns the index over exactly `refs`: only records not yet indexed are fingerprinted,
	 * unless a contribution left the set, when the held records are re-indexed. Throws
	 * {@link DedupeIndexIncompleteError} when a ref is neither held nor in `add`.
	 */
	async against(
		refs: readonly ContributionRef[],
		add: readonly ContributionRecords[],
		{ signal, onProgress }: { signal?: AbortSignal | undefined; onProgress?: IndexProgress | undefined } = {}
	): Promise<DedupeAgainst> {
		for (const contribution of add) this.#records.set(keyOf(contribution), parseContribution(contribution));
		const lacking = this.missing(refs);
		if (lacking.length) {
			throw new DedupeIndexIncompleteError(
				`The duplicate check lacks the records of contribution${lacking.length > 1 ? 's' : ''} ${lacking.map((r) => `#${r.contributionId}`).join(', ')}; send them with the upload.`
			);
		}
		const wanted = new Set(refs.map(keyOf));
		if ([...this.#indexed].some((key) => !wanted.has(key))) this.#reset();
		const toIndex = [...wanted].filter((key) => !this.#indexed.has(key));
		const records = toIndex.flatMap((key) => this.#records.get(key)!);
		try {
			await indexInto(this.#index, records, signal, onProgress);
		} catch (error) {
			// Half of a contribution in the index would be indexed twice next time: start over then.
			this.#reset();
			throw error;
		}
		for (const key of toIndex) this.#indexed.add(key);
		const byId = new Map<string, ExistingRecord>();
		for (const key of wanted) for (const record of this.#records.get(key)!) if (!byId.has(record.id)) byId.set(record.id, record);
		return { index: this.#index, records: byId };
	}

	#reset() {
		this.#index = new DedupeIndex();
		this.#indexed.clear();
	}
}

/**
 * Builds a one-off index over `contributions` (nothing kept), for a check that is not an upload (a curator's).
 *
 * @example
 * const against = await indexContributions([{ contributionId: '3', cid: 'bafy…', jsonl }]);
 */
export async function indexContributions(
	contributions: readonly (Omit<ContributionRecords, 'cid'> & { cid?: string })[],
	options: { signal?: AbortSignal | undefined; onProgress?: IndexProgress | undefined } = {}
): Promise<DedupeAgainst> {
	const refs = contributions.map((c, i) => ({ ...c, cid: c.cid ?? `#${i}` }));
	return new DatanetIndex().against(refs, refs, options);
}

/**
 * The usable records of a contribution. A line that is not a record (torn write, older format) is skipped: one bad
 * contribution must not stop every later upload to the datanet.
 */
function parseContribution({ contributionId, jsonl }: ContributionRecords): ExistingRecord[] {
	return parseRecordsJsonl(jsonl).records.map(({ id, text, prompt, response }) => ({
		id,
		...(text !== undefined ? { text } : {}),
		...(prompt !== undefined ? { prompt } : {}),
		...(response !== undefined ? { response } : {}),
		contributionId
	}));
}

/** Adds `records` to `index`, with the progress and abort checks a datanet of many contributions needs. */
async function indexInto(
	index: DedupeIndex,
	records: readonly ExistingRecord[],
	signal: AbortSignal | undefined,
	onProgress: IndexProgress | undefined
): Promise<void> {
	let done = 0;
	for await (const prints of fingerprintBatches(records.map(recordText), index.hasher)) {
		signal?.throwIfAborted();
		for (const print of prints) index.add(records[done++]!.id, print);
		onProgress?.(done, records.length);
	}
}
