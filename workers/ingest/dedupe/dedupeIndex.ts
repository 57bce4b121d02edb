// A datanet's dedupe index: the fingerprints of its accepted records, an exact lookup by content hash and an LSH
// table for near-duplicates. Built once from the accepted records, stored as bytes (IndexedDB, IPFS), loaded in the
// contributor's worker and queried with every upload.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import { fingerprintBatches, type Fingerprint } from './fingerprint.ts';
import {
	decodeDedupeIndex,
	encodeDedupeIndex,
	type DedupeIndexEntry,
	type DedupeIndexParameters
} from './indexFormat.ts';
import { bandKeys, DEFAULT_BANDS, DEFAULT_ROWS, LshParametersError, LshTable } from './lsh.ts';
import {
	createMinHasher,
	DEFAULT_NUM_PERM,
	DEFAULT_SEED,
	estimateJaccard,
	SignatureMismatchError,
	type MinHasher
} from './minhash.ts';
import { jaccard } from './shingles.ts';
import { recordText, type RecordContent } from '../records/recordSchema.ts';

/** The fields dedupe reads from an ingest record; other fields pass through untouched. */
export type DedupeRecord = RecordContent & { id: string };

/** The near-duplicate threshold (Jaccard of word 5-gram sets) unless told otherwise; see lsh.ts for why. */
export const DEFAULT_THRESHOLD = 0.75;

/** Raised for a threshold outside (0, 1]. */
export class DedupeThresholdError extends ProvenaError {
	override name = 'DedupeThresholdError';
}

/** How to build an index; every field has a default that matches the shipped datanets. */
export type DedupeIndexOptions = Partial<DedupeIndexParameters>;

/** A near-duplicate found in the index. `estimated` when the index kept no shingles and the Jaccard is MinHash's. */
export type NearMatch = { id: string; jaccard: number; estimated: boolean };

/** Fingerprints of accepted records with exact and near-duplicate lookups. */
export class DedupeIndex {
	readonly parameters: DedupeIndexParameters;
	readonly hasher: MinHasher;
	readonly #entries: DedupeIndexEntry[] = [];
	readonly #byContentHash = new Map<string, number>();
	readonly #table: LshTable;

	/**
	 * An empty index.
	 *
	 * @example
	 * const index = new DedupeIndex({ keepShingles: false });
	 */
	constructor({
		numPerm = DEFAULT_NUM_PERM,
		seed = DEFAULT_SEED,
		bands = DEFAULT_BANDS,
		rows = DEFAULT_ROWS,
		keepShingles = true
	}: DedupeIndexOptions = {}) {
		if (
			!Number.isInteger(bands) ||
			!Number.isInteger(rows) ||
			bands < 1 ||
			rows < 1 ||
			bands > 255 ||
			rows > 255 ||
			bands * rows > numPerm
		)
			throw new LshParametersError(`${bands} bands × ${rows} rows do not fit a signature of ${numPerm} permutations.`, {
				metaMessages: ['Use 1–255 bands and rows with bands × rows ≤ permutations.']
			});
		this.hasher = createMinHasher({ numPerm, seed });
		this.parameters = { numPerm, seed, bands, rows, keepShingles };
		this.#table = new LshTable(bands);
	}

	/**
	 * Builds an index from a datanet's accepted records.
	 *
	 * @example
	 * const index = await DedupeIndex.fromRecords(accepted);
	 */
	static async fromRecords(records: readonly DedupeRecord[], options: DedupeIndexOptions = {}): Promise<DedupeIndex> {
		const index = new DedupeIndex(options);
		let slot = 0;
		for await (const prints of fingerprintBatches(records.map(recordText), index.hasher))
			for (const print of prints) index.add(records[slot++]!.id, print);
		return index;
	}

	/**
	 * Loads an index from `serialize()`'s bytes.
	 *
	 * @example
	 * const index = DedupeIndex.deserialize(await idb.get('dedupe', datanetId));
	 */
	static deserialize(bytes: Uint8Array): DedupeIndex {
		const { parameters, entries } = decodeDedupeIndex(bytes);
		const index = new DedupeIndex(parameters);
		for (const entry of entries)
			index.add(entry.id, { contentHash: entry.contentHash, signature: entry.signature, shingles: entry.shingles });
		return index;
	}

	/** Records in the index. */
	get size(): number {
		return this.#entries.length;
	}

	/** Adds an accepted record's fingerprint (from `fingerprint(text, index.hasher)`). */
	add(id: string, print: Omit<Fingerprint, 'shingles'> & { shingles?: Uint32Array | undefined }): void {
		this.#checkSignature(print.signature);
		const slot = this.#entries.length;
		this.#entries.push({
			id,
			contentHash: print.contentHash,
			signature: print.signature,
			shingles: this.parameters.keepShingles ? print.shingles : undefined
		});
		if (!this.#byContentHash.has(print.contentHash)) this.#byContentHash.set(print.contentHash, slot);
		// An empty text's signature is all 0xffffffff: every empty text would share every band with every other.
		if (print.shingles?.length !== 0 && print.signature[0] !== 0xffffffff)
			this.#table.insert(bandKeys(print.signature, this.parameters.bands, this.parameters.rows), slot);
	}

	/** The id of the first indexed record with this content hash, if any. */
	findExact(contentHash: string): string | undefined {
		const slot = this.#byContentHash.get(contentHash);
		return slot === undefined ? undefined : this.#entries[slot]!.id;
	}

	/**
	 * Indexed records whose Jaccard with `print` is at least `threshold`, most similar first: exact Jaccard of the
	 * shingle sets where both sides have them, else the signature estimate.
	 *
	 * @example
	 * index.findSimilar(await fingerprint(text, index.hasher), 0.75); // [{ id, jaccard: 0.82, estimated: false }]
	 */
	findSimilar(
		print: { signature: Uint32Array; shingles?: Uint32Array | undefined },
		threshold = DEFAULT_THRESHOLD
	): NearMatch[] {
		if (!(threshold > 0 && threshold <= 1))
			throw new DedupeThresholdError(`The near-duplicate threshold must be in (0, 1]; got ${threshold}.`);
		this.#checkSignature(print.signature);
		if (print.shingles?.length === 0 || print.signature[0] === 0xffffffff) return [];
		const matches: NearMatch[] = [];
		for (const slot of this.#table.candidates(bandKeys(print.signature, this.parameters.bands, this.parameters.rows))) {
			const entry = this.#entries[slot]!;
			const exact = entry.shingles !== undefined && print.shingles !== undefined;
			const similarity = exact
				? jaccard(print.shingles!, entry.shingles!)
				: estimateJaccard(print.signature, entry.signature);
			if (similarity >= threshold) matches.push({ id: entry.id, jaccard: similarity, estimated: !exact });
		}
		return matches.sort((x, y) => y.jaccard - x.jaccard);
	}

	/**
	 * The index as compact bytes (see indexFormat.ts), for IndexedDB or IPFS.
	 *
	 * @example
	 * const bytes = index.serialize(); // DedupeIndex.deserialize(bytes) gives the same answers
	 */
	serialize(): Uint8Array {
		return encodeDedupeIndex(this.parameters, this.#entries);
	}

	#checkSignature(signature: Uint32Array): void {
		if (signature.length !== this.parameters.numPerm)
			throw new SignatureMismatchError(
				`A signature of ${signature.length} values does not fit this index of ${this.parameters.numPerm} permutations.`,
				{ metaMessages: ['Fingerprint records with the index’s own hasher (index.hasher).'] }
			);
	}
}
