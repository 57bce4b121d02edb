import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD } from './dedupe/dedupeIndex.ts';
import { jaccard, shingleHashes } from './dedupe/shingles.ts';
import { CONTRACT_LAW, replaceWords } from './dedupe/testTexts.ts';
import type { IngestSource } from './ingestFile.ts';
import { fileSource, prepareContribution, SNIPPET_CHARS, type PrepareProgress } from './prepareContribution.ts';
import { truncateAtWord } from '../shared/format/truncateAtWord.ts';
import { recordText, type IngestRecord } from './records/recordSchema.ts';
import { sample, sampleSource, tinyTokenCount } from './testdata/samples.ts';

const tokenCount = tinyTokenCount();
const base = { tokenCount, redact: false, against: [] };

const sha256 = (bytes: Uint8Array) => `0x${createHash('sha256').update(bytes).digest('hex')}`;

function memorySource(name: string, text: string): IngestSource {
	const bytes = new TextEncoder().encode(text);
	return { name, size: bytes.byteLength, read: async () => bytes };
}

/** Long prose records as JSONL, the shape a contributor's dataset export has. */
const longJsonl = (texts: readonly string[]) => texts.map((text) => JSON.stringify({ text }) + '\n').join('');
/** Room for a whole CONTRACT_LAW paragraph in one record, so a record and its edited copy line up. */
const whole = { ...base, maxTokens: 2048 };

const parseJsonl = (bytes: Uint8Array): IngestRecord[] =>
	new TextDecoder()
		.decode(bytes)
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as IngestRecord);

describe('prepareContribution', () => {
	it('turns a PDF and a JSONL file into records.jsonl bytes with their sha-256', async () => {
		const progress: PrepareProgress[] = [];
		const sources = [sampleSource('contract-law.pdf'), sampleSource('qa.jsonl')];
		const prepared = await prepareContribution(sources, { ...base, onProgress: (p) => progress.push(p) });

		expect(new Set(prepared.kept.map((r) => r.source.file))).toEqual(new Set(['contract-law.pdf', 'qa.jsonl']));
		expect(prepared.kept.some((r) => r.kind === 'text' && r.source.page !== undefined)).toBe(true);
		expect(prepared.kept.some((r) => r.kind === 'pair')).toBe(true);
		expect(prepared.ingest.records.length).toBe(prepared.kept.length + prepared.exact.length + prepared.near.length);
		expect(parseJsonl(prepared.jsonl)).toEqual(prepared.kept);
		expect(new TextDecoder().decode(prepared.jsonl).endsWith('\n')).toBe(true);
		expect(prepared.contentHash).toBe(sha256(prepared.jsonl));
		expect(prepared.contentHash).toMatch(/^0x[0-9a-f]{64}$/);
		expect(prepared.byteSize).toBe(prepared.jsonl.byteLength);
		expect(prepared.recordCount).toBe(prepared.kept.length);
		expect(prepared.tokenCount).toBe(prepared.kept.reduce((sum, r) => sum + r.tokens, 0));

		const total = sources.reduce((sum, s) => sum + s.size, 0);
		expect(progress.filter((p) => p.phase === 'extract')).toEqual([
			{ phase: 'extract', done: sources[0]!.size, total, file: 'contract-law.pdf' },
			{ phase: 'extract', done: total, total, file: 'qa.jsonl' }
		]);
		// No datanet to index: straight from extract to dedupe, which ends at every record.
		expect(progress.some((p) => p.phase === 'index')).toBe(false);
		expect(progress.at(-1)).toEqual({
			phase: 'dedupe',
			done: prepared.ingest.records.length,
			total: prepared.ingest.records.length
		});
	});

	it('finds a lightly edited copy of a datanet contribution and names the contribution it collides with', async () => {
		const first = await prepareContribution([memorySource('contracts.jsonl', longJsonl(CONTRACT_LAW))], whole);
		expect(first.recordCount).toBe(CONTRACT_LAW.length);

		const edited = replaceWords(CONTRACT_LAW[1]!, [12, 70], 'pelican');
		const fresh = await prepareContribution([sampleSource('animal-care.txt')], base);
		const progress: PrepareProgress[] = [];
		const second = await prepareContribution([memorySource('contracts-v2.jsonl', longJsonl([edited]))], {
			...whole,
			against: [
				{ contributionId: '1', jsonl: fresh.jsonl },
				{ contributionId: '3', jsonl: first.jsonl }
			],
			onProgress: (p) => progress.push(p)
		});

		expect(second.kept).toEqual([]);
		expect(second.exact).toEqual([]);
		const original = first.kept[1]!;
		const expectedJaccard = jaccard(shingleHashes(edited), shingleHashes(recordText(original)));
		expect(expectedJaccard).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
		expect(expectedJaccard).toBeLessThan(1);
		expect(second.collisions).toEqual([
			{
				id: second.ingest.records[0]!.id,
				withId: original.id,
				where: 'datanet',
				contributionId: '3',
				jaccard: expectedJaccard,
				exact: false,
				text: truncateAtWord(edited, SNIPPET_CHARS),
				withText: truncateAtWord(CONTRACT_LAW[1]!, SNIPPET_CHARS)
			}
		]);
		expect(second.jsonl.byteLength).toBe(0);
		expect(second.contentHash).toBe(sha256(new Uint8Array()));

		const indexed = fresh.recordCount + first.recordCount;
		expect(progress.filter((p) => p.phase === 'index').at(-1)).toEqual({
			phase: 'index',
			done: indexed,
			total: indexed
		});
		expect(progress.map((p) => p.phase)).toEqual(['extract', 'index', 'dedupe']);
	});

	it('reports the same files uploaded again as exact collisions, skipping malformed lines of existing contributions', async () => {
		const sources = () => [sampleSource('contract-law.pdf'), sampleSource('qa.jsonl')];
		const first = await prepareContribution(sources(), base);
		const broken = new TextEncoder().encode(
			'{"id": "torn", "text": "cut off mid-wri\nnot json at all\n[1, 2]\n{"id": 7, "text": "a number id"}\n\n'
		);
		const again = await prepareContribution(sources(), {
			...base,
			against: [
				{ contributionId: 'broken', jsonl: broken },
				{ contributionId: '7', jsonl: first.jsonl }
			]
		});

		expect(again.kept).toEqual([]);
		expect(again.near).toEqual([]);
		expect(again.collisions).toHaveLength(first.recordCount);
		for (const [i, collision] of again.collisions.entries()) {
			const record = first.kept[i]!;
			expect(collision).toEqual({
				id: record.id,
				withId: record.id,
				where: 'datanet',
				contributionId: '7',
				jaccard: 1,
				exact: true,
				text: truncateAtWord(recordText(record), SNIPPET_CHARS),
				withText: truncateAtWord(recordText(record), SNIPPET_CHARS)
			});
		}
	});

	it('with no datanet contributions, deduplicates within the upload only', async () => {
		const qa = new TextDecoder().decode(sample('qa.jsonl'));
		const prepared = await prepareContribution(
			[sampleSource('qa.jsonl'), fileSource(new File([qa], 'qa-copy.jsonl')), sampleSource('animal-care.txt')],
			base
		);
		const fromQa = prepared.ingest.records.filter((r) => r.source.file === 'qa.jsonl');
		expect(fromQa.length).toBeGreaterThan(0);
		expect(prepared.kept.map((r) => r.source.file)).toEqual([
			...fromQa.map(() => 'qa.jsonl'),
			...prepared.kept.filter((r) => r.source.file === 'animal-care.txt').map(() => 'animal-care.txt')
		]);
		expect(prepared.collisions.map((c) => [c.id, c.withId, c.where, c.exact, c.contributionId])).toEqual(
			fromQa.map((r) => [r.id, r.id, 'upload', true, undefined])
		);
		expect(prepared.collisions.every((c) => c.text === c.withText && c.text.length > 0)).toBe(true);
	});

	it('rejects when aborted, before starting or between phases', async () => {
		const aborted = AbortSignal.abort();
		await expect(prepareContribution([sampleSource('qa.jsonl')], { ...base, signal: aborted })).rejects.toThrow(
			/abort/i
		);

		const first = await prepareContribution([memorySource('contracts.jsonl', longJsonl(CONTRACT_LAW))], base);
		const controller = new AbortController();
		const phases: string[] = [];
		const run = prepareContribution([sampleSource('qa.jsonl')], {
			...base,
			against: [{ contributionId: '1', jsonl: first.jsonl }],
			signal: controller.signal,
			onProgress: (p) => {
				phases.push(p.phase);
				if (p.phase === 'index') controller.abort();
			}
		});
		await expect(run).rejects.toThrow(/abort/i);
		expect(phases).not.toContain('dedupe');
	});
});
