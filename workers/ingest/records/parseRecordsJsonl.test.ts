import { describe, expect, it } from 'vitest';
import { parseRecordsJsonl } from './parseRecordsJsonl.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseRecordsJsonl', () => {
	it('reads text and pair records in order, keeping their fields', () => {
		const { records, badLines } = parseRecordsJsonl(
			bytes(
				'{"id":"a","kind":"text","text":"Hello there.","source":{"file":"x.txt"},"tokens":3}\n\n{"id":"b","kind":"pair","prompt":"Q?","response":"A.","source":{"file":"q.jsonl","line":2},"tokens":4}\n'
			)
		);
		expect(badLines).toBe(0);
		expect(records.map((r) => r.id)).toEqual(['a', 'b']);
		expect(records[1]).toMatchObject({ kind: 'pair', prompt: 'Q?', response: 'A.', tokens: 4, source: { line: 2 } });
	});

	it('counts and skips lines that are not records', () => {
		const { records, badLines } = parseRecordsJsonl(
			bytes('not json\n[1,2]\n{"text":"no id"}\n{"id":"c","text":""}\n{"id":"d","text":5}\n{"id":"e","text":"kept"}')
		);
		expect(records.map((r) => r.id)).toEqual(['e']);
		expect(badLines).toBe(5);
	});
});
