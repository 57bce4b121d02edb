import { describe, expect, it } from 'vitest';
import { filterRecords, qualityReport } from './filterRecords.ts';
import { buildRecords } from '../records/buildRecords.ts';
import { extractJsonl } from '../extract/extractJsonl.ts';
import { decodeUtf8 } from '../extract/decodeUtf8.ts';
import { sample, tinyTokenCount } from '../testdata/samples.ts';

describe('filterRecords and qualityReport', async () => {
	const { units } = extractJsonl(decodeUtf8(sample('qa.jsonl'), 'qa.jsonl'));
	const { records } = await buildRecords(units, { file: 'qa.jsonl', maxTokens: 256, tokenCount: tinyTokenCount() });

	it('keeps the good records of a real file and drops the spam line with its rule', () => {
		const { kept, dropped } = filterRecords(records);
		expect(kept.map((r) => r.source.line)).toEqual([1, 2, 4]);
		expect(dropped.map((d) => d.record.source.line)).toEqual([7]);
		expect(dropped[0]).toMatchObject({ rule: 'repeated-ngrams', value: 1, threshold: 0.15 });
	});

	it('reports each dropped record with source, preview, value and threshold, and counts per rule', () => {
		const report = qualityReport(filterRecords(records).dropped);
		expect(report.byRule).toEqual({ 'repeated-ngrams': 1 });
		expect(report.entries[0]).toMatchObject({
			source: { file: 'qa.jsonl', line: 7 },
			rule: 'repeated-ngrams',
			threshold: 0.15
		});
		expect(report.entries[0]!.preview).toMatch(/^buy now buy now/);
		expect(report.entries[0]!.reason).toBe('repeated-ngrams: 1 of characters are in duplicated 5-grams, over 0.15');
	});

	it('takes threshold overrides', () => {
		expect(
			filterRecords(records, { maxDuplicateNgram: { 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1 }, maxRepeatedLines: 1 })
				.dropped
		).toEqual([]);
	});
});
