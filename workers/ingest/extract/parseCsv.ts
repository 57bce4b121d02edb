// An RFC 4180 CSV reader: quoted fields may hold commas, doubled quotes and line breaks, so rows are not lines.
// Each row keeps the line number it starts on, for reporting.

/** One parsed row and the 1-based line it starts on. */
export type CsvRow = { line: number; fields: string[] };

/** Parsed rows, and where an unterminated quote made the parser stop (if it did). */
export type ParsedCsv = { rows: CsvRow[]; unterminatedQuoteAt?: number };

/**
 * Parses CSV text into rows of fields (CRLF or LF line ends; a trailing newline adds no row).
 *
 * @example
 * parseCsv('a,"b ""c"""\n1,2').rows; // [{ line: 1, fields: ['a', 'b "c"'] }, { line: 2, fields: ['1', '2'] }]
 */
export function parseCsv(text: string): ParsedCsv {
	const rows: CsvRow[] = [];
	let fields: string[] = [];
	let field = '';
	let line = 1;
	let rowLine = 1;
	let i = 0;
	let quoted = false;
	let quoteStart = 0;
	while (i < text.length) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				quoted = false;
			} else {
				if (c === '\n') line++;
				field += c;
			}
			i++;
			continue;
		}
		if (c === '"' && field === '') {
			quoted = true;
			quoteStart = line;
		} else if (c === ',') {
			fields.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			fields.push(field);
			rows.push({ line: rowLine, fields });
			fields = [];
			field = '';
			if (c === '\r' && text[i + 1] === '\n') i++;
			line++;
			rowLine = line;
		} else field += c;
		i++;
	}
	if (quoted) return { rows, unterminatedQuoteAt: quoteStart };
	if (field !== '' || fields.length > 0) rows.push({ line: rowLine, fields: [...fields, field] });
	return { rows };
}
