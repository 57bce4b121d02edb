// The span half of the `attribution` bench, in Node: suffix-array build speed against Debian's libdivsufsort on the
// same token bytes (two big-endian bytes a token, infini-gram's encoding; our SA-IS sorts the tokens themselves), and
// the attribution of a 256-token answer through a chunked index, with how much of the index it had to read (the
// chunks its searches walked through, against the whole index; the manifest and tables it opens, apart).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spanCorpus, type CorpusRecord } from '../../../workers/ml/attribution/spanCorpus.ts';
import { openSpanIndex, SPAN_INDEX_MANIFEST, spanIndexFiles } from '../../../workers/ml/attribution/spanIndexFiles.ts';
import { attributeSpans } from '../../../workers/ml/attribution/spanScores.ts';
import { suffixArray } from '../../../workers/ml/attribution/suffixArray.ts';
import { seededRandom } from '../../../workers/ml/random/seededRandom.ts';
import type { BenchRow } from './types.ts';

/** SmolLM2's vocabulary size: two bytes a token, as infini-gram stores them. */
const VOCAB = 49_152;
const HARNESS_SOURCE = join(import.meta.dirname, 'native/divsufsortBench.c');

/** `count` tokens drawn from a Zipf law over the vocabulary (rank r with weight 1/r), as text's tokens fall. */
export function zipfTokens(count: number, seed: number): Uint32Array {
	const random = seededRandom(seed);
	const cumulative = new Float64Array(VOCAB);
	let total = 0;
	for (let r = 0; r < VOCAB; r++) cumulative[r] = total += 1 / (r + 1);
	const tokens = new Uint32Array(count);
	for (let i = 0; i < count; i++) {
		const target = random.uniform() * total;
		let lo = 0;
		let hi = VOCAB - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (cumulative[mid]! < target) lo = mid + 1;
			else hi = mid;
		}
		tokens[i] = lo;
	}
	return tokens;
}

/** libdivsufsort's harness, compiled once here; undefined (and why) where the library or a compiler is missing. */
function buildHarness(dir: string): { path?: string; missing?: string } {
	if (!existsSync('/usr/include/divsufsort.h') && !existsSync('/usr/include/x86_64-linux-gnu/divsufsort.h'))
		return { missing: 'libdivsufsort is not installed (apt-get install libdivsufsort-dev)' };
	const path = join(dir, 'divsufsortBench');
	try {
		execFileSync('cc', ['-O2', '-o', path, HARNESS_SOURCE, '-ldivsufsort'], { stdio: 'pipe' });
		return { path };
	} catch (error) {
		return { missing: `the harness did not compile: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}` };
	}
}

/** Rows for suffix-array builds at each size; each size is built by both, and the orders compared. */
export function suffixArrayRows(
	sizes: readonly number[],
	log: (line: string) => void
): { rows: BenchRow[]; notes: string[] } {
	const rows: BenchRow[] = [];
	const notes: string[] = [];
	const dir = mkdtempSync(join(tmpdir(), 'provena-sa-'));
	try {
		const harness = buildHarness(dir);
		if (harness.missing) notes.push(`libdivsufsort skipped: ${harness.missing}.`);
		for (const size of sizes) {
			const tokens = zipfTokens(size, 42);
			log(`suffix array of ${size.toLocaleString('en')} tokens…`);
			let started = performance.now();
			const ours = suffixArray(tokens, VOCAB);
			const oursMs = performance.now() - started;
			rows.push({
				name: `SA-IS (TypeScript), ${size.toExponential(0)} tokens`,
				value: Math.round(size / (oursMs / 1000)),
				unit: 'tokens/s',
				details: { ms: oursMs }
			});
			if (!harness.path) continue;
			const bytes = new Uint8Array(size * 2);
			for (let i = 0; i < size; i++) {
				bytes[2 * i] = tokens[i]! >>> 8;
				bytes[2 * i + 1] = tokens[i]! & 0xff;
			}
			writeFileSync(join(dir, 'in.bin'), bytes);
			started = performance.now();
			const theirsMs = Number(
				execFileSync(harness.path, [join(dir, 'in.bin'), join(dir, 'sa.bin')], { encoding: 'utf8' }).trim()
			);
			const raw = readFileSync(join(dir, 'sa.bin'));
			const theirs = new Int32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
			// The byte suffixes at even offsets are the token suffixes, in the same order.
			let same = true;
			for (let i = 0, r = 0; i < theirs.length && same; i++)
				if (theirs[i]! % 2 === 0) same = theirs[i]! / 2 === ours[r++]!;
			rows.push({
				name: `libdivsufsort (C, on 2 bytes a token), ${size.toExponential(0)} tokens`,
				value: Math.round(size / (theirsMs / 1000)),
				unit: 'tokens/s',
				details: { ms: theirsMs, sameOrder: same }
			});
			rows.push({
				name: `SA-IS time ÷ libdivsufsort time, ${size.toExponential(0)} tokens`,
				value: Number((oursMs / theirsMs).toFixed(2)),
				unit: '×'
			});
			if (!same) notes.push(`At ${size} tokens our suffix array and libdivsufsort's differ: a bug to chase.`);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	return { rows, notes };
}

/** Rows for attributing a 256-token answer through a chunked index of `size` corpus tokens. */
export async function spanQueryRows(size: number, log: (line: string) => void): Promise<BenchRow[]> {
	const random = seededRandom(size);
	const tokens = zipfTokens(size, 7);
	// Records of 100–300 tokens, spread over 50 contributions.
	const records: CorpusRecord[] = [];
	for (let at = 0; at < size;) {
		const length = Math.min(size - at, 100 + Math.floor(random.uniform() * 200));
		records.push({ contribution: records.length % 50, segments: [tokens.subarray(at, at + length)] });
		at += length;
	}
	log(`span index of ${size.toLocaleString('en')} tokens…`);
	let started = performance.now();
	const corpus = spanCorpus(records, VOCAB);
	const suffixes = suffixArray(corpus.tokens, VOCAB + 1);
	const { files } = await spanIndexFiles(corpus, suffixes, { tokenizer: 'bench', trainedOn: 'bench' });
	const buildMs = performance.now() - started;
	const indexBytes = [...files.values()].reduce((sum, bytes) => sum + bytes.length, 0);
	const openedBytes = files.get(SPAN_INDEX_MANIFEST)!.length + files.get('span-tables.bin')!.length;
	// An answer quoting four records (20–40 tokens each) between stretches of fresh tokens.
	const answer: number[] = [];
	while (answer.length < 256) {
		const record = records[Math.floor(random.uniform() * records.length)]!.segments[0]!;
		const from = Math.floor(random.uniform() * (record.length - 40));
		answer.push(...record.slice(from, from + 20 + Math.floor(random.uniform() * 20)));
		answer.push(...zipfTokens(30, answer.length));
	}
	answer.length = 256;
	const { tables, reader } = await openSpanIndex(async (path) => files.get(path)!, { tokenizer: 'bench' });
	started = performance.now();
	const result = await attributeSpans(reader, tables, answer, {
		minLength: 6,
		maxOccurrences: 64,
		minSurpriseBits: 40
	});
	const queryMs = performance.now() - started;
	const label = `${size.toExponential(0)} tokens`;
	return [
		{
			name: `span index build (SA + chunks + hashes), ${label}`,
			value: Math.round(size / (buildMs / 1000)),
			unit: 'tokens/s',
			details: { ms: buildMs }
		},
		{
			name: `span index size, ${label}`,
			value: Number((indexBytes / corpus.textTokens).toFixed(2)),
			unit: 'bytes/token',
			details: { bytes: indexBytes, files: files.size }
		},
		{
			name: `span attribution of a 256-token answer, ${label}`,
			value: Math.round(queryMs),
			unit: 'ms',
			details: { spans: result.spans.length, contributionsCredited: result.scores.size }
		},
		{
			name: `index read by that query, ${label}`,
			value: Math.round(reader.bytesFetched / 1024),
			unit: 'KiB',
			details: {
				bytes: reader.bytesFetched,
				files: reader.chunksFetched,
				ofIndexBytes: indexBytes,
				// Read once on opening, before any query: the manifest and the tables (records, unigram counts).
				openedBytes
			}
		},
		{
			name: `share of the index read by that query, ${label}`,
			value: Number(((100 * reader.bytesFetched) / indexBytes).toFixed(2)),
			unit: '%',
			details: { withOpening: Number(((100 * (reader.bytesFetched + openedBytes)) / indexBytes).toFixed(2)) }
		}
	];
}
