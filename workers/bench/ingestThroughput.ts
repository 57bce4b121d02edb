// Browser suite `ingest-throughput`: how fast the Contribute page's pipeline turns files into records inside a Web
// Worker (this bench worker, as the ingest worker would): MB/s from File to records for plain text, JSONL pairs and
// PDF, then the whole prepareContribution (ingest + dedupe + records.jsonl + sha-256), alone and against a datanet.
// The text is generated from a seed, so two runs measure the same bytes; the PDF is the committed sample, repeated.
import { CONTRACT_LAW } from '../ingest/dedupe/testTexts.ts';
import { ingestFiles } from '../ingest/ingestFiles.ts';
import {
	fileSource,
	prepareContribution,
	type ExistingContribution,
	type PrepareProgress
} from '../ingest/prepareContribution.ts';
import type { TokenCount } from '../ingest/records/recordSchema.ts';
import { seededRandom, type SeededRandom } from '../ml/random/seededRandom.ts';
import { hfTokenizer } from '../ml/tokenizer/hfTokenizer.ts';
import { BrowserBenchError, intOption, option, type BrowserBench, type BrowserBenchRow } from './browserBench.ts';

/** Generated text files stay well under the 5 MiB per-file limit. */
const TEXT_FILE_BYTES = 1_000_000;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export const ingestThroughput: BrowserBench = {
	title: 'Ingest throughput in a Web Worker: File → records (text, JSONL, PDF) and prepareContribution end to end',
	async run({ options, log, signal }) {
		const tokenizerUrl = new URL(option(options, 'tokenizer'), self.location.href).href;
		const pdfUrl = new URL(option(options, 'pdf'), self.location.href).href;
		const textMb = intOption(options, 'textMb', 4);
		const datanetMb = intOption(options, 'datanetMb', 1);
		const pdfCopies = intOption(options, 'pdfCopies', 200);
		const repeats = intOption(options, 'repeats', 3);
		const tokenCount = await loadTokenCount(tokenizerUrl);
		const pdfBytes = await fetchBytes(pdfUrl);

		const random = seededRandom(20_261_123);
		const words = vocabulary();
		const textFiles = chunkFiles(paragraphs(random, words, textMb * 1e6), 'corpus', '.txt', '\n\n');
		const jsonlFiles = chunkFiles(pairs(random, words, textMb * 1e6), 'pairs', '.jsonl', '\n');
		const pdfFiles = Array.from({ length: pdfCopies }, (_, i) => new File([pdfBytes], `contract-law-${i}.pdf`));
		const datanetText = chunkFiles(paragraphs(seededRandom(7), words, datanetMb * 1e6), 'datanet', '.txt', '\n\n');
		const rows: BrowserBenchRow[] = [];
		const notes: string[] = [];
		const bytesOf = (files: File[]) => files.reduce((sum, file) => sum + file.size, 0);

		// The first PDF pays for loading pdfjs (a dynamic import of ~2 MB): what a contributor's first PDF costs.
		log('cold start: one PDF, loading pdfjs');
		const coldStart = performance.now();
		await ingestFiles([fileSource(pdfFiles[0]!)], { tokenCount, signal });
		const coldMs = performance.now() - coldStart;

		// Time inside the tokenizer, to say how much of File → records is token counting.
		let tokenizerMs = 0;
		const timedTokenCount: TokenCount = (text) => {
			const start = performance.now();
			const count = tokenCount(text);
			tokenizerMs += performance.now() - start;
			return count;
		};
		const pdfLabel = `PDF (contract-law.pdf × ${pdfCopies})`;
		const ingestCases = [
			{ label: 'text (.txt)', files: textFiles },
			{ label: 'JSONL pairs', files: jsonlFiles },
			{ label: pdfLabel, files: pdfFiles }
		].map(({ label, files }) => ({
			label,
			files,
			run: async () => {
				tokenizerMs = 0;
				const result = await ingestFiles(files.map(fileSource), { tokenCount: timedTokenCount, redact: true, signal });
				return { result, tokenizerMs };
			}
		}));
		log(
			`File → records: ${ingestCases.map((c) => `${c.label} ${(bytesOf(c.files) / 1e6).toFixed(2)} MB`).join(', ')}; ${repeats} rounds after a warm-up`
		);
		const ingestTimes = await rounds(ingestCases, repeats, signal);
		for (const [i, { label, files }] of ingestCases.entries()) {
			const { ms, samples, value } = ingestTimes[i]!;
			const bytes = bytesOf(files);
			const { records, tokens, dropped, refusedFiles } = value.result.summary;
			if (refusedFiles > 0)
				throw new BrowserBenchError(`${label}: ${refusedFiles} files were refused: ${value.result.refused[0]!.reason}`);
			rows.push(
				{
					name: `${label}: File → records`,
					value: round(bytes / 1e6 / (ms / 1000), 2),
					unit: 'MB/s',
					details: { bytes, files: files.length, records, tokens, dropped, medianMs: ms, samplesMs: samples }
				},
				{ name: `${label}: File → records`, value: Math.round(records / (ms / 1000)), unit: 'records/s' }
			);
			if (label === pdfLabel)
				rows.push({ name: `${label}: File → records`, value: Math.round(files.length / (ms / 1000)), unit: 'files/s' });
			rows.push({
				name: `${label}:   … of which token counting`,
				value: round((100 * value.tokenizerMs) / ms, 1),
				unit: '%'
			});
		}
		rows.push({ name: 'PDF: first file, cold (loads pdfjs)', value: round(coldMs, 1), unit: 'ms' });

		// The whole step the Contribute page runs: ingest, dedupe, records.jsonl and its sha-256.
		log(`preparing a ${datanetMb} MB datanet contribution to deduplicate against`);
		const datanet = await prepareContribution(datanetText.map(fileSource), {
			tokenCount,
			redact: true,
			against: [],
			signal
		});
		const datanetAgainst: ExistingContribution[] = [{ contributionId: '1', jsonl: datanet.jsonl }];
		const endToEnd = [
			{ label: 'text (.txt)', files: textFiles, against: [] },
			{
				label: `text (.txt), against a ${datanet.recordCount}-record datanet`,
				files: textFiles,
				against: datanetAgainst
			},
			{ label: pdfLabel, files: pdfFiles, against: [] }
		].map(({ label, files, against }) => ({
			label,
			files,
			run: async () => {
				// When each phase ended, from the progress reports: where the time goes inside one run.
				const ended: Partial<Record<PrepareProgress['phase'], number>> = {};
				const start = performance.now();
				const prepared = await prepareContribution(files.map(fileSource), {
					tokenCount,
					redact: true,
					against,
					signal,
					onProgress: (p) => {
						if (p.done === p.total) ended[p.phase] = performance.now();
					}
				});
				const end = performance.now();
				const extract = ended.extract ?? start;
				const index = ended.index ?? extract;
				const dedupe = ended.dedupe ?? index;
				const phasesMs = {
					extract: round(extract - start, 1),
					index: round(index - extract, 1),
					dedupe: round(dedupe - index, 1),
					jsonlAndHash: round(end - dedupe, 1)
				};
				return { prepared, phasesMs };
			}
		}));
		log(`prepareContribution: ${endToEnd.map((c) => c.label).join('; ')}; ${repeats} rounds after a warm-up`);
		const endToEndTimes = await rounds(endToEnd, repeats, signal);
		for (const [i, { label, files }] of endToEnd.entries()) {
			const { ms, samples, value } = endToEndTimes[i]!;
			const { prepared, phasesMs } = value;
			const bytes = bytesOf(files);
			rows.push({
				name: `prepareContribution, ${label}: ingest + dedupe`,
				value: round(bytes / 1e6 / (ms / 1000), 2),
				unit: 'MB/s',
				details: {
					bytes,
					records: prepared.ingest.records.length,
					kept: prepared.recordCount,
					exact: prepared.exact.length,
					near: prepared.near.length,
					jsonlBytes: prepared.byteSize,
					phasesMs,
					medianMs: ms,
					samplesMs: samples
				}
			});
			notes.push(
				`prepareContribution, ${label}: ${prepared.ingest.records.length} records → ${prepared.recordCount} kept (${prepared.exact.length} exact, ${prepared.near.length} near duplicates); median run's phases: ${Object.entries(
					phasesMs
				)
					.map(([phase, phaseMs]) => `${phase} ${phaseMs} ms`)
					.join(', ')}`
			);
		}
		notes.push(
			`MB = 10⁶ bytes of input files; median of ${repeats} rounds after one warm-up, the cases of each table section taking turns within a round so load from elsewhere on the machine spreads over them; redaction on throughout.`,
			'The sample PDF is 3 small pages: its MB/s is dominated by per-document cost (opening the PDF), so files/s says more.'
		);
		return {
			environment: `${userAgentBrowser()}, bench Web Worker (one thread), ${navigator.hardwareConcurrency} logical cores; text ${(bytesOf(textFiles) / 1e6).toFixed(1)} MB, JSONL ${(bytesOf(jsonlFiles) / 1e6).toFixed(1)} MB, PDF ${pdfCopies} × ${pdfBytes.byteLength} B`,
			rows,
			notes
		};
	}
};

type Timed<T> = { ms: number; samples: number[]; value: T };

/**
 * Each case once to warm up, then `repeats` rounds of every case in turn; per case the median time and the value of
 * the run that took it.
 */
async function rounds<T>(
	cases: ReadonlyArray<{ run: () => Promise<T> }>,
	repeats: number,
	signal: AbortSignal
): Promise<Timed<T>[]> {
	for (const { run } of cases) await run();
	const runs = cases.map(() => [] as Array<{ ms: number; value: T }>);
	for (let round = 0; round < repeats; round++)
		for (const [i, { run }] of cases.entries()) {
			signal.throwIfAborted();
			const start = performance.now();
			const value = await run();
			runs[i]!.push({ ms: performance.now() - start, value });
		}
	return runs.map((samples) => {
		const sorted = [...samples].sort((a, b) => a.ms - b.ms);
		const middle = sorted[Math.floor(sorted.length / 2)]!;
		return { ms: middle.ms, samples: samples.map((s) => s.ms), value: middle.value };
	});
}

async function fetchBytes(url: string): Promise<Uint8Array<ArrayBuffer>> {
	const response = await fetch(url).catch((error: unknown) => {
		throw new BrowserBenchError(`Could not fetch ${url}; the harness serves it beside the site.`, { cause: error });
	});
	if (!response.ok)
		throw new BrowserBenchError(`${url} answered ${response.status}; the harness serves it beside the site.`);
	return new Uint8Array(await response.arrayBuffer());
}

async function loadTokenCount(folder: string): Promise<TokenCount> {
	const read = async (name: string) =>
		JSON.parse(new TextDecoder().decode(await fetchBytes(new URL(name, folder).href))) as object;
	const tokenizer = hfTokenizer(await read('tokenizer.json'), await read('tokenizer_config.json'));
	return (text) => tokenizer.encode(text).length;
}

/** The words of the contract-law sample paragraphs, repeats kept, so drawing from it follows their frequencies. */
function vocabulary(): string[] {
	return CONTRACT_LAW.join(' ')
		.toLowerCase()
		.split(/[^a-z']+/)
		.filter(Boolean);
}

function sentence(random: SeededRandom, words: string[], ending = '.'): string {
	const length = 8 + Math.floor(random.uniform() * 17);
	const picked = Array.from({ length }, () => words[Math.floor(random.uniform() * words.length)]!);
	const text = picked.join(' ');
	return text[0]!.toUpperCase() + text.slice(1) + ending;
}

/** Paragraphs of 3–7 sentences up to about `bytes` in all. */
function paragraphs(random: SeededRandom, words: string[], bytes: number): string[] {
	const out: string[] = [];
	for (let total = 0; total < bytes;) {
		const count = 3 + Math.floor(random.uniform() * 5);
		const paragraph = Array.from({ length: count }, () => sentence(random, words)).join(' ');
		out.push(paragraph);
		total += paragraph.length + 2;
	}
	return out;
}

/** JSONL lines of question/answer pairs up to about `bytes` in all. */
function pairs(random: SeededRandom, words: string[], bytes: number): string[] {
	const out: string[] = [];
	for (let total = 0; total < bytes;) {
		const answer = Array.from({ length: 2 + Math.floor(random.uniform() * 3) }, () => sentence(random, words)).join(
			' '
		);
		const line = JSON.stringify({ prompt: sentence(random, words, '?'), response: answer });
		out.push(line);
		total += line.length + 1;
	}
	return out;
}

/** Pieces joined into files of about TEXT_FILE_BYTES each. */
function chunkFiles(pieces: string[], stem: string, extension: string, separator: string): File[] {
	const files: File[] = [];
	let current: string[] = [];
	let size = 0;
	const flush = () => {
		if (current.length === 0) return;
		files.push(new File([current.join(separator) + separator], `${stem}-${files.length + 1}${extension}`));
		current = [];
		size = 0;
	};
	for (const piece of pieces) {
		if (size + piece.length > TEXT_FILE_BYTES) flush();
		current.push(piece);
		size += piece.length + separator.length;
	}
	flush();
	return files;
}

function userAgentBrowser(): string {
	const match = /(HeadlessChrome|Chrome|Firefox|Safari)\/([\d.]+)/.exec(navigator.userAgent);
	return match ? `${match[1]} ${match[2]}` : navigator.userAgent;
}
