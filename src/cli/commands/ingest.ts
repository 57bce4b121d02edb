// `provena ingest FILE… --out DIR`: the Datanets ingest pipeline (extract, clean, optional redaction, records,
// quality filters) headless, so large datasets can be prepared on any machine. It writes records.jsonl, report.json
// and summary.txt, prints one line per refused file and exits 1 when any file was refused, keeping the others' records.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliUsageError, parseCommandArgs } from '../args.ts';
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import { hfTokenizer } from '../../../workers/ml/tokenizer/hfTokenizer.ts';
import { ingestFiles, type IngestResult } from '../../../workers/ingest/ingestFiles.ts';
import type { IngestSource } from '../../../workers/ingest/ingestFile.ts';
import { DEFAULT_MAX_TOKENS, formatBytes, MAX_FILE_BYTES } from '../../../workers/ingest/limits.ts';
import type { TokenCount } from '../../../workers/ingest/records/recordSchema.ts';
import { dedupeRecords } from '../../../workers/ingest/dedupe/dedupeRecords.ts';
import { DedupeIndex } from '../../../workers/ingest/dedupe/dedupeIndex.ts';

/** The default model's tokenizer, found beside this package rather than in the working directory. */
const DEFAULT_TOKENIZER = fileURLToPath(new URL('../../../static/models/provena-tiny', import.meta.url));

export const help = `Usage: provena ingest <file>… --out <dir> [--redact] [--max-tokens <n>] [--tokenizer <dir>]

Turn contributed files (.txt, .md, .jsonl, .csv, .pdf, .docx; at most ${formatBytes(MAX_FILE_BYTES)} each) into LLM-ready
records, as the Datanets page does: extract the text, normalise it, drop boilerplate, optionally redact personal
data, cut it into records of at most --max-tokens tokens (a heading starts a record; prompt/response pairs stay
whole) and apply Gopher-style quality filters, then drop exact and near duplicates (MinHash over word 5-grams,
Jaccard ≥ 0.75) within the upload and, with --against, against a datanet's accepted records.

Writes:
  <dir>/records.jsonl   the kept records, one per line: {id, kind: "text"|"pair", text | prompt+response, source, tokens}
  <dir>/report.json     dropped records with rule, value and threshold; duplicates with what they collide with;
                        refused files; skipped lines; redactions
  <dir>/dedupe-index.bin  the kept records' dedupe index (merge it into the datanet's once they are accepted)
  <dir>/summary.txt     counts: files, bytes, records, tokens, dropped records per rule

A refused file (empty, binary, too large, a PDF with no text, a zip bomb…) is printed with its reason on stderr;
the other files are still written, and the exit code is 1.

Options:
  --out <dir>           where to write (created if missing)
  --redact              replace emails, phone numbers, IBANs and card numbers ([EMAIL], [PHONE], [IBAN], [CARD])
  --max-tokens <n>      most tokens per record (default ${DEFAULT_MAX_TOKENS})
  --tokenizer <dir>     a folder with tokenizer.json and tokenizer_config.json (default: the bundled provena-tiny)
  --against <file>      a dedupe index of the datanet's accepted records (a dedupe-index.bin)
  -h, --help            show this help

Example:
  provena ingest handbook.pdf faq.jsonl --out datasets/contract-law --redact`;

/**
 * Runs `provena ingest`; resolves to 0 when every file was ingested, 1 when any was refused or the tokenizer failed.
 *
 * @example
 * await run(['notes.txt', 'qa.jsonl', '--out', 'out', '--max-tokens', '128']);
 */
export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommandArgs(argv, {
		out: { type: 'string' },
		redact: { type: 'boolean' },
		'max-tokens': { type: 'string' },
		tokenizer: { type: 'string' },
		against: { type: 'string' }
	});
	if (!parsed) {
		console.log(help);
		return 0;
	}
	const { values, positionals: files } = parsed;
	if (files.length === 0) throw new CliUsageError('give at least one file to ingest.');
	if (values.out === undefined) throw new CliUsageError('--out is required.');
	const rawMax = values['max-tokens'];
	const maxTokens = rawMax === undefined ? DEFAULT_MAX_TOKENS : Number(rawMax);
	if (!Number.isInteger(maxTokens) || maxTokens < 1 || rawMax?.trim() === '')
		throw new CliUsageError(`--max-tokens must be an integer ≥ 1, got "${rawMax}".`);

	let tokenCount: TokenCount;
	try {
		tokenCount = await loadTokenCount(values.tokenizer === undefined ? DEFAULT_TOKENIZER : resolve(values.tokenizer));
	} catch (error) {
		console.error(`provena ingest: ${error instanceof ProvenaError ? error.shortMessage : (error as Error).message}`);
		return 1;
	}
	const { sources, missing } = await openSources(files);
	const result = await ingestFiles(sources, { tokenCount, maxTokens, redact: values.redact ?? false });
	result.refused.unshift(...missing);
	result.summary.files += missing.length;
	result.summary.refusedFiles += missing.length;

	let against: DedupeIndex | undefined;
	if (values.against !== undefined) {
		try {
			against = DedupeIndex.deserialize(new Uint8Array(await readFile(resolve(values.against))));
		} catch (error) {
			console.error(`provena ingest: --against ${values.against}: ${error instanceof ProvenaError ? error.shortMessage : (error as Error).message}`);
			return 1;
		}
	}
	const duplicates = await dedupeRecords(result.records, { against });

	const out = resolve(values.out);
	await mkdir(out, { recursive: true });
	await writeFile(join(out, 'records.jsonl'), duplicates.kept.map((r) => JSON.stringify(r) + '\n').join(''));
	await writeFile(
		join(out, 'report.json'),
		JSON.stringify({ ...report(result), duplicates: { exact: duplicates.exact, near: duplicates.near } }, null, '\t') + '\n'
	);
	await writeFile(join(out, 'dedupe-index.bin'), duplicates.uploadIndex.serialize());
	const summary =
		summaryText(result, maxTokens) +
		`duplicates dropped: ${duplicates.exact.length} exact, ${duplicates.near.length} near; records kept: ${duplicates.kept.length}\n`;
	await writeFile(join(out, 'summary.txt'), summary);
	console.log(summary.trimEnd());
	for (const refused of result.refused) console.error(`provena ingest: refused ${refused.file}: ${refused.reason}`);
	return result.refused.length > 0 ? 1 : 0;
}

async function loadTokenCount(dir: string): Promise<TokenCount> {
	const readJson = async (name: string) => {
		try {
			return JSON.parse(await readFile(join(dir, name), 'utf8')) as object;
		} catch (error) {
			throw new ProvenaError(
				`could not read ${join(dir, name)}; pass --tokenizer with a folder holding tokenizer.json and tokenizer_config.json.`,
				{
					cause: error
				}
			);
		}
	};
	const tokenizer = hfTokenizer(await readJson('tokenizer.json'), await readJson('tokenizer_config.json'));
	return (text) => tokenizer.encode(text).length;
}

/** Sources whose size comes from stat, so an oversized file is refused without being read. */
async function openSources(files: string[]) {
	const sources: IngestSource[] = [];
	const missing: IngestResult['refused'] = [];
	for (const file of files) {
		const info = await stat(file).catch(() => undefined);
		if (!info) missing.push({ file, reason: `${file} does not exist; check the path.`, error: 'FileNotFound' });
		else if (!info.isFile())
			missing.push({ file, reason: `${file} is not a file; pass the files inside it.`, error: 'NotAFile' });
		else sources.push({ name: file, size: info.size, read: async () => new Uint8Array(await readFile(file)) });
	}
	return { sources, missing };
}

function report(result: IngestResult) {
	return {
		summary: result.summary,
		refused: result.refused,
		dropped: result.report,
		skippedLines: result.problems,
		redactions: result.redactions
	};
}

function summaryText(result: IngestResult, maxTokens: number): string {
	const s = result.summary;
	const rules = Object.entries(s.droppedByRule).map(([rule, count]) => `  ${rule}: ${count}`);
	return [
		`files: ${s.files} (${s.refusedFiles} refused), ${formatBytes(s.bytes)}`,
		`records: ${s.records} (${s.tokens} tokens, at most ${maxTokens} per record)`,
		`dropped records: ${s.dropped}`,
		...rules,
		`skipped lines: ${s.skippedLines}`,
		`boilerplate lines removed: ${s.boilerplateLinesDropped}`,
		`redactions: ${s.redactions}`,
		''
	].join('\n');
}
