import { describe, expect, it } from 'vitest';
import { parseCsv } from './parseCsv.ts';

describe('parseCsv', () => {
	it('follows RFC 4180: quoted commas, doubled quotes, line breaks inside quotes, CRLF', () => {
		expect(parseCsv('a,"b, c","say ""hi"""\r\n"multi\nline",2,\r\n').rows).toEqual([
			{ line: 1, fields: ['a', 'b, c', 'say "hi"'] },
			{ line: 2, fields: ['multi\nline', '2', ''] }
		]);
	});

	it('keeps a last row without a newline and reports an unterminated quote', () => {
		expect(parseCsv('x,y\n1,2').rows).toEqual([
			{ line: 1, fields: ['x', 'y'] },
			{ line: 2, fields: ['1', '2'] }
		]);
		expect(parseCsv('x\n"open\nstill open').unterminatedQuoteAt).toBe(2);
	});
});
