import { describe, expect, it } from 'vitest';
import { ingestFiles, type IngestProgress } from './ingestFiles.ts';
import { sampleSource, tinyTokenCount } from './testdata/samples.ts';

const tokenCount = tinyTokenCount();
const names = ['contract-law.pdf', 'qa.jsonl', 'vet-qa.csv', 'empty.txt', 'scanned-only-images.pdf', 'animal-care.txt'];

describe('ingestFiles', () => {
	it('ingests a batch, refusing bad files without losing the others, and sums it up', async () => {
		const sources = names.map(sampleSource);
		const progress: IngestProgress[] = [];
		const result = await ingestFiles(sources, { tokenCount, redact: true, onProgress: (p) => progress.push(p) });
		expect(result.refused.map((r) => [r.file, r.error])).toEqual([
			['empty.txt', 'EmptyFileError'],
			['scanned-only-images.pdf', 'PdfHasNoTextError']
		]);
		expect(new Set(result.records.map((r) => r.source.file))).toEqual(
			new Set(['contract-law.pdf', 'qa.jsonl', 'vet-qa.csv', 'animal-care.txt'])
		);
		const total = sources.reduce((sum, s) => sum + s.size, 0);
		expect(progress.map((p) => p.bytesDone)).toEqual(
			sources.map((_, i) => sources.slice(0, i + 1).reduce((sum, s) => sum + s.size, 0))
		);
		expect(progress.every((p) => p.bytesTotal === total)).toBe(true);
		expect(result.summary).toMatchObject({
			files: 6,
			refusedFiles: 2,
			bytes: total,
			records: result.records.length,
			tokens: result.records.reduce((sum, r) => sum + r.tokens, 0),
			dropped: 1,
			droppedByRule: { 'repeated-ngrams': 1 },
			skippedLines: 4,
			redactions: 2,
			boilerplateLinesDropped: 7
		});
		expect(result.report).toHaveLength(1);
		expect(result.problems.map((p) => `${p.file}:${p.line}`)).toEqual([
			'qa.jsonl:3',
			'qa.jsonl:5',
			'qa.jsonl:8',
			'vet-qa.csv:6'
		]);
	});

	it('stops between files when aborted', async () => {
		const controller = new AbortController();
		const seen: string[] = [];
		const run = ingestFiles(names.map(sampleSource), {
			tokenCount,
			signal: controller.signal,
			onProgress: (p) => {
				seen.push(p.file);
				controller.abort();
			}
		});
		await expect(run).rejects.toThrow(/abort/i);
		expect(seen).toEqual(['contract-law.pdf']);
	});
});
