// What dedupe keeps of a record: its content hash (exact duplicates), its shingle set (exact Jaccard) and its MinHash
// signature (LSH and the Jaccard estimate). Computed once per record and shared by the upload and the datanet index.
import type { MinHasher } from './minhash.ts';
import { shingleHashes } from './shingles.ts';
import { sha256Hex } from '../records/recordId.ts';

/** A record's dedupe fingerprint. */
export type Fingerprint = {
	/** sha-256 hex of the text after `normaliseForHash`. */
	contentHash: string;
	/** Sorted distinct 32-bit hashes of the word 5-grams. */
	shingles: Uint32Array;
	signature: Uint32Array;
};

/**
 * The text an exact duplicate is judged on: Unicode NFC, runs of whitespace as one space, trimmed. Case and
 * punctuation count here (a re-cased copy is still caught, as a near-duplicate at Jaccard 1).
 *
 * @example
 * normaliseForHash('  Hello\r\n  world '); // 'Hello world'
 */
export function normaliseForHash(text: string): string {
	return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * sha-256 hex of `normaliseForHash(text)`, through WebCrypto (browsers, workers and Node ≥ 20).
 *
 * @example
 * await contentHash('hello'); // '2cf24dba…'
 */
export async function contentHash(text: string): Promise<string> {
	return sha256Hex(normaliseForHash(text));
}

/**
 * Computes a text's fingerprint with `hasher`.
 *
 * @example
 * const { contentHash, signature } = await fingerprint('Some paragraph …', createMinHasher());
 */
export async function fingerprint(text: string, hasher: MinHasher): Promise<Fingerprint> {
	const shingles = shingleHashes(text);
	return { contentHash: await contentHash(text), shingles, signature: hasher.signature(shingles) };
}

/** Texts hashed at once: WebCrypto digests are asynchronous, and awaiting them one by one leaves the CPU idle. */
const HASH_BATCH = 256;

/**
 * Fingerprints many texts, running their sha-256 digests concurrently in batches; same results as `fingerprint`.
 *
 * @example
 * for await (const batch of fingerprintBatches(texts, hasher)) …
 */
export async function* fingerprintBatches(texts: readonly string[], hasher: MinHasher): AsyncGenerator<Fingerprint[]> {
	for (let start = 0; start < texts.length; start += HASH_BATCH)
		yield await Promise.all(texts.slice(start, start + HASH_BATCH).map((text) => fingerprint(text, hasher)));
}
