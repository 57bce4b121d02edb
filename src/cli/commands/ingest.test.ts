import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliUsageError } from '../args.ts';
import { run } from './ingest.ts';
import { TESTDATA } from '../../../workers/ingest/testdata/samples.ts';
import type { IngestRecord } from '../../../workers/ingest/records/recordSchema.ts';
import { captureCommand } from '../testing/captureCommand.ts';

let root: string;

beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'provena-ingest-'));
	for (const name of [
		'contract-law.pdf',
		'qa.jsonl',
		'vet-qa.csv',
		'animal-care.txt',
		'binary-renamed.txt',
		'zip-bomb.docx'
	])
		copyFileSync(join(TESTDATA, name), join(root, name));
	// 50 MB on disk (sparse), never read: the limit is checked from its size.
	writeFileSync(join(root, 'huge.txt'), '');
	truncateSync(join(root, 'huge.txt'), 50 * 1024 * 1024);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the command in-process, capturing what it prints. */
const cli = (argv: string[]) => captureCommand(run, argv);

const readRecords = (dir: string) =>
	readFileSync(join(dir, 'records.jsonl'), 'utf8')
		.trimEnd()
		.split('\n')
		.map((line) => JSON.parse(line) as IngestRecord);

describe('provena ingest', () => {
	it('writes records, report and summary for good files and exits 0', async () => {
		const out = join(root, 'out-good');
		const files = ['contract-law.pdf', 'qa.jsonl', 'vet-qa.csv', 'animal-care.txt'].map((f) => join(root, f));
		const { code, stdout, stderr } = await cli([...files, '--out', out, '--redact', '--max-tokens', '128']);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const records = readRecords(out);
		expect(records.filter((r) => r.kind === 'pair')).toHaveLength(5);
		expect(records.every((r) => r.tokens <= 128 && /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
		expect(JSON.stringify(records)).not.toContain('example.org');
		const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
		expect(report.refused).toEqual([]);
		expect(report.dropped).toHaveLength(1);
		expect(report.dropped[0]).toMatchObject({ rule: 'repeated-ngrams', source: { line: 7 } });
		expect(report.skippedLines).toHaveLength(4);
		expect(report.redactions.map((r: { kind: string }) => r.kind)).toEqual(['email', 'phone']);
		const summary = readFileSync(join(out, 'summary.txt'), 'utf8');
		expect(summary).toContain(`records: ${records.length} (`);
		expect(summary).toContain('  repeated-ngrams: 1');
		expect(stdout.trimEnd()).toBe(summary.trimEnd());
	});

	it('drops exact and near duplicates, within the upload and against a datanet index it wrote', async () => {
		const original = readFileSync(join(root, 'animal-care.txt'), 'utf8');
		writeFileSync(join(root, 'copy.txt'), original);
		// A near-duplicate: the same text with a couple of words changed in every paragraph.
		writeFileSync(join(root, 'edited.txt'), original.replace(/\bthe\b/, 'a').replace(/\band\b/g, '&'));
		const first = join(root, 'out-dedupe');
		const { code } = await cli([join(root, 'animal-care.txt'), join(root, 'copy.txt'), '--out', first]);
		expect(code).toBe(0);
		const kept = readRecords(first);
		const report = JSON.parse(readFileSync(join(first, 'report.json'), 'utf8'));
		expect(report.duplicates.exact.length).toBe(kept.length);
		expect(report.duplicates.exact.every((d: { where: string }) => d.where === 'upload')).toBe(true);
		expect(readFileSync(join(first, 'summary.txt'), 'utf8')).toContain(`duplicates dropped: ${kept.length} exact`);

		// The first upload's index stands for the datanet: the edited copy collides with it.
		const second = join(root, 'out-against');
		const again = await cli([join(root, 'edited.txt'), '--out', second, '--against', join(first, 'dedupe-index.bin')]);
		expect(again.code).toBe(0);
		const against = JSON.parse(readFileSync(join(second, 'report.json'), 'utf8')).duplicates;
		const collisions = [...against.exact, ...against.near];
		expect(collisions.length).toBeGreaterThan(0);
		expect(collisions.every((d: { where: string }) => d.where === 'datanet')).toBe(true);
		expect(against.near.every((d: { jaccard: number }) => d.jaccard >= 0.75)).toBe(true);
	});

	it('prints one line per refused file, keeps the others and exits 1', async () => {
		const out = join(root, 'out-bad');
		const names = ['qa.jsonl', 'binary-renamed.txt', 'huge.txt', 'zip-bomb.docx', 'nope.txt'];
		const { code, stderr } = await cli([...names.map((f) => join(root, f)), '--out', out]);
		expect(code).toBe(1);
		const lines = stderr.trimEnd().split('\n');
		expect(lines).toEqual([
			`provena ingest: refused ${join(root, 'nope.txt')}: ${join(root, 'nope.txt')} does not exist; check the path.`,
			expect.stringMatching(
				/refused .*binary-renamed\.txt: .*binary-renamed\.txt is binary, not text \(a NUL byte at offset 8\)/
			),
			expect.stringMatching(/refused .*huge\.txt: .*huge\.txt is 50 MiB, over the 5 MiB limit per file/),
			expect.stringMatching(
				/refused .*zip-bomb\.docx: .*would expand to 200 MiB once unzipped, over the 64 MiB limit \(a zip bomb\?\)/
			)
		]);
		expect(readRecords(out).map((r) => r.source.line)).toEqual([1, 2, 4]);
		const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
		expect(report.refused).toHaveLength(4);
		expect(report.summary).toMatchObject({ files: 5, refusedFiles: 4 });
	});

	it('rejects usage mistakes', async () => {
		await expect(run(['--out', root])).rejects.toThrow(CliUsageError);
		await expect(run([join(root, 'qa.jsonl')])).rejects.toThrow('--out is required.');
		await expect(run([join(root, 'qa.jsonl'), '--out', root, '--max-tokens', '0'])).rejects.toThrow(
			'--max-tokens must be an integer ≥ 1, got "0".'
		);
	});

	it('reports a tokenizer folder that is not one', async () => {
		const { code, stderr } = await cli([join(root, 'qa.jsonl'), '--out', join(root, 'x'), '--tokenizer', root]);
		expect(code).toBe(1);
		expect(stderr).toMatch(/^provena ingest: could not read .*tokenizer\.json; pass --tokenizer with a folder/);
	});

	it('runs from the provena entry point with a non-zero exit for a refused file', () => {
		const child = spawnSync(
			process.execPath,
			[
				'src/cli/provena.ts',
				'ingest',
				join(root, 'animal-care.txt'),
				join(root, 'binary-renamed.txt'),
				'--out',
				join(root, 'out-cli')
			],
			{ encoding: 'utf8' }
		);
		expect(child.status).toBe(1);
		expect(child.stdout).toContain('files: 2 (1 refused)');
		expect(child.stderr).toContain('binary-renamed.txt is binary, not text');
		expect(readRecords(join(root, 'out-cli')).length).toBeGreaterThan(0);
	});
});
