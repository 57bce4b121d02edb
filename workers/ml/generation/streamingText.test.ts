import { describe, expect, it } from 'vitest';
import { createTextStream, displayableText } from './streamingText.ts';

// A toy byte-level vocabulary: each id is one UTF-8 byte, so a multi-byte character spans several tokens. The
// decoder is TextDecoder's, as in transformers.js's byte-level decoder: one U+FFFD per broken sequence.
const bytesOf = (text: string) => [...new TextEncoder().encode(text)];
const decode = (ids: number[]) => new TextDecoder().decode(Uint8Array.from(ids));

function streamIds(ids: number[], stops: string[] = []) {
	const stream = createTextStream(decode, stops);
	const deltas: string[] = [];
	let stopped = false;
	for (const id of ids) {
		const step = stream.push(id);
		deltas.push(step.delta);
		if (step.stopped) {
			stopped = true;
			break;
		}
	}
	return { deltas, stopped, final: stream.finish(), released: stream.text };
}
const streamAll = (text: string, stops: string[] = []) => streamIds(bytesOf(text), stops);
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

describe('createTextStream', () => {
	it('never releases half a character: é (2 bytes), → (3 bytes) and an emoji (4 bytes) split byte by byte', () => {
		const text = 'née → ok 🙂!';
		const { deltas, final } = streamAll(text);
		expect(deltas.join('')).toBe(text);
		expect(deltas.every((d) => !d.includes('\uFFFD'))).toBe(true);
		// The emoji's first three bytes released nothing; its fourth released the whole emoji at once.
		const emojiAt = bytesOf('née → ok ').length;
		expect(deltas.slice(emojiAt, emojiAt + 3)).toEqual(['', '', '']);
		expect(deltas[emojiAt + 3]).toBe('🙂');
		expect(final).toBe(text);
	});

	it('splits a character across multi-byte tokens too', () => {
		// Tokens of two bytes each: [n, 0xC3], [0xA9, e]: é is split between them.
		const tokens = [[0x6e, 0xc3], [0xa9, 0x65]];
		const stream = createTextStream((ids) => decode(ids.flatMap((id) => tokens[id]!)));
		expect(stream.push(0).delta).toBe('n');
		expect(stream.push(1).delta).toBe('ée');
	});

	it('drops bytes that can never form a character instead of showing U+FFFD', () => {
		// A lone continuation byte, a lead byte followed by ASCII, and an overlong encoding, among good text.
		const ids = [...bytesOf('a'), 0x80, ...bytesOf('b'), 0xe2, 0x82, ...bytesOf('c'), 0xc0, 0xaf, ...bytesOf('d é')];
		const { deltas, final } = streamIds(ids);
		expect(deltas.join('')).toBe('abcd é');
		expect(final).toBe('abcd é');
	});

	it('drops an incomplete character left at the end of the stream', () => {
		const { deltas, final } = streamIds([...bytesOf('ok '), 0xf0, 0x9f, 0x99]);
		expect(deltas.join('')).toBe('ok ');
		expect(final).toBe('ok ');
	});

	it('keeps newlines and tabs but never shows other control characters', () => {
		const { deltas, final } = streamIds([...bytesOf('a\tb\n'), 0x03, 0x1b, 0x7f, 0x0d, ...bytesOf('c'), 0xc2, 0x85]);
		expect(deltas.join('')).toBe('a\tb\nc');
		expect(final).toBe('a\tb\nc');
		expect(deltas.some((d) => CONTROL.test(d))).toBe(false);
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

describe('displayableText', () => {
	it('removes U+FFFD and control characters but newline and tab, and nothing else', () => {
		expect(displayableText('h\uFFFDi\u0003\u001b[0m\r\n\t\u0085ü🙂')).toBe('hi[0m\n\tü🙂');
	});
});
