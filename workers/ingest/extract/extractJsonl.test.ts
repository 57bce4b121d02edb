import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './decodeUtf8.ts';
import { extractJsonl } from './extractJsonl.ts';
import { sample } from '../testdata/samples.ts';

describe('extractJsonl', () => {
	const { units, problems } = extractJsonl(decodeUtf8(sample('qa.jsonl'), 'qa.jsonl'));

	it('reads text lines and all three pair spellings, with line numbers', () => {
		expect(units.map((u) => [u.kind, u.line])).toEqual([
			['pair', 1],
			['pair', 2],
			['text', 4],
			['text', 7]
		]);
		expect(units[1]).toMatchObject({ prompt: 'Explain what a counter-offer does.' });
	});

	it('reports malformed lines by number and keeps going', () => {
		expect(problems.map((p) => p.line)).toEqual([3, 5, 8]);
		expect(problems[0]!.reason).toMatch(/^not valid JSON/);
		expect(problems[1]!.reason).toContain('needs a "text" field or a prompt/response pair');
		expect(problems[2]!.reason).toBe('not a JSON object');
	});

	it('refuses a pair with a missing half', () => {
		expect(extractJsonl('{"prompt":"hi"}').problems[0]!.reason).toBe(
			'"prompt" and "response" must both be non-empty strings'
		);
	});
});
