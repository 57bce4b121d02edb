// Strict UTF-8 decoding for the text formats. A binary file renamed .txt or a Latin-1 export would otherwise turn
// into replacement characters silently; here it is refused with the byte offset where the text stops being UTF-8.
import { NotUtf8TextError } from '../errors.ts';

/**
 * Decodes UTF-8 text (a leading BOM is dropped); throws NotUtf8TextError on NUL bytes or invalid sequences.
 *
 * @example
 * decodeUtf8(new TextEncoder().encode('héllo'), 'notes.txt'); // 'héllo'
 */
export function decodeUtf8(bytes: Uint8Array, fileName: string): string {
	const nul = bytes.indexOf(0);
	if (nul !== -1)
		throw new NotUtf8TextError(
			`${fileName} is binary, not text (a NUL byte at offset ${nul}); upload the original document or save it as UTF-8 text.`
		);
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch (error) {
		const offset = firstInvalidOffset(bytes);
		throw new NotUtf8TextError(
			`${fileName} is not valid UTF-8 (an invalid byte at offset ${offset}); re-save it as UTF-8 and upload it again.`,
			{ cause: error }
		);
	}
}

/** The offset of the first byte that starts an invalid UTF-8 sequence (TextDecoder does not say). */
function firstInvalidOffset(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i]!;
		const length =
			b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
		if (length === 0 || i + length > bytes.length) return i;
		for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
		// Overlong three/four-byte forms, surrogates and code points past U+10FFFF.
		const second = bytes[i + 1]!;
		if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f)) return i;
		if ((b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
		i += length;
	}
	return bytes.length;
}
