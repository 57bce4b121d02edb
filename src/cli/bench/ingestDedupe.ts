// MinHash dedupe on a seeded synthetic datanet: how fast records are fingerprinted, indexed and queried, how many
// planted near-duplicates are caught at each Jaccard level at the chosen threshold, and how many unrelated pairs are
// flagged. Everything is generated from one seed, so two runs measure the same corpus.
import { cpus } from 'node:os';
import { DedupeIndex, DEFAULT_THRESHOLD } from '../../../workers/ingest/dedupe/dedupeIndex.ts';
import { dedupeRecords } from '../../../workers/ingest/dedupe/dedupeRecords.ts';
import { contentHash, type Fingerprint } from '../../../workers/ingest/dedupe/fingerprint.ts';
import { candidateProbability } from '../../../workers/ingest/dedupe/lsh.ts';
import { jaccard, shingleHashes } from '../../../workers/ingest/dedupe/shingles.ts';
import { seededRandom } from '../../../workers/ml/random/seededRandom.ts';
import type { BenchReport, BenchRow, BenchSuite } from './types.ts';

const CORPUS = Number(process.env.PROVENA_BENCH_DEDUPE_CORPUS ?? 20_000);
const PLANTS_PER_LEVEL = 200;
const LEVELS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
const FRESH = 2_000;
const VOCABULARY = 5_000;

export const ingestDedupe: BenchSuite = {
	title:
		'Datanet dedupe: MinHash fingerprint/index/query throughput, recall of planted near-duplicates, false positives',
	async run(log) {
		const random = seededRandom(20_260_501);
		const words = vocabulary(random);
		const paragraph = zipfParagraphs(words, random);
		const corpus = Array.from({ length: CORPUS }, (_, i) => ({ id: `c${i}`, text: paragraph() }));
		const corpusBytes = utf8Bytes(corpus.map((record) => record.text));
		log(`corpus: ${CORPUS} paragraphs, ${(corpusBytes / 1e6).toFixed(1)} MB`);

		const index = new DedupeIndex();
		const { bands, rows, numPerm } = index.parameters;
		const rowsOut: BenchRow[] = [];
		const row = (name: string, value: number, unit: string, details?: Record<string, unknown>) =>
			rowsOut.push({ name, value, unit, details });

		// Fingerprints, timed by stage: shingling, signatures, sha-256.
		let started = performance.now();
		const shingles = corpus.map((record) => shingleHashes(record.text));
		const shingleMs = performance.now() - started;
		started = performance.now();
		const signatures = shingles.map((set) => index.hasher.signature(set));
		const signatureMs = performance.now() - started;
		started = performance.now();
		const hashes: string[] = [];
		for (const record of corpus) hashes.push(await contentHash(record.text));
		const hashMs = performance.now() - started;
		const prints: Fingerprint[] = corpus.map((_, i) => ({
			contentHash: hashes[i]!,
			shingles: shingles[i]!,
			signature: signatures[i]!
		}));
		const mbps = (ms: number) => round(corpusBytes / 1e6 / (ms / 1000), 1);
		const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));
		row('shingles + MinHash signature', mbps(shingleMs + signatureMs), 'MB/s', { shingleMs, signatureMs });
		row('shingles + MinHash signature', perSecond(CORPUS, shingleMs + signatureMs), 'records/s');
		row('full fingerprint (incl. sha-256)', mbps(shingleMs + signatureMs + hashMs), 'MB/s', { hashMs });

		started = performance.now();
		for (const [i, print] of prints.entries()) index.add(corpus[i]!.id, print);
		const buildMs = performance.now() - started;
		row('index build (insert fingerprints)', perSecond(CORPUS, buildMs), 'records/s');

		const compact = new DedupeIndex({ keepShingles: false });
		for (const [i, print] of prints.entries()) compact.add(corpus[i]!.id, print);
		started = performance.now();
		const bytes = index.serialize();
		const serializeMs = performance.now() - started;
		started = performance.now();
		DedupeIndex.deserialize(bytes);
		const loadMs = performance.now() - started;
		row('index size, shingles kept', round(bytes.length / CORPUS, 0), 'B/record', {
			totalBytes: bytes.length,
			serializeMs,
			loadMs
		});
		row('index size, signatures only', round(compact.serialize().length / CORPUS, 0), 'B/record');
		row('index load (deserialize + rebuild LSH)', perSecond(CORPUS, loadMs), 'records/s');

		// Self-join of the corpus: every pair it reports is a false positive, since nothing was planted in it.
		started = performance.now();
		let selfPairs = 0;
		for (const [i, print] of prints.entries())
			selfPairs += index.findSimilar(print, DEFAULT_THRESHOLD).filter((match) => match.id !== corpus[i]!.id).length;
		const selfMs = performance.now() - started;
		row('query (LSH + exact verification)', perSecond(CORPUS, selfMs), 'queries/s');
		const pairs = (CORPUS * (CORPUS - 1)) / 2;
		row('false positives, corpus self-join', selfPairs / 2 / pairs, 'rate', { reportedPairs: selfPairs / 2, pairs });

		// Planted near-duplicates of distinct corpus paragraphs at known Jaccard levels, and fresh unrelated paragraphs.
		log(`planting ${PLANTS_PER_LEVEL} near-duplicates at each of ${LEVELS.join(', ')}`);
		const bases = shuffledIndexes(CORPUS, random);
		const plants = LEVELS.flatMap((level, l) =>
			Array.from({ length: PLANTS_PER_LEVEL }, (_, p) => {
				const base = bases[l * PLANTS_PER_LEVEL + p]!;
				const { text, similarity } = plantNearDuplicate(corpus[base]!.text, level, words, random);
				return { id: `plant-${level}-${p}`, text, level, similarity, base: corpus[base]!.id };
			})
		);
		const fresh = Array.from({ length: FRESH }, (_, i) => ({ id: `fresh${i}`, text: paragraph() }));
		const notes: string[] = [];
		for (const [label, target] of [
			['', index],
			[' (signatures only, estimated)', compact]
		] as const) {
			let freshHits = 0;
			let wrongHits = 0;
			const above = { found: 0, total: 0 };
			const below = { found: 0, total: 0 };
			for (const record of fresh) if (target.findSimilar(await printOf(target, record.text)).length > 0) freshHits++;
			for (const level of LEVELS) {
				const planted = plants.filter((plant) => plant.level === level);
				let found = 0;
				for (const plant of planted) {
					const matches = target.findSimilar(await printOf(target, plant.text));
					const hit = matches.some((match) => match.id === plant.base);
					if (hit) found++;
					const side = plant.similarity >= DEFAULT_THRESHOLD ? above : below;
					side.total++;
					if (hit) side.found++;
					wrongHits += matches.filter((match) => match.id !== plant.base).length;
				}
				const mean = planted.reduce((sum, plant) => sum + plant.similarity, 0) / planted.length;
				row(`flagged at J≈${level}${label}`, round((100 * found) / planted.length, 1), '%', {
					meanJaccard: round(mean, 4),
					minJaccard: round(Math.min(...planted.map((plant) => plant.similarity)), 4),
					maxJaccard: round(Math.max(...planted.map((plant) => plant.similarity)), 4),
					aboveThreshold: planted.filter((plant) => plant.similarity >= DEFAULT_THRESHOLD).length,
					lshCandidateProbability: round(candidateProbability(mean, bands, rows), 4)
				});
			}
			row(
				`recall, planted pairs with exact J ≥ ${DEFAULT_THRESHOLD}${label}`,
				round((100 * above.found) / above.total, 2),
				'%',
				above
			);
			row(
				`flagged, planted pairs with exact J < ${DEFAULT_THRESHOLD}${label}`,
				round((100 * below.found) / below.total, 2),
				'%',
				below
			);
			row(`false positives, ${FRESH} fresh paragraphs${label}`, freshHits / FRESH, 'rate', {
				wrongPlantMatches: wrongHits
			});
		}

		// The whole upload step, as the worker runs it: sha-256, fingerprints, exact and near lookups, upload self-dedupe.
		const exactCopies = corpus.slice(0, 100).map((record, i) => ({ id: `copy${i}`, text: record.text }));
		const upload = [...plants, ...fresh, ...exactCopies];
		started = performance.now();
		const result = await dedupeRecords(upload, { against: index });
		const uploadMs = performance.now() - started;
		row('dedupeRecords against the datanet', perSecond(upload.length, uploadMs), 'records/s', {
			records: upload.length,
			mbPerSecond: round(utf8Bytes(upload.map((record) => record.text)) / 1e6 / (uploadMs / 1000), 2),
			kept: result.kept.length,
			exact: result.exact.length,
			near: result.near.length
		});
		notes.push(
			`threshold ${DEFAULT_THRESHOLD}, ${numPerm} permutations, LSH ${bands} bands × ${rows} rows: P(candidate) ${LEVELS.map((s) => `${s}→${round(candidateProbability(s, bands, rows), 3)}`).join(' ')}`,
			`"flagged at J≈x": share of ${PLANTS_PER_LEVEL} planted copies per level reported at ≥ ${DEFAULT_THRESHOLD} (recall above the threshold; below it, a correct index flags ~0%)`,
			`dedupeRecords on ${upload.length} records: ${result.exact.length} exact, ${result.near.length} near, ${result.kept.length} kept`
		);
		return {
			suite: 'ingest-dedupe',
			title: ingestDedupe.title,
			environment: `Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores), one thread; corpus ${CORPUS} × 60–200 words, ${(corpusBytes / 1e6).toFixed(1)} MB`,
			rows: rowsOut,
			notes
		} satisfies BenchReport;
	}
};

async function printOf(index: DedupeIndex, text: string): Promise<{ signature: Uint32Array; shingles: Uint32Array }> {
	const shingles = shingleHashes(text);
	return { shingles, signature: index.hasher.signature(shingles) };
}

/** Pronounceable pseudo-words, distinct, from syllables. */
function vocabulary(random: ReturnType<typeof seededRandom>): string[] {
	const syllables = [
		'ka',
		'lo',
		'mi',
		'ter',
		'an',
		'sul',
		've',
		'dor',
		'pri',
		'nu',
		'es',
		'cal',
		'ri',
		'bo',
		'tan',
		'gel'
	];
	const words = new Set<string>();
	while (words.size < VOCABULARY) {
		const length = 2 + Math.floor(random.uniform() * 3);
		words.add(Array.from({ length }, () => syllables[Math.floor(random.uniform() * syllables.length)]).join(''));
	}
	return [...words];
}

/** Paragraphs of 60–200 words drawn with Zipf frequencies, so common words recur as in real text of one topic. */
function zipfParagraphs(words: string[], random: ReturnType<typeof seededRandom>): () => string {
	const cumulative = new Float64Array(words.length);
	let total = 0;
	for (let i = 0; i < words.length; i++) cumulative[i] = total += 1 / (i + 1);
	const word = () => {
		const target = random.uniform() * total;
		let lo = 0;
		let hi = words.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid]! < target) lo = mid + 1;
			else hi = mid;
		}
		return words[lo]!;
	};
	return () => Array.from({ length: 60 + Math.floor(random.uniform() * 141) }, word).join(' ');
}

/** Random edits (substitute, insert, delete a word) until the exact Jaccard reaches `level`; the closer state wins. */
function plantNearDuplicate(text: string, level: number, words: string[], random: ReturnType<typeof seededRandom>) {
	const original = shingleHashes(text);
	let current = text.split(' ');
	let similarity = 1;
	for (;;) {
		const next = current.slice();
		const at = Math.floor(random.uniform() * next.length);
		const edit = random.uniform();
		const replacement = words[Math.floor(random.uniform() * words.length)]!;
		if (edit < 0.6) next[at] = replacement;
		else if (edit < 0.8) next.splice(at, 0, replacement);
		else next.splice(at, 1);
		const nextSimilarity = jaccard(original, shingleHashes(next.join(' ')));
		if (nextSimilarity <= level) {
			// An unedited copy would be an exact duplicate, not a near one.
			const useNext = similarity === 1 || level - nextSimilarity < similarity - level;
			return useNext ? { text: next.join(' '), similarity: nextSimilarity } : { text: current.join(' '), similarity };
		}
		current = next;
		similarity = nextSimilarity;
	}
}

function shuffledIndexes(count: number, random: ReturnType<typeof seededRandom>): number[] {
	const indexes = Array.from({ length: count }, (_, i) => i);
	for (let i = count - 1; i > 0; i--) {
		const j = Math.floor(random.uniform() * (i + 1));
		[indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
	}
	return indexes;
}

function utf8Bytes(texts: string[]): number {
	const encoder = new TextEncoder();
	return texts.reduce((sum, text) => sum + encoder.encode(text).length, 0);
}

function round(value: number, digits: number): number {
	return Number(value.toFixed(digits));
}
