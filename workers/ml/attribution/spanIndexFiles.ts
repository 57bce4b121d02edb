// A span index as files, for IPFS: the suffix array as a static search tree of small chunks, each entry holding its
// suffix's corpus position and first tokens (so a binary search compares without reading the corpus), each chunk of an
// upper level also holding the SHA-256 of the chunks below it; the corpus tokens in chunks whose hashes sit in pages
// of hashes; the tables in one file; and a manifest naming the roots, whose commitment (the SHA-256 of its canonical
// JSON) covers all of it. A page opens the manifest and the tables, then fetches only the chunks its searches walk
// through, each checked against a hash it already checked; a query on a large datanet reads a few chunks per answer
// position, not the index.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import { sha256Hex } from '../../shared/hash/sha256.ts';
import { canonicalJson } from '../factory/fingerprint.ts';
import type { SpanCorpus } from './spanCorpus.ts';
import { firstTokenRanges, type SpanIndexReader, type SuffixEntry } from './spanSearch.ts';

export const SPAN_INDEX_FORMAT = 'provena-span-index/2';
export const SPAN_INDEX_MANIFEST = 'span-index.json';
const TABLES_FILE = 'span-tables.bin';
/** Suffix-array entries a chunk of level 0 holds: 128 of 20 bytes, 2.5 KiB. */
export const DEFAULT_CHUNK_ENTRIES = 128;
/** Entries a chunk of an upper level holds: 32 of 52 bytes (with the hash of a chunk below), 1.6 KiB. */
export const DEFAULT_UPPER_CHUNK_ENTRIES = 32;
/** The first tokens of its suffix each entry holds. */
export const DEFAULT_INLINE_TOKENS = 8;
/** Corpus tokens a token chunk holds: 4 KiB of two-byte tokens. */
export const DEFAULT_TOKEN_CHUNK_ENTRIES = 2048;
/** Raw 32-byte hashes a page of token-chunk hashes holds: 4 KiB. */
export const DEFAULT_HASH_PAGE_ENTRIES = 128;
const HASH_BYTES = 32;

/** What `span-index.json` holds. */
export type SpanIndexManifest = {
	format: typeof SPAN_INDEX_FORMAT;
	/** SHA-256 of the tokenizer.json the corpus was tokenized with: answers must use the same one. */
	tokenizer: string;
	/** What the index belongs to (the training run's data fingerprint), so an index of other data is refused. */
	trainedOn: string;
	vocabSize: number;
	/** Corpus tokens (separators included), which is also the suffix array's length. */
	length: number;
	textTokens: number;
	segments: number;
	records: number;
	/** Bytes a stored token takes, little-endian: 2 when the separator (vocabSize) is below 65 535, else 4. */
	tokenBytes: 2 | 4;
	/** Suffix-array entries a chunk of level 0 holds. */
	chunkEntries: number;
	/** Entries a chunk of every level above holds. */
	upperChunkEntries: number;
	/** First tokens of its suffix an entry holds (the largest value of `tokenBytes` past the corpus's end). */
	inlineTokens: number;
	/**
	 * Levels of the suffix tree: level 0 holds every rank, level l the ranks divisible by the ranks a chunk of level
	 * l − 1 covers (chunkEntries × upperChunkEntries^(l − 1)), each entry with the hash of that chunk; the last level
	 * is one chunk.
	 */
	suffixLevels: number;
	/** SHA-256 of that one chunk. */
	suffixRoot: string;
	tokenChunkEntries: number;
	hashPageEntries: number;
	/** Levels of pages of token-chunk hashes (page level k holds the hashes of level k − 1; level 0: the chunks). */
	tokenHashLevels: number;
	/** SHA-256 of each item of the last level (at most hashPageEntries of them). */
	tokenRoots: string[];
	/** SHA-256 of the tables file. */
	tables: string;
	/** SHA-256 of this manifest's canonical JSON without this field. */
	commitment: string;
};

/** The tables of {@link SpanCorpus} that a query keeps in memory. */
export type SpanTables = Pick<
	SpanCorpus,
	'segmentStarts' | 'segmentRecords' | 'recordContributions' | 'unigramCounts' | 'textTokens' | 'vocabSize'
>;

/** A span index's file is missing, corrupt or made for something else; the message names which and what to do. */
export class SpanIndexError extends ProvenaError {
	override name = 'SpanIndexError';
}

const numbered = (index: number) => `${String(index).padStart(6, '0')}.bin`;
const suffixChunkPath = (level: number, index: number) => `span-suffixes/${level}/${numbered(index)}`;
const tokenChunkPath = (index: number) => `span-tokens/${numbered(index)}`;
const tokenPagePath = (level: number, index: number) => `span-token-hashes/${level}/${numbered(index)}`;

/** Little-endian uint32 bytes of `values[from..to)`. */
function uint32Bytes(values: ArrayLike<number>, from = 0, to = values.length): Uint8Array {
	const bytes = new Uint8Array((to - from) * 4);
	const view = new DataView(bytes.buffer);
	for (let i = from; i < to; i++) view.setUint32((i - from) * 4, values[i]!, true);
	return bytes;
}

function uint32Values(bytes: Uint8Array): Uint32Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const values = new Uint32Array(bytes.byteLength >>> 2);
	for (let i = 0; i < values.length; i++) values[i] = view.getUint32(i * 4, true);
	return values;
}

/** `count` little-endian tokens of `width` bytes from `bytes` at `offset`. */
function tokenValues(bytes: Uint8Array, offset: number, count: number, width: 2 | 4): Uint16Array | Uint32Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * width);
	if (width === 2) {
		const values = new Uint16Array(count);
		for (let i = 0; i < count; i++) values[i] = view.getUint16(i * 2, true);
		return values;
	}
	const values = new Uint32Array(count);
	for (let i = 0; i < count; i++) values[i] = view.getUint32(i * 4, true);
	return values;
}

function hexBytes(hex: string, into: Uint8Array, at: number): void {
	for (let i = 0; i < HASH_BYTES; i++) into[at + i] = parseInt(hex.slice(2 + 2 * i, 4 + 2 * i), 16);
}

function bytesHex(bytes: Uint8Array, at: number): string {
	let hex = '0x';
	for (let i = at; i < at + HASH_BYTES; i++) hex += bytes[i]!.toString(16).padStart(2, '0');
	return hex;
}

async function commitmentOf(manifest: Omit<SpanIndexManifest, 'commitment'>): Promise<string> {
	return sha256Hex(new TextEncoder().encode(canonicalJson(manifest)));
}

/** Items per level of the token-chunk hashes: the chunks, then pages of their hashes up to at most one page's worth. */
function tokenHashCounts(length: number, tokenChunkEntries: number, hashPageEntries: number): number[] {
	const counts = [Math.ceil(length / tokenChunkEntries)];
	while (counts.at(-1)! > hashPageEntries) counts.push(Math.ceil(counts.at(-1)! / hashPageEntries));
	return counts;
}

/**
 * The suffix tree's levels over `length` ranks: each one's entries, the entries its chunks hold, and the rank step
 * between its entries (level 0: every rank; level l: the ranks a chunk of level l − 1 covers).
 */
function suffixLevels(length: number, chunkEntries: number, upperChunkEntries: number) {
	const levels = [{ size: length, entries: chunkEntries, step: 1 }];
	for (let below = levels[0]!; below.size > below.entries; below = levels.at(-1)!)
		levels.push({
			size: Math.ceil(below.size / below.entries),
			entries: upperChunkEntries,
			step: below.step * below.entries
		});
	return levels;
}

/**
 * The files of the span index of `corpus` (whose suffix array is `suffixes`): the manifest and everything it names,
 * by path relative to the adapter folder. The sizes are options for tests; an index states its own.
 *
 * @example
 * const { manifest, files } = await spanIndexFiles(corpus, suffixArray(corpus.tokens, corpus.vocabSize + 1), { tokenizer, trainedOn });
 */
export async function spanIndexFiles(
	corpus: SpanCorpus,
	suffixes: ArrayLike<number>,
	{
		tokenizer,
		trainedOn,
		chunkEntries = DEFAULT_CHUNK_ENTRIES,
		upperChunkEntries = DEFAULT_UPPER_CHUNK_ENTRIES,
		inlineTokens = DEFAULT_INLINE_TOKENS,
		tokenChunkEntries = DEFAULT_TOKEN_CHUNK_ENTRIES,
		hashPageEntries = DEFAULT_HASH_PAGE_ENTRIES
	}: {
		tokenizer: string;
		trainedOn: string;
		chunkEntries?: number;
		upperChunkEntries?: number;
		inlineTokens?: number;
		tokenChunkEntries?: number;
		hashPageEntries?: number;
	}
): Promise<{ manifest: SpanIndexManifest; files: Map<string, Uint8Array> }> {
	const { tokens } = corpus;
	const length = tokens.length;
	if (suffixes.length !== length)
		throw new RangeError(`The suffix array has ${suffixes.length} entries for ${length} tokens.`);
	for (const [name, value, least] of [
		['chunkEntries', chunkEntries, 2],
		['upperChunkEntries', upperChunkEntries, 2],
		['inlineTokens', inlineTokens, 0],
		['tokenChunkEntries', tokenChunkEntries, 1],
		['hashPageEntries', hashPageEntries, 2]
	] as const)
		if (!Number.isInteger(value) || value < least)
			throw new RangeError(`${name} must be an integer of at least ${least}; got ${value}.`);
	const tokenBytes = corpus.vocabSize < 0xffff ? 2 : 4;
	const past = tokenBytes === 2 ? 0xffff : 0xffffffff;
	const files = new Map<string, Uint8Array>();
	/** Keeps a file and starts hashing it (a level's hashes are awaited together, which Web Crypto runs in parallel). */
	const put = (path: string, bytes: Uint8Array) => {
		files.set(path, bytes);
		return sha256Hex(bytes);
	};

	// The corpus tokens, and the pages of their chunks' hashes up to a level of at most hashPageEntries.
	const chunkHashes: Promise<string>[] = [];
	for (let from = 0; from < length; from += tokenChunkEntries) {
		const to = Math.min(length, from + tokenChunkEntries);
		const bytes = new Uint8Array((to - from) * tokenBytes);
		const view = new DataView(bytes.buffer);
		for (let i = from; i < to; i++)
			if (tokenBytes === 2) view.setUint16((i - from) * 2, tokens[i]!, true);
			else view.setUint32((i - from) * 4, tokens[i]!, true);
		chunkHashes.push(put(tokenChunkPath(chunkHashes.length), bytes));
	}
	let tokenHashes = await Promise.all(chunkHashes);
	let tokenHashLevels = 0;
	while (tokenHashes.length > hashPageEntries) {
		tokenHashLevels++;
		const pages: Promise<string>[] = [];
		for (let from = 0; from < tokenHashes.length; from += hashPageEntries) {
			const page = tokenHashes.slice(from, from + hashPageEntries);
			const bytes = new Uint8Array(page.length * HASH_BYTES);
			page.forEach((hash, i) => hexBytes(hash, bytes, i * HASH_BYTES));
			pages.push(put(tokenPagePath(tokenHashLevels, pages.length), bytes));
		}
		tokenHashes = await Promise.all(pages);
	}

	// The suffix tree, from level 0 up: a chunk is its entries' positions, then their first tokens, then (above
	// level 0) the hashes of their chunks one level down.
	const levels = suffixLevels(length, chunkEntries, upperChunkEntries);
	let childHashes: string[] = [];
	for (const [level, { size, entries, step }] of levels.entries()) {
		const hashes: Promise<string>[] = [];
		for (let from = 0; from < size || (from === 0 && size === 0); from += entries) {
			const count = Math.min(entries, size - from);
			const entryBytes = 4 + inlineTokens * tokenBytes;
			const bytes = new Uint8Array(count * (entryBytes + (level > 0 ? HASH_BYTES : 0)));
			const view = new DataView(bytes.buffer);
			for (let e = 0; e < count; e++) {
				const position = suffixes[(from + e) * step]!;
				view.setUint32(e * 4, position, true);
				for (let k = 0; k < inlineTokens; k++) {
					const token = position + k < length ? tokens[position + k]! : past;
					const at = count * 4 + (e * inlineTokens + k) * tokenBytes;
					if (tokenBytes === 2) view.setUint16(at, token, true);
					else view.setUint32(at, token, true);
				}
				if (level > 0) hexBytes(childHashes[from + e]!, bytes, count * entryBytes + e * HASH_BYTES);
			}
			hashes.push(put(suffixChunkPath(level, hashes.length), bytes));
		}
		childHashes = await Promise.all(hashes);
	}

	const tables = tablesBytes(corpus);
	const body: Omit<SpanIndexManifest, 'commitment'> = {
		format: SPAN_INDEX_FORMAT,
		tokenizer,
		trainedOn,
		vocabSize: corpus.vocabSize,
		length,
		textTokens: corpus.textTokens,
		segments: corpus.segmentStarts.length,
		records: corpus.recordContributions.length,
		tokenBytes,
		chunkEntries,
		upperChunkEntries,
		inlineTokens,
		suffixLevels: levels.length,
		suffixRoot: childHashes[0]!,
		tokenChunkEntries,
		hashPageEntries,
		tokenHashLevels,
		tokenRoots: tokenHashes,
		tables: await put(TABLES_FILE, tables)
	};
	const manifest: SpanIndexManifest = { ...body, commitment: await commitmentOf(body) };
	files.set(SPAN_INDEX_MANIFEST, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
	return { manifest, files };
}

/** The tables file: segment starts, segment records, record contributions, then the unigram counts. */
function tablesBytes(corpus: SpanCorpus): Uint8Array {
	const parts = [corpus.segmentStarts, corpus.segmentRecords, corpus.recordContributions, corpus.unigramCounts];
	const all = new Uint32Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		all.set(part, at);
		at += part.length;
	}
	return uint32Bytes(all);
}

/** Reads one file of the index folder by its relative path; rejects when it cannot be had. */
export type IndexFileReader = (path: string) => Promise<Uint8Array>;

/** A reader of a chunked index that also says how much of it a query had to fetch. */
export type ChunkedSpanIndexReader = SpanIndexReader &
	Required<Pick<SpanIndexReader, 'entry' | 'probe' | 'tokenRange'>> & {
		/** Bytes of the chunks and hash pages fetched so far (the manifest and the tables, read on opening, aside). */
		readonly bytesFetched: number;
		readonly chunksFetched: number;
	};

/**
 * Opens the span index in a folder: checks the manifest's commitment, loads and checks the tables, and returns a
 * reader that fetches chunks as searches reach them, each checked against its hash.
 *
 * @example
 * const { manifest, tables, reader } = await openSpanIndex((path) => readAdapterFile(path), { tokenizer, trainedOn });
 */
export async function openSpanIndex(
	readFile: IndexFileReader,
	expected: { tokenizer: string; trainedOn?: string }
): Promise<{ manifest: SpanIndexManifest; tables: SpanTables; reader: ChunkedSpanIndexReader }> {
	const manifest = await readManifest(readFile);
	if (manifest.tokenizer !== expected.tokenizer)
		throw new SpanIndexError(
			'The span index was built with another tokenizer than the base model this answer came from, so its tokens cannot be compared. Attribute with the base model the adapter was trained on.',
			{ details: `index tokenizer ${manifest.tokenizer}, this model's ${expected.tokenizer}` }
		);
	if (expected.trainedOn !== undefined && manifest.trainedOn !== expected.trainedOn)
		throw new SpanIndexError(
			'The span index belongs to another training run than this adapter version: it would credit other data. Use the index published with this adapter version.',
			{ details: `index of ${manifest.trainedOn}, adapter trained on ${expected.trainedOn}` }
		);
	const tables = await readTables(readFile, manifest);
	return { manifest, tables, reader: chunkedReader(readFile, manifest, tables.unigramCounts) };
}

async function readChecked(readFile: IndexFileReader, path: string, what: string, sha256: string): Promise<Uint8Array> {
	let bytes: Uint8Array;
	try {
		bytes = await readFile(path);
	} catch (error) {
		throw new SpanIndexError(
			`${what} (${path}) could not be read. Check that the adapter folder is complete and reachable, then try again.`,
			{
				cause: error
			}
		);
	}
	const actual = await sha256Hex(bytes);
	if (actual !== sha256)
		throw new SpanIndexError(
			`${what} (${path}) does not match its hash in the index's commitment: the file is corrupt or was replaced. Fetch the adapter folder again.`,
			{
				details: `expected ${sha256}, got ${actual}`
			}
		);
	return bytes;
}

async function readManifest(readFile: IndexFileReader): Promise<SpanIndexManifest> {
	let manifest: SpanIndexManifest;
	try {
		manifest = JSON.parse(new TextDecoder().decode(await readFile(SPAN_INDEX_MANIFEST))) as SpanIndexManifest;
	} catch (error) {
		throw new SpanIndexError(
			`The span index manifest (${SPAN_INDEX_MANIFEST}) could not be read as JSON. This adapter has no usable span index.`,
			{
				cause: error
			}
		);
	}
	if (manifest?.format !== SPAN_INDEX_FORMAT)
		throw new SpanIndexError(
			`${SPAN_INDEX_MANIFEST} is not a span index this version reads (format ${String(manifest?.format)}, expected ${SPAN_INDEX_FORMAT}).`
		);
	const { commitment, ...body } = manifest;
	const actual = await commitmentOf(body);
	if (actual !== commitment)
		throw new SpanIndexError(
			`The span index manifest does not match its commitment: it was edited after it was made. Fetch the adapter folder again.`,
			{
				details: `commitment ${commitment}, manifest hashes to ${actual}`
			}
		);
	const whole = (value: unknown, least: number) => Number.isSafeInteger(value) && (value as number) >= least;
	const { length, tokenBytes, chunkEntries, upperChunkEntries, inlineTokens, tokenChunkEntries, hashPageEntries } =
		manifest;
	const fits =
		whole(length, 0) &&
		length <= 0xffffffff &&
		(tokenBytes === 2 || tokenBytes === 4) &&
		whole(chunkEntries, 2) &&
		whole(upperChunkEntries, 2) &&
		whole(inlineTokens, 0) &&
		whole(tokenChunkEntries, 1) &&
		whole(hashPageEntries, 2) &&
		manifest.suffixLevels === suffixLevels(length, chunkEntries, upperChunkEntries).length &&
		Array.isArray(manifest.tokenRoots) &&
		manifest.tokenHashLevels === tokenHashCounts(length, tokenChunkEntries, hashPageEntries).length - 1 &&
		manifest.tokenRoots.length === tokenHashCounts(length, tokenChunkEntries, hashPageEntries).at(-1);
	if (!fits)
		throw new SpanIndexError(
			`${SPAN_INDEX_MANIFEST} describes a layout this version cannot read (its sizes do not fit together). This adapter has no usable span index.`
		);
	return manifest;
}

async function readTables(readFile: IndexFileReader, manifest: SpanIndexManifest): Promise<SpanTables> {
	const values = uint32Values(await readChecked(readFile, TABLES_FILE, 'The span index tables', manifest.tables));
	const { segments, records, vocabSize } = manifest;
	if (values.length !== segments * 2 + records + vocabSize)
		throw new SpanIndexError(
			`The span index tables hold ${values.length} entries, not the ${segments * 2 + records + vocabSize} the manifest describes.`
		);
	let at = 0;
	const take = (n: number) => values.subarray(at, (at += n));
	return {
		segmentStarts: take(segments),
		segmentRecords: take(segments),
		recordContributions: take(records),
		unigramCounts: take(vocabSize),
		textTokens: manifest.textTokens,
		vocabSize
	};
}

/** A chunk of the suffix tree, decoded. */
type SuffixChunk = {
	positions: Uint32Array;
	/** `inlineTokens` per entry. */
	tokens: Uint16Array | Uint32Array;
	/** The raw hashes of the chunks one level down (empty at level 0). */
	hashes: Uint8Array;
};

function chunkedReader(
	readFile: IndexFileReader,
	manifest: SpanIndexManifest,
	unigramCounts: Uint32Array
): ChunkedSpanIndexReader {
	const { length, tokenBytes, inlineTokens, tokenChunkEntries, hashPageEntries } = manifest;
	const levels = suffixLevels(length, manifest.chunkEntries, manifest.upperChunkEntries);
	const top = levels.length - 1;
	const past = tokenBytes === 2 ? 0xffff : 0xffffffff;
	const cache = new Map<string, Promise<unknown>>();
	let bytesFetched = 0;

	const hashCounts = tokenHashCounts(length, tokenChunkEntries, hashPageEntries);

	/**
	 * The checked and decoded file at `path`, of `size` bytes, whose hash `hash` gives (once: later calls share the
	 * fetch; a failed one is forgotten, to be asked again).
	 */
	function fetched<T>(
		path: string,
		what: string,
		size: number,
		hash: () => Promise<string>,
		decode: (bytes: Uint8Array) => T
	): Promise<T> {
		let loading = cache.get(path) as Promise<T> | undefined;
		if (!loading) {
			loading = hash()
				.then((sha256) => readChecked(readFile, path, what, sha256))
				.then((bytes) => {
					bytesFetched += bytes.byteLength;
					// Only a manifest made to mislead (its commitment holds) can name a file of another size.
					if (bytes.byteLength !== size)
						throw new SpanIndexError(
							`${what} (${path}) holds ${bytes.byteLength} bytes, not the ${size} its manifest's layout gives.`
						);
					return decode(bytes);
				});
			loading.catch(() => cache.delete(path));
			cache.set(path, loading);
		}
		return loading;
	}

	const entryBytes = 4 + inlineTokens * tokenBytes;
	const suffixChunk = (level: number, index: number): Promise<SuffixChunk> => {
		const { size, entries } = levels[level]!;
		const count = Math.min(entries, size - index * entries);
		return fetched(
			suffixChunkPath(level, index),
			`Chunk ${index + 1} of ${Math.max(1, Math.ceil(size / entries))} of level ${level} of the span index's suffix array`,
			count * (entryBytes + (level > 0 ? HASH_BYTES : 0)),
			async () => {
				if (level === top) return manifest.suffixRoot;
				const { entries } = levels[level + 1]!;
				const parent = await suffixChunk(level + 1, Math.floor(index / entries));
				return bytesHex(parent.hashes, (index % entries) * HASH_BYTES);
			},
			(bytes) => {
				const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
				const positions = new Uint32Array(count);
				for (let e = 0; e < count; e++) positions[e] = view.getUint32(e * 4, true);
				return {
					positions,
					tokens: tokenValues(bytes, count * 4, count * inlineTokens, tokenBytes),
					hashes: bytes.subarray(count * entryBytes)
				};
			}
		);
	};

	/** The hash of item `index` of token-hash level `level` (level 0: the token chunks). */
	const tokenHash = async (level: number, index: number): Promise<string> => {
		if (level === manifest.tokenHashLevels) return manifest.tokenRoots[index]!;
		const page = await tokenPage(level + 1, Math.floor(index / hashPageEntries));
		return bytesHex(page, (index % hashPageEntries) * HASH_BYTES);
	};
	const tokenPage = (level: number, index: number): Promise<Uint8Array> =>
		fetched(
			tokenPagePath(level, index),
			`Page ${index + 1} of ${hashCounts[level]} of level ${level} of the span index's token-chunk hashes`,
			Math.min(hashPageEntries, hashCounts[level - 1]! - index * hashPageEntries) * HASH_BYTES,
			() => tokenHash(level, index),
			(bytes) => bytes
		);
	const tokenChunk = (index: number) =>
		fetched(
			tokenChunkPath(index),
			`Chunk ${index + 1} of ${hashCounts[0]} of the span index's corpus`,
			Math.min(tokenChunkEntries, length - index * tokenChunkEntries) * tokenBytes,
			() => tokenHash(0, index),
			(bytes) => tokenValues(bytes, 0, bytes.byteLength / tokenBytes, tokenBytes)
		);

	const checkRank = (rank: number) => {
		if (!Number.isInteger(rank) || rank < 0 || rank >= length)
			throw new RangeError(`Rank ${rank} is outside [0, ${length}).`);
	};
	/** The highest level holding `rank` (the one a search reaches it through). */
	const levelOf = (rank: number) => {
		let level = top;
		while (rank % levels[level]!.step !== 0) level--;
		return level;
	};
	const entry = async (rank: number): Promise<SuffixEntry> => {
		checkRank(rank);
		const level = levelOf(rank);
		const { step, entries } = levels[level]!;
		const at = rank / step;
		const chunk = await suffixChunk(level, Math.floor(at / entries));
		const slot = at % entries;
		let known = 0;
		while (known < inlineTokens && chunk.tokens[slot * inlineTokens + known] !== past) known++;
		return {
			position: chunk.positions[slot]!,
			tokens: chunk.tokens.subarray(slot * inlineTokens, slot * inlineTokens + known)
		};
	};
	return {
		length,
		async token(position) {
			if (!Number.isInteger(position) || position < 0 || position >= length)
				throw new RangeError(`Corpus position ${position} is outside [0, ${length}).`);
			return (await tokenChunk(Math.floor(position / tokenChunkEntries)))[position % tokenChunkEntries]!;
		},
		suffix: async (rank) => (await entry(rank)).position,
		entry,
		probe(lo, hi) {
			// The middle of the range's ranks on the highest level that has any: they share one chunk, which the
			// search fetched (or will) on its way down.
			for (let level = top; ; level--) {
				const { step } = levels[level]!;
				const first = Math.ceil(lo / step);
				const end = Math.ceil(hi / step);
				if (end > first) return Math.floor((first + end - 1) / 2) * step;
			}
		},
		tokenRange: firstTokenRanges(unigramCounts),
		get bytesFetched() {
			return bytesFetched;
		},
		get chunksFetched() {
			return cache.size;
		}
	};
}
