import { describe, expect, it } from 'vitest';
import { NotUtf8TextError } from '../errors.ts';
import { sample } from '../testdata/samples.ts';
import { decodeUtf8 } from './decodeUtf8.ts';

describe('decodeUtf8', () => {
	it('decodes UTF-8 and drops a BOM', () => {
		expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9]), 'a.txt')).toBe('café');
	});

	it('refuses a binary file renamed .txt, naming the NUL byte offset', () => {
		expect(() => decodeUtf8(sample('binary-renamed.txt'), 'binary-renamed.txt')).toThrow(NotUtf8TextError);
		expect(() => decodeUtf8(sample('binary-renamed.txt'), 'binary-renamed.txt')).toThrow(
			'binary-renamed.txt is binary, not text (a NUL byte at offset 8)'
		);
	});

	it('refuses Latin-1 text with the offset of the first invalid byte', () => {
		expect(() => decodeUtf8(sample('latin1.txt'), 'latin1.txt')).toThrow(
			'not valid UTF-8 (an invalid byte at offset 3)'
		);
	});

	it('finds overlong forms, surrogates and truncated sequences', () => {
		const offsetOf = (bytes: number[]) => {
			try {
				decodeUtf8(new Uint8Array(bytes), 'x.txt');
			} catch (error) {
				return Number(/offset (\d+)/.exec((error as Error).message)?.[1]);
			}
			return -1;
		};
		expect(offsetOf([0x61, 0xc0, 0xaf])).toBe(1);
		expect(offsetOf([0x61, 0x62, 0xed, 0xa0, 0x80])).toBe(2);
		expect(offsetOf([0x61, 0xe2, 0x82])).toBe(1);
	});
});
