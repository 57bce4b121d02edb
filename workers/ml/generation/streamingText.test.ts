import { describe, expect, it } from 'vitest';
import { createTextStream } from './streamingText.ts';

// A toy byte-level vocabulary: each id is one UTF-8 byte, so a multi-byte character spans several tokens.
const bytesOf = (text: string) => [...new TextEncoder().encode(text)];
const decode = (ids: number[]) => new TextDecoder().decode(Uint8Array.from(ids));

function streamAll(text: string, stops: string[] = []) {
	const stream = createTextStream(decode, stops);
	const deltas: string[] = [];
	let stopped = false;
	for (const id of bytesOf(text)) {
		const step = stream.push(id);
		deltas.push(step.delta);
		if (step.stopped) {
			stopped = true;
			break;
		}
	}
	return { deltas, stopped, final: stream.finish(), released: stream.text };
}

describe('createTextStream', () => {
	it('never releases half a character', () => {
		const { deltas, final } = streamAll('née → ok');
		expect(deltas.join('')).toBe('née → ok');
		expect(deltas.every((d) => !d.includes('\uFFFD'))).toBe(true);
		expect(final).toBe('née → ok');
	});

	it('ends at a stop string, releasing none of it, even when it arrives over several tokens', () => {
		const { deltas, stopped, final } = streamAll('Sunny today.\nUser: and tomorrow?', ['\nUser:']);
		expect(stopped).toBe(true);
		expect(deltas.join('')).toBe('Sunny today.');
		expect(final).toBe('Sunny today.');
	});

	it('holds back a possible stop-string prefix until it proves to be something else', () => {
		const stream = createTextStream(decode, ['</s>']);
		const out = bytesOf('a</b').map((id) => stream.push(id).delta);
		expect(out.join('')).toBe('a</b');
		// '<' alone was held: released only once '/b' ruled the stop string out.
		expect(out[1]).toBe('');
		expect(stream.finish()).toBe('a</b');
	});

	it('gives the held-back tail in finish() when generation ends for another reason', () => {
		const stream = createTextStream(decode, ['STOP']);
		for (const id of bytesOf('go ST')) stream.push(id);
		expect(stream.text).toBe('go ');
		expect(stream.finish()).toBe('go ST');
	});
});
