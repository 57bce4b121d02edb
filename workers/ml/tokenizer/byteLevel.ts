// GPT-2's byte-level alphabet and pre-tokenizer, exactly as the Hugging Face `ByteLevel` pre-tokenizer applies
// them (add_prefix_space false, use_regex true). Every byte maps to one printable character so that any UTF-8
// text becomes a string of 256 possible symbols: the base vocabulary never needs an unknown token. Plain
// TypeScript, no DOM: the worker, Node tests and the CLI share it.

import { ProvenaError } from '../../shared/errors/ProvenaError.ts';

/** Tokenizer data is inconsistent (a byte symbol unknown, a vocabulary too small, a special token repeated). */
export class TokenizerError extends ProvenaError {
	override name = 'TokenizerError';
}

/**
 * GPT-2's `bytes_to_unicode`: printable Latin-1 bytes map to themselves and the other 68 (controls, space,
 * soft hyphen…) to U+0100 onwards, so no symbol is whitespace or invisible. Index = byte.
 *
 * @example
 * BYTE_TO_UNICODE[0x20]; // 'Ġ' (a space)
 * BYTE_TO_UNICODE[0x0a]; // 'Ċ' (a newline)
 */
export const BYTE_TO_UNICODE: readonly string[] = (() => {
	const printable: number[] = [];
	for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
	for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
	for (let b = 0xae; b <= 0xff; b++) printable.push(b);
	const table: string[] = new Array(256);
	for (const b of printable) table[b] = String.fromCodePoint(b);
	let next = 0;
	for (let b = 0; b < 256; b++) {
		if (table[b] === undefined) table[b] = String.fromCodePoint(256 + next++);
	}
	return table;
})();

/**
 * The inverse of `BYTE_TO_UNICODE`.
 *
 * @example
 * UNICODE_TO_BYTE.get('Ġ'); // 32
 */
export const UNICODE_TO_BYTE: ReadonlyMap<string, number> = new Map(BYTE_TO_UNICODE.map((char, byte) => [char, byte]));

/**
 * GPT-2's split pattern. Contractions are matched case-sensitively, as in the original; `\s+(?!\S)` leaves the
 * last space of a run to prefix the following word, which is what makes ' word' a common token.
 */
export const GPT2_SPLIT_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/**
 * Splits text into pre-tokens (words) with the GPT-2 regex; their concatenation is the input.
 *
 * @example
 * splitGpt2('Hello  world!'); // ['Hello', ' ', ' world', '!']
 */
export function splitGpt2(text: string): string[] {
	// A fresh RegExp per call: the shared /g pattern carries lastIndex state and would break re-entrancy.
	return text.match(new RegExp(GPT2_SPLIT_PATTERN.source, 'gu')) ?? [];
}

const encoder = new TextEncoder();

/**
 * Maps a string's UTF-8 bytes to byte-level symbols (one character per byte).
 *
 * @example
 * toByteLevel(' é'); // 'ĠÃ©'
 */
export function toByteLevel(text: string): string {
	let out = '';
	for (const byte of encoder.encode(text)) out += BYTE_TO_UNICODE[byte];
	return out;
}

/**
 * Maps byte-level symbols back to the raw bytes they stand for; throws `TokenizerError` on a foreign character.
 *
 * @example
 * new TextDecoder().decode(fromByteLevel('ĠÃ©')); // ' é'
 */
export function fromByteLevel(symbols: string): Uint8Array {
	const bytes: number[] = [];
	for (const char of symbols) {
		const byte = UNICODE_TO_BYTE.get(char);
		if (byte === undefined) throw new TokenizerError(`'${char}' is not a byte-level symbol.`);
		bytes.push(byte);
	}
	return Uint8Array.from(bytes);
}

/**
 * Pre-tokenizes as the Hugging Face ByteLevel pre-tokenizer does: GPT-2 split, then each word to byte symbols.
 *
 * @example
 * preTokenizeByteLevel('Hi there'); // ['Hi', 'Ġthere']
 */
export function preTokenizeByteLevel(text: string): string[] {
	return splitGpt2(text).map(toByteLevel);
}

/**
 * Cuts text around special tokens, as Hugging Face's added-token pass does before pre-tokenization: a special
 * token is always whole, never part of a word. Longest token wins where two start at the same place.
 *
 * @example
 * splitOnSpecialTokens('a<|im_end|>b', ['<|im_end|>']); // [{ text: 'a', special: false }, { text: '<|im_end|>', special: true }, { text: 'b', special: false }]
 */
export function splitOnSpecialTokens(
	text: string,
	specialTokens: readonly string[]
): { text: string; special: boolean }[] {
	const tokens = specialTokens.filter((token) => token.length > 0);
	if (tokens.length === 0) return text ? [{ text, special: false }] : [];
	const escaped = [...tokens].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	const pattern = new RegExp(escaped.join('|'), 'g');
	const parts: { text: string; special: boolean }[] = [];
	let last = 0;
	for (const match of text.matchAll(pattern)) {
		if (match.index > last) parts.push({ text: text.slice(last, match.index), special: false });
		parts.push({ text: match[0], special: true });
		last = match.index + match[0].length;
	}
	if (last < text.length) parts.push({ text: text.slice(last), special: false });
	return parts;
}
