// Applies the quality rules to a batch of records and builds the report the page and the CLI show: every dropped
// record with its rule, measured value and threshold, and counts per rule.
import { truncateAtWord } from '../../shared/format/truncateAtWord.ts';
import type { IngestRecord } from '../records/recordSchema.ts';
import {
	checkQuality,
	DEFAULT_THRESHOLDS,
	type DroppedRecord,
	type QualityRule,
	type QualityThresholds
} from './qualityRules.ts';

/** Kept records and dropped ones, each with why. */
export type FilterResult = { kept: IngestRecord[]; dropped: DroppedRecord[] };

/**
 * Splits records into kept and dropped by the quality rules.
 *
 * @example
 * const { kept, dropped } = filterRecords(records); // dropped[0].rule === 'repeated-lines'
 */
export function filterRecords(records: IngestRecord[], thresholds: Partial<QualityThresholds> = {}): FilterResult {
	const merged = { ...DEFAULT_THRESHOLDS, ...thresholds };
	const kept: IngestRecord[] = [];
	const dropped: DroppedRecord[] = [];
	for (const record of records) {
		const failure = checkQuality(record, merged);
		if (failure) dropped.push({ record, ...failure });
		else kept.push(record);
	}
	return { kept, dropped };
}

/** One line of the quality report: where the record came from, a preview, and why it went. */
export type QualityReportEntry = {
	id: string;
	source: IngestRecord['source'];
	preview: string;
	rule: QualityRule;
	value: number;
	threshold: number;
	reason: string;
};

/**
 * The report of dropped records, for report.json and the review page; `byRule` counts them per rule.
 *
 * @example
 * qualityReport(dropped).byRule; // { 'repeated-lines': 2, 'too-few-words': 1 }
 */
export function qualityReport(dropped: DroppedRecord[]): {
	entries: QualityReportEntry[];
	byRule: Partial<Record<QualityRule, number>>;
} {
	const byRule: Partial<Record<QualityRule, number>> = {};
	const entries = dropped.map(({ record, rule, value, threshold, message }) => {
		byRule[rule] = (byRule[rule] ?? 0) + 1;
		const content = record.kind === 'text' ? record.text : `${record.prompt} → ${record.response}`;
		return {
			id: record.id,
			source: record.source,
			preview: truncateAtWord(content, 120),
			rule,
			value,
			threshold,
			reason: `${rule}: ${message}`
		};
	});
	return { entries, byRule };
}
