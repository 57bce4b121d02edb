import { describe, expect, it } from 'vitest';
import { ingestFile, type IngestSource } from './ingestFile.ts';
import { sampleSource, tinyTokenCount } from './testdata/samples.ts';
import { recordText } from './records/recordSchema.ts';
import { sha256Hex } from './records/recordId.ts';

const tokenCount = tinyTokenCount();

describe('ingestFile', () => {
	it('turns a real PDF into records without its headers and footers', async () => {
		const result = await ingestFile(sampleSource('contract-law.pdf'), { tokenCount });
		expect(result.refused).toBeUndefined();
		expect(result.boilerplateLinesDropped).toBe(6);
		expect(result.records.map((r) => r.source.page)).toEqual([1, 2, 3]);
		for (const record of result.records) {
			expect(recordText(record)).not.toMatch(/Handbook|Page \d of/);
			expect(record.id).toBe(await sha256Hex(recordText(record)));
		}
	});

	it('redacts personal data when asked and lists what was replaced', async () => {
		const plain = await ingestFile(sampleSource('animal-care.txt'), { tokenCount });
		expect(plain.records.map(recordText).join('\n')).toContain('clinic.desk@example.org');
		const redacted = await ingestFile(sampleSource('animal-care.txt'), { tokenCount, redact: true });
		const text = redacted.records.map(recordText).join('\n');
		expect(text).toContain('write to [EMAIL] or call [PHONE] during the opening hours');
		expect(text).not.toContain('example.org');
		expect(redacted.redactions.map((r) => [r.kind, r.original, r.file])).toEqual([
			['email', 'clinic.desk@example.org', 'animal-care.txt'],
			['phone', '+44 20 7946 0958', 'animal-care.txt']
		]);
		// The copyright notice is boilerplate and never reaches a record.
		expect(text).not.toContain('All rights reserved');
	});

	it('gives redaction offsets in the cleaned text with its blocks joined by blank lines', async () => {
		const bytes = new TextEncoder().encode(
			'# Contact the clinic\n\nWrite to **ana@example.org** for an appointment today.'
		);
		const source = { name: 'contact.md', size: bytes.length, read: async () => bytes };
		const result = await ingestFile(source, { tokenCount, redact: true });
		const cleaned = 'Contact the clinic\n\nWrite to ana@example.org for an appointment today.';
		expect(result.redactions.map((r) => [r.original, r.offset])).toEqual([
			['ana@example.org', cleaned.indexOf('ana@')]
		]);
		expect(result.records.map(recordText)).toEqual([
			'Contact the clinic\n\nWrite to [EMAIL] for an appointment today.'
		]);
	});

	it('keeps a JSONL file with bad lines, reporting them by number', async () => {
		const result = await ingestFile(sampleSource('qa.jsonl'), { tokenCount });
		expect(result.refused).toBeUndefined();
		expect(result.problems.map((p) => p.line)).toEqual([3, 5, 8]);
		expect(result.records).toHaveLength(3);
		expect(result.dropped.map((d) => [d.record.source.line, d.rule])).toEqual([[7, 'repeated-ngrams']]);
	});

	it('reads CSV pairs and DOCX text', async () => {
		expect((await ingestFile(sampleSource('vet-qa.csv'), { tokenCount })).records.map((r) => r.kind)).toEqual([
			'pair',
			'pair',
			'pair'
		]);
		const docx = await ingestFile(sampleSource('veterinary-notes.docx'), { tokenCount });
		expect(docx.records).toHaveLength(1);
		expect(recordText(docx.records[0]!)).toMatch(/^Dogs need a rabies vaccination/);
	});

	// Issue 11: "…fans vibrate. Hive design" — a heading was glued to the end of the record before it.
	it.each(['beekeeping.md', 'beekeeping.docx', 'beekeeping.pdf'])(
		'starts a record at every heading of %s, the heading on its own line above its section',
		async (name) => {
			const result = await ingestFile(sampleSource(name), { tokenCount });
			const texts = result.records.map(recordText);
			expect(texts.map((t) => t.split('\n\n')[0])).toEqual([
				'Keeping bees',
				'Colony life',
				'Hive design',
				'Inspections'
			]);
			expect(texts[1]).toMatch(/so that the fans vibrate\.$/);
			expect(texts[0]).toMatch(/^Keeping bees\n\nHoney bees live/);
			for (const text of texts) expect(text).not.toMatch(/(Hive design|Inspections|Colony life)$/);
		}
	);

	it('refuses a 50 MB file with the limit, before reading a byte', async () => {
		let reads = 0;
		const huge: IngestSource = {
			name: 'dump.txt',
			size: 50 * 1024 * 1024,
			read: async () => {
				reads++;
				return new Uint8Array(50 * 1024 * 1024);
			}
		};
		const result = await ingestFile(huge, { tokenCount });
		expect(reads).toBe(0);
		expect(result.refused).toEqual({
			reason: 'dump.txt is 50 MiB, over the 5 MiB limit per file; split it into smaller files and upload them.',
			error: 'FileTooLargeError'
		});
	});

	it.each([
		['empty.txt', 'EmptyFileError', 'empty.txt is empty; choose the file with the content and upload again.'],
		[
			'binary-renamed.txt',
			'NotUtf8TextError',
			'binary-renamed.txt is binary, not text (a NUL byte at offset 8); upload the original document or save it as UTF-8 text.'
		],
		[
			'latin1.txt',
			'NotUtf8TextError',
			'latin1.txt is not valid UTF-8 (an invalid byte at offset 3); re-save it as UTF-8 and upload it again.'
		],
		[
			'scanned-only-images.pdf',
			'PdfHasNoTextError',
			'scanned-only-images.pdf has no text, only images (a scan?); it is refused, as OpenLedger does. Upload a PDF with a text layer or the text itself.'
		],
		[
			'zip-bomb.docx',
			'ArchiveTooLargeError',
			'zip-bomb.docx would expand to 200 MiB once unzipped, over the 64 MiB limit (a zip bomb?); it was not opened. Save the text as .txt or split the document.'
		]
	])('refuses %s with a one-line reason', async (name, error, reason) => {
		const result = await ingestFile(sampleSource(name), { tokenCount });
		expect(result.refused).toEqual({ reason, error });
		expect(result.records).toEqual([]);
	});

	it('refuses a JSONL file none of whose lines are usable', async () => {
		const bytes = new TextEncoder().encode('{"a":1}\nnot json\n');
		const result = await ingestFile({ name: 'bad.jsonl', size: bytes.length, read: async () => bytes }, { tokenCount });
		expect(result.refused?.reason).toBe(
			'bad.jsonl gave no records: none of its lines could be used (2 skipped; first: line 1, needs a "text" field or a prompt/response pair (prompt/response, instruction/output, question/answer)); fix the file and upload it again.'
		);
	});

	it('throws on abort instead of reporting a refusal', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(
			ingestFile(sampleSource('animal-care.txt'), { tokenCount, signal: controller.signal })
		).rejects.toThrow(/abort/i);
	});
});
