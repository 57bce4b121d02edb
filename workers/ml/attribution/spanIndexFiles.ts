// A span index as files, for IPFS: the corpus tokens and the suffix array in fixed-size chunks, each named by its
// SHA-256 in a manifest, the tables in one file, and a commitment (the SHA-256 of the manifest's canonical JSON) over
// all of it. A page opens the manifest and the tables, then fetches only the chunks its binary searches touch, checks
// each against the manifest, and keeps it; a query on a large datanet reads kilobytes, not the index.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import { sha256Hex } from '../../shared/hash/sha256.ts';
import { canonicalJson } from '../factory/fingerprint.ts';
import type { SpanCorpus } from './spanCorpus.ts';
import { firstTokenRanges, type SpanIndexReader } from './spanSearch.ts';

export const SPAN_INDEX_FORMAT = 'provena-span-index/1';
export const SPAN_INDEX_MANIFEST = 'span-index.json';
const TABLES_FILE = 'span-tables.bin';
/** 2^16 entries of 4 bytes: 256 KiB chunks, a few per binary search on a 10^8-token index. */
export const DEFAULT_CHUNK_ENTRIES = 65_536;

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
	chunkEntries: number;
	/** SHA-256 of each chunk of the corpus tokens, then of the suffix array, then of the tables file. */
	tokenChunks: string[];
	suffixChunks: string[];
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

const chunkPath = (kind: 'tokens' | 'suffixes', index: number) => `span-${kind}/${String(index).padStart(6, '0')}.bin`;

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

async function commitmentOf(manifest: Omit<SpanIndexManifest, 'commitment'>): Promise<string> {
	return sha256Hex(new TextEncoder().encode(canonicalJson(manifest)));
}

/**
 * The files of the span index of `corpus` (whose suffix array is `suffixes`): the manifest and everything it names,
 * by path relative to the adapter folder.
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
		chunkEntries = DEFAULT_CHUNK_ENTRIES
	}: { tokenizer: string; trainedOn: string; chunkEntries?: number }
): Promise<{ manifest: SpanIndexManifest; files: Map<string, Uint8Array> }> {
	if (suffixes.length !== corpus.tokens.length)
		throw new RangeError(`The suffix array has ${suffixes.length} entries for ${corpus.tokens.length} tokens.`);
	if (!Number.isInteger(chunkEntries) || chunkEntries < 1)
		throw new RangeError(`chunkEntries must be a positive integer; got ${chunkEntries}.`);
	const files = new Map<string, Uint8Array>();
	const chunks = async (kind: 'tokens' | 'suffixes', values: ArrayLike<number>) => {
		const hashes: string[] = [];
		for (let index = 0; index * chunkEntries < values.length; index++) {
			const bytes = uint32Bytes(values, index * chunkEntries, Math.min(values.length, (index + 1) * chunkEntries));
			files.set(chunkPath(kind, index), bytes);
			hashes.push(await sha256Hex(bytes));
		}
		return hashes;
	};
	const tables = tablesBytes(corpus);
	files.set(TABLES_FILE, tables);
	const body: Omit<SpanIndexManifest, 'commitment'> = {
		format: SPAN_INDEX_FORMAT,
		tokenizer,
		trainedOn,
		vocabSize: corpus.vocabSize,
		length: corpus.tokens.length,
		textTokens: corpus.textTokens,
		segments: corpus.segmentStarts.length,
		records: corpus.recordContributions.length,
		chunkEntries,
		tokenChunks: await chunks('tokens', corpus.tokens),
		suffixChunks: await chunks('suffixes', suffixes),
		tables: await sha256Hex(tables)
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
export type ChunkedSpanIndexReader = SpanIndexReader & {
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
			`${what} (${path}) does not match its hash in the index manifest: the file is corrupt or was replaced. Fetch the adapter folder again.`,
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

function chunkedReader(
	readFile: IndexFileReader,
	manifest: SpanIndexManifest,
	unigramCounts: Uint32Array
): ChunkedSpanIndexReader {
	const cache = new Map<string, Promise<Uint32Array>>();
	let bytesFetched = 0;
	const chunk = (kind: 'tokens' | 'suffixes', index: number): Promise<Uint32Array> => {
		const path = chunkPath(kind, index);
		let loading = cache.get(path);
		if (!loading) {
			const hashes = kind === 'tokens' ? manifest.tokenChunks : manifest.suffixChunks;
			const what = `Chunk ${index + 1} of ${hashes.length} of the span index's ${kind === 'tokens' ? 'corpus' : 'suffix array'}`;
			if (hashes[index] === undefined) throw new RangeError(`${what} is past the index's end.`);
			loading = readChecked(readFile, path, what, hashes[index]).then((bytes) => {
				bytesFetched += bytes.byteLength;
				return uint32Values(bytes);
			});
			// A failed fetch is not kept: the next search asks again.
			loading.catch(() => cache.delete(path));
			cache.set(path, loading);
		}
		return loading;
	};
	const entry = async (kind: 'tokens' | 'suffixes', at: number) => {
		if (!Number.isInteger(at) || at < 0 || at >= manifest.length)
			throw new RangeError(`Index entry ${at} is outside [0, ${manifest.length}).`);
		return (await chunk(kind, Math.floor(at / manifest.chunkEntries)))[at % manifest.chunkEntries]!;
	};
	return {
		length: manifest.length,
		token: (position) => entry('tokens', position),
		suffix: (rank) => entry('suffixes', rank),
		tokenRange: firstTokenRanges(unigramCounts),
		get bytesFetched() {
			return bytesFetched;
		},
		get chunksFetched() {
			return cache.size;
		}
	};
}
