// The attribution bench's measurements that run the same in Node and in Chromium: a span index of a Zipf corpus
// built and queried with a 256-token answer (with the bytes of index the query reads), suffix-array builds, and the
// integer scoring of one answer against 10^3 and 10^4 gradient sketches. Plain TypeScript: the Node suite
// (src/cli/bench/attribution.ts) and the browser suite (attributionCostsBrowser.ts) both run these functions.
import { gradientScores, type GradientSketches } from '../ml/attribution/gradientSketches.ts';
import { DEFAULT_PROJECTION } from '../ml/attribution/gradientProjection.ts';
import { spanCorpus, type CorpusRecord } from '../ml/attribution/spanCorpus.ts';
import { openSpanIndex, SPAN_INDEX_MANIFEST, spanIndexFiles } from '../ml/attribution/spanIndexFiles.ts';
import { attributeSpans } from '../ml/attribution/spanScores.ts';
import { suffixArray } from '../ml/attribution/suffixArray.ts';
import { seededRandom } from '../ml/random/seededRandom.ts';
import type { BrowserBenchRow } from './browserBench.ts';

/** SmolLM2's vocabulary size: two bytes a token, as infini-gram stores them. */
export const ZIPF_VOCAB = 49_152;
const VOCAB = ZIPF_VOCAB;

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

/** Rows for attributing a 256-token answer through a chunked index of `size` corpus tokens. */
export async function spanQueryRows(size: number, log: (line: string) => void): Promise<BrowserBenchRow[]> {
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

/** The SA-IS build speed on `size` Zipf tokens, and the order it made (for comparison with another sorter). */
export function suffixArrayBuild(size: number): { tokens: Uint32Array; order: Int32Array; row: BrowserBenchRow } {
	const tokens = zipfTokens(size, 42);
	const started = performance.now();
	const order = suffixArray(tokens, VOCAB);
	const ms = performance.now() - started;
	return {
		tokens,
		order,
		row: {
			name: `SA-IS (TypeScript), ${size.toExponential(0)} tokens`,
			value: Math.round(size / (ms / 1000)),
			unit: 'tokens/s',
			details: { ms }
		}
	};
}

/**
 * The time to score one answer against `count` sketches (per example or per contribution) at `checkpoints` kept
 * checkpoints: exact integer dot products. Sketch values are drawn at the size of real ones (unit vectors quantised
 * at 2^12: components of about 2^12/√dimensions); the cost does not depend on them.
 */
export function gradientScoringRows(counts: readonly number[], checkpoints = 3): BrowserBenchRow[] {
	const spec = DEFAULT_PROJECTION;
	const random = seededRandom(3);
	const draw = (length: number) => Int32Array.from({ length }, () => Math.round((random.uniform() * 2 - 1) * 160));
	const answer = Array.from({ length: checkpoints }, () => draw(spec.dimensions));
	return counts.map((count) => {
		const sketches: GradientSketches = {
			projection: spec,
			parameters: 0,
			checkpoints: Array.from({ length: checkpoints }, (_, k) => ({ step: k + 1, weight: 256 })),
			groups: count,
			sums: Array.from({ length: checkpoints }, () => draw(count * spec.dimensions))
		};
		const started = performance.now();
		gradientScores(answer, sketches);
		return {
			name: `gradient scoring of one answer, ${count.toLocaleString('en')} training examples`,
			value: Math.round(performance.now() - started),
			unit: 'ms'
		};
	});
}
