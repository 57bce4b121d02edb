import { describe, expect, it } from 'vitest';
import { recordText } from './recordSchema.ts';

describe('recordText', () => {
	it('prefers text, else joins prompt and response, skipping a missing half', () => {
		expect(recordText({ text: 'plain', prompt: 'ignored' })).toBe('plain');
		expect(recordText({ prompt: 'Q?', response: 'A.' })).toBe('Q?\n\nA.');
		expect(recordText({ response: 'A.' })).toBe('A.');
		expect(recordText({})).toBe('');
	});
});
