// The streamer the decode benchmark times transformers.js with: the first put is the prompt, the rest are tokens.
import { describe, expect, it } from 'vitest';
import { tokenRecorder } from './tokenRecorder.ts';

describe('tokenRecorder', () => {
	it('keeps the prompt apart from the generated tokens, each with its arrival time', () => {
		const recorder = tokenRecorder();
		recorder.put([[5n, 6n, 7n]]);
		recorder.put([[9n]]);
		recorder.put([[2n]]);
		recorder.end();
		expect(recorder.promptIds).toEqual([5, 6, 7]);
		expect(recorder.tokenIds).toEqual([9, 2]);
		expect(recorder.tokens[1]!.at).toBeGreaterThanOrEqual(recorder.tokens[0]!.at);
	});
});
