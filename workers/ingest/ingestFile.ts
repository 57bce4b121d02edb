// The whole pipeline for one contributed file: size check (before reading), extract, clean, optional redaction,
// records, quality filter. A refused file gives a one-line reason instead of throwing, so one bad file never
// loses the others; an abort does throw. Deduplication runs after this, on the records' ids and text.
import { dropBoilerplate } from './clean/dropBoilerplate.ts';
import { normalizeText } from './clean/normalizeText.ts';
import { redact, type Redaction } from './clean/redact.ts';
import { EmptyFileError, FileTooLargeError, IngestRefusedError } from './errors.ts';
import type { ExtractedUnit, LineProblem, TextBlock } from './extract/extractedDocument.ts';
import { extractText } from './extract/extractText.ts';
import { filterRecords } from './filter/filterRecords.ts';
import type { DroppedRecord, QualityThresholds } from './filter/qualityRules.ts';
import { DEFAULT_MAX_TOKENS, formatBytes, MAX_FILE_BYTES } from './limits.ts';
import { buildRecords } from './records/buildRecords.ts';
import type { IngestRecord, TokenCount } from './records/recordSchema.ts';

/** A file to ingest: its size is known before its bytes are read (a browser File, a stat on disk). */
export type IngestSource = { name: string; size: number; read(): Promise<Uint8Array> };

/** Options shared by ingestFile and ingestFiles. */
export type IngestOptions = {
	/** The base model's token counter. */
	tokenCount: TokenCount;
	/** Most tokens per record (default 256). */
	maxTokens?: number;
	/** Replace personal data (emails, phones, IBANs, cards) and list what was replaced. */
	redact?: boolean;
	/** Override quality thresholds. */
	thresholds?: Partial<QualityThresholds>;
	/** Per-file size limit in bytes (default 5 MB). */
	maxFileBytes?: number;
	signal?: AbortSignal;
};

/** A redaction, with the file it happened in. */
export type FileRedaction = Redaction & { file: string; line?: number };

/** What one file gave: its records, dropped records, skipped lines, redactions, or why it was refused. */
export type IngestFileResult = {
	file: string;
	bytes: number;
	records: IngestRecord[];
	dropped: DroppedRecord[];
	problems: LineProblem[];
	redactions: FileRedaction[];
	boilerplateLinesDropped: number;
	/** Set when the whole file was refused: the one-line reason and the error's name. */
	refused?: { reason: string; error: string };
};

/**
 * Runs the pipeline on one file.
 *
 * @example
 * const result = await ingestFile({ name: 'a.txt', size: 5, read: async () => bytes }, { tokenCount });
 * if (result.refused) console.log(result.refused.reason);
 */
export async function ingestFile(source: IngestSource, options: IngestOptions): Promise<IngestFileResult> {
	const result: IngestFileResult = {
		file: source.name,
		bytes: source.size,
		records: [],
		dropped: [],
		problems: [],
		redactions: [],
		boilerplateLinesDropped: 0
	};
	try {
		await run(source, options, result);
	} catch (error) {
		if (!(error instanceof IngestRefusedError)) throw error;
		return {
			...result,
			records: [],
			dropped: [],
			redactions: [],
			refused: { reason: error.shortMessage, error: error.name }
		};
	}
	return result;
}

async function run(source: IngestSource, options: IngestOptions, result: IngestFileResult): Promise<void> {
	const limit = options.maxFileBytes ?? MAX_FILE_BYTES;
	const file = source.name;
	if (source.size > limit)
		throw new FileTooLargeError(
			`${file} is ${formatBytes(source.size)}, over the ${formatBytes(limit)} limit per file; split it into smaller files and upload them.`
		);
	if (source.size === 0)
		throw new EmptyFileError(`${file} is empty; choose the file with the content and upload again.`);
	options.signal?.throwIfAborted();
	const bytes = await source.read();
	options.signal?.throwIfAborted();
	const extracted = await extractText(bytes, file, options.signal);
	result.problems = extracted.problems;

	// Boilerplate is judged across the text units together (a PDF's pages); pairs are left as written.
	const textUnits = extracted.units.filter((u) => u.kind === 'text');
	const boilerplate = dropBoilerplate(textUnits.map((u) => u.blocks.map((block) => normalizeText(block.text))));
	result.boilerplateLinesDropped = boilerplate.droppedLines;
	const cleanedText = new Map(textUnits.map((unit, index) => [unit, boilerplate.pages[index]!]));
	const units: ExtractedUnit[] = [];
	for (const unit of extracted.units) {
		if (unit.kind === 'text') {
			const blocks = cleanBlocks(unit.blocks, cleanedText.get(unit)!, unit, options, result);
			if (blocks.length) units.push({ ...unit, blocks });
		} else {
			const prompt = clean(normalizeText(unit.prompt), unit, options, result);
			const response = clean(normalizeText(unit.response), unit, options, result);
			if (prompt && response) units.push({ ...unit, prompt, response });
		}
	}
	if (units.length === 0) {
		const why = extracted.problems.length
			? `none of its lines could be used (${extracted.problems.length} skipped; first: line ${extracted.problems[0]!.line}, ${extracted.problems[0]!.reason})`
			: 'it has no text once cleaned';
		throw new EmptyFileError(`${file} gave no records: ${why}; fix the file and upload it again.`);
	}
	options.signal?.throwIfAborted();
	const built = await buildRecords(units, {
		file,
		maxTokens: options.maxTokens ?? DEFAULT_MAX_TOKENS,
		tokenCount: options.tokenCount
	});
	const filtered = filterRecords(built.records, options.thresholds);
	result.records = filtered.kept;
	result.dropped = [...built.dropped, ...filtered.dropped];
}

/**
 * A text unit's blocks with their cleaned text, empty ones gone, redacted when asked. Redaction offsets count in the
 * unit's cleaned text before redaction, its blocks joined by blank lines (as blocksText joins them).
 */
function cleanBlocks(
	blocks: TextBlock[],
	cleaned: string[],
	unit: ExtractedUnit,
	options: IngestOptions,
	result: IngestFileResult
): TextBlock[] {
	const out: TextBlock[] = [];
	let offset = 0;
	blocks.forEach((block, index) => {
		if (!cleaned[index]) return;
		out.push({ kind: block.kind, text: clean(cleaned[index], unit, options, result, offset) });
		offset += cleaned[index].length + 2;
	});
	return out;
}

/** Redacts when asked, recording each replacement against the file (offsets are within this unit's cleaned text). */
function clean(
	text: string,
	unit: ExtractedUnit,
	options: IngestOptions,
	result: IngestFileResult,
	offset = 0
): string {
	if (!options.redact || !text) return text;
	const redacted = redact(text);
	for (const r of redacted.redactions)
		result.redactions.push({
			...r,
			offset: r.offset + offset,
			file: result.file,
			...(unit.line ? { line: unit.line } : {})
		});
	return redacted.text;
}
