// CSV with a header row: a `text` column gives text units, prompt/response (or instruction/output,
// question/answer) columns give pairs. Rows that do not fit are reported by line number and skipped.
import { IngestRefusedError } from '../errors.ts';
import { PAIR_FIELDS, type ExtractedDocument, type ExtractedUnit, type LineProblem } from './extractedDocument.ts';
import { unitFromObject } from './extractJsonl.ts';
import { parseCsv } from './parseCsv.ts';

/**
 * Reads CSV text into units; throws IngestRefusedError when the header names no usable column.
 *
 * @example
 * extractCsv('prompt,response\n"Hi, there",Hello\n', 'chat.csv').units; // [{ kind: 'pair', … line: 2 }]
 */
export function extractCsv(text: string, fileName: string): ExtractedDocument {
	const parsed = parseCsv(text);
	const [header, ...rows] = parsed.rows;
	const names = (header?.fields ?? []).map((name) => name.trim().toLowerCase());
	const usable = names.includes('text') || PAIR_FIELDS.some(([p, r]) => names.includes(p) && names.includes(r));
	if (!usable)
		throw new IngestRefusedError(
			`${fileName} has no "text" column and no prompt/response columns in its header row (found: ${names.join(', ') || 'nothing'}); rename the columns and upload it again.`
		);
	const units: ExtractedUnit[] = [];
	const problems: LineProblem[] = [];
	for (const row of rows) {
		if (row.fields.length === 1 && row.fields[0]!.trim() === '') continue;
		if (row.fields.length !== names.length) {
			problems.push({ line: row.line, reason: `has ${row.fields.length} fields, the header has ${names.length}` });
			continue;
		}
		const object = Object.fromEntries(names.map((name, index) => [name, row.fields[index]]));
		// Only the columns that matter, so an empty unrelated column does not change the outcome.
		const unit = unitFromObject(pick(object), row.line);
		if (typeof unit === 'string') problems.push({ line: row.line, reason: unit });
		else units.push(unit);
	}
	if (parsed.unterminatedQuoteAt !== undefined)
		problems.push({
			line: parsed.unterminatedQuoteAt,
			reason: 'a quoted field is never closed; the rest of the file was skipped'
		});
	return { units, problems };
}

/** A pair when the row fills one, else its text: a file may mix both kinds of row. */
function pick(object: Record<string, string | undefined>): Record<string, string> {
	const pair = PAIR_FIELDS.find(([p, r]) => object[p] !== undefined && object[r] !== undefined);
	const text = object.text ?? '';
	if (pair && (text.trim() === '' || object[pair[0]]!.trim() !== '' || object[pair[1]]!.trim() !== ''))
		return { [pair[0]]: object[pair[0]]!, [pair[1]]: object[pair[1]]! };
	return { text };
}
