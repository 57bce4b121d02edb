import { describe, expect, it } from 'vitest';
import { IngestRefusedError } from '../errors.ts';
import { decodeUtf8 } from './decodeUtf8.ts';
import { extractCsv } from './extractCsv.ts';
import { sample } from '../testdata/samples.ts';

describe('extractCsv', () => {
	it('reads question/answer columns as pairs, with quoted commas, quotes and line breaks', () => {
		const { units, problems } = extractCsv(decodeUtf8(sample('vet-qa.csv'), 'vet-qa.csv'), 'vet-qa.csv');
		expect(units).toHaveLength(3);
		expect(units[1]).toMatchObject({ kind: 'pair', prompt: 'What does "FeLV" stand for?', line: 3 });
		expect(units[2]).toMatchObject({ line: 4 });
		expect(units[2]!.kind === 'pair' && units[2]!.response).toContain('in dogs,\neven in small amounts.');
		expect(problems).toEqual([{ line: 6, reason: 'has 1 fields, the header has 3' }]);
	});

	it('reads a text column', () => {
		expect(extractCsv('id,Text\n1,"Hello, world"\n', 't.csv').units).toEqual([
			{ kind: 'text', blocks: [{ kind: 'body', text: 'Hello, world' }], line: 2 }
		]);
	});

	it('refuses a header with no usable column', () => {
		expect(() => extractCsv('a,b\n1,2\n', 'numbers.csv')).toThrow(IngestRefusedError);
		expect(() => extractCsv('a,b\n1,2\n', 'numbers.csv')).toThrow(
			'numbers.csv has no "text" column and no prompt/response columns'
		);
	});
});
