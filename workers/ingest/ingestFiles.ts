// The pipeline over many files, as the Contribute page and `provena ingest` run it: files in order, progress in
// bytes after each, an AbortSignal checked between steps, and one summary. The result is shaped for a dedupe step
// to run next on `records` (stable content-hash ids) before anything is submitted.
import type { QualityReportEntry } from './filter/filterRecords.ts';
import { qualityReport } from './filter/filterRecords.ts';
import type { DroppedRecord, QualityRule } from './filter/qualityRules.ts';
import { ingestFile, type FileRedaction, type IngestOptions, type IngestSource } from './ingestFile.ts';
import type { IngestRecord } from './records/recordSchema.ts';

/** Bytes of input handled so far, out of all of them. */
export type IngestProgress = { bytesDone: number; bytesTotal: number; file: string };

/** Counts for the page's header and summary.txt. */
export type IngestSummary = {
	files: number;
	refusedFiles: number;
	bytes: number;
	records: number;
	tokens: number;
	dropped: number;
	droppedByRule: Partial<Record<QualityRule, number>>;
	skippedLines: number;
	redactions: number;
	boilerplateLinesDropped: number;
};

/** Everything the pipeline produced for a batch of files. */
export type IngestResult = {
	records: IngestRecord[];
	dropped: DroppedRecord[];
	/** The quality report of `dropped`, ready to serialise. */
	report: QualityReportEntry[];
	/** One entry per refused file, with its one-line reason. */
	refused: Array<{ file: string; reason: string; error: string }>;
	/** Lines or rows skipped inside files that were otherwise accepted. */
	problems: Array<{ file: string; line: number; reason: string }>;
	redactions: FileRedaction[];
	summary: IngestSummary;
};

/**
 * Ingests files in order; `onProgress` gets bytes done / total after each file.
 *
 * @example
 * const result = await ingestFiles(sources, { tokenCount, redact: true, signal, onProgress: (p) => bar.set(p.bytesDone / p.bytesTotal) });
 */
export async function ingestFiles(
	sources: IngestSource[],
	options: IngestOptions & { onProgress?: (progress: IngestProgress) => void }
): Promise<IngestResult> {
	const bytesTotal = sources.reduce((sum, s) => sum + s.size, 0);
	let bytesDone = 0;
	const result: IngestResult = {
		records: [],
		dropped: [],
		report: [],
		refused: [],
		problems: [],
		redactions: [],
		summary: emptySummary()
	};
	const summary = result.summary;
	for (const source of sources) {
		options.signal?.throwIfAborted();
		const file = await ingestFile(source, options);
		summary.files++;
		summary.bytes += file.bytes;
		if (file.refused) {
			summary.refusedFiles++;
			result.refused.push({ file: file.file, ...file.refused });
		}
		result.records.push(...file.records);
		result.dropped.push(...file.dropped);
		result.redactions.push(...file.redactions);
		for (const problem of file.problems) result.problems.push({ file: file.file, ...problem });
		summary.boilerplateLinesDropped += file.boilerplateLinesDropped;
		bytesDone += source.size;
		options.onProgress?.({ bytesDone, bytesTotal, file: source.name });
	}
	const report = qualityReport(result.dropped);
	result.report = report.entries;
	summary.records = result.records.length;
	summary.tokens = result.records.reduce((sum, r) => sum + r.tokens, 0);
	summary.dropped = result.dropped.length;
	summary.droppedByRule = report.byRule;
	summary.skippedLines = result.problems.length;
	summary.redactions = result.redactions.length;
	return result;
}

function emptySummary(): IngestSummary {
	return {
		files: 0,
		refusedFiles: 0,
		bytes: 0,
		records: 0,
		tokens: 0,
		dropped: 0,
		droppedByRule: {},
		skippedLines: 0,
		redactions: 0,
		boilerplateLinesDropped: 0
	};
}
