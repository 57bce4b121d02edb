import { describe, expect, it } from 'vitest';
import { buildRecords } from './buildRecords.ts';
import { sha256Hex } from './recordId.ts';
import { recordText } from './recordSchema.ts';
import { sample, tinyTokenCount } from '../testdata/samples.ts';
import { extractJsonl } from '../extract/extractJsonl.ts';
import { decodeUtf8 } from '../extract/decodeUtf8.ts';
import { plainBlocks } from '../extract/extractedDocument.ts';

const tokenCount = tinyTokenCount();

describe('buildRecords', () => {
	it('builds pair and text records from a real JSONL file, with content-hash ids and sources', async () => {
		const { units } = extractJsonl(decodeUtf8(sample('qa.jsonl'), 'qa.jsonl'));
		const { records, dropped } = await buildRecords(units, { file: 'qa.jsonl', maxTokens: 256, tokenCount });
		expect(dropped).toEqual([]);
		expect(records.map((r) => [r.kind, r.source.line])).toEqual([
			['pair', 1],
			['pair', 2],
			['text', 4],
			['text', 7]
		]);
		const pair = records[0]!;
		expect(pair.id).toBe(await sha256Hex(recordText(pair)));
		expect(pair.id).toMatch(/^[0-9a-f]{64}$/);
		if (pair.kind !== 'pair') throw new Error('expected a pair');
		expect(pair.tokens).toBe(tokenCount(pair.prompt) + tokenCount(pair.response));
		expect(pair.source).toEqual({ file: 'qa.jsonl', line: 1 });
	});

	it('gives equal content equal ids across files', async () => {
		const unit = { kind: 'text' as const, blocks: plainBlocks('The same paragraph in two files.') };
		const a = await buildRecords([unit], { file: 'a.txt', maxTokens: 256, tokenCount });
		const b = await buildRecords([unit], { file: 'b.txt', maxTokens: 256, tokenCount });
		expect(a.records[0]!.id).toBe(b.records[0]!.id);
	});

	it('keeps pairs whole and drops one over the limit with its reason', async () => {
		const unit = {
			kind: 'pair' as const,
			prompt: 'Summarise the law of contract.',
			response: 'A long answer. '.repeat(40),
			line: 9
		};
		const { records, dropped } = await buildRecords([unit], { file: 'long.jsonl', maxTokens: 32, tokenCount });
		expect(records).toEqual([]);
		expect(dropped[0]).toMatchObject({
			rule: 'too-many-tokens',
			threshold: 32,
			record: { source: { file: 'long.jsonl', line: 9 } }
		});
		expect(dropped[0]!.message).toMatch(/^the pair has \d+ tokens, over the 32-token limit; pairs are kept whole/);
	});

	it('chunks text units and keeps their page', async () => {
		const text = Array.from(
			{ length: 6 },
			(_, i) => `Paragraph ${i} says something about contracts and the courts that enforce them.`
		).join('\n\n');
		const { records } = await buildRecords([{ kind: 'text', blocks: plainBlocks(text), page: 2 }], {
			file: 'x.pdf',
			maxTokens: 40,
			tokenCount
		});
		expect(records.length).toBeGreaterThan(1);
		for (const r of records) {
			expect(r.tokens).toBeLessThanOrEqual(40);
			expect(r.source).toEqual({ file: 'x.pdf', page: 2 });
		}
	});

	it('moves headings that end a page to the text that opens the next one', async () => {
		const units = [
			{
				kind: 'text' as const,
				blocks: [
					...plainBlocks('The brood nest is kept warm by the workers all winter.'),
					{ kind: 'heading' as const, text: 'Inspections' }
				],
				page: 1
			},
			{
				kind: 'text' as const,
				blocks: plainBlocks('Open the hive on a warm, still day and work from the side.'),
				page: 2
			}
		];
		const { records } = await buildRecords(units, { file: 'bees.pdf', maxTokens: 256, tokenCount });
		expect(records.map((r) => [r.source.page, recordText(r)])).toEqual([
			[1, 'The brood nest is kept warm by the workers all winter.'],
			[2, 'Inspections\n\nOpen the hive on a warm, still day and work from the side.']
		]);
	});
});
