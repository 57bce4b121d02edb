// JSONL: one JSON object per line, either `text` or a prompt/response pair (also instruction/output and
// question/answer). A malformed line is reported by its line number and skipped; the rest of the file still counts.
import {
	PAIR_FIELDS,
	plainBlocks,
	type ExtractedDocument,
	type ExtractedUnit,
	type LineProblem
} from './extractedDocument.ts';

/**
 * Reads JSONL text into units, with one problem per line that was not a usable object.
 *
 * @example
 * extractJsonl('{"text":"hi"}\nnot json\n').problems; // [{ line: 2, reason: 'not valid JSON (…)' }]
 */
export function extractJsonl(source: string): ExtractedDocument {
	const units: ExtractedUnit[] = [];
	const problems: LineProblem[] = [];
	source.split(/\r?\n/).forEach((raw, index) => {
		const line = index + 1;
		if (raw.trim() === '') return;
		let value: unknown;
		try {
			value = JSON.parse(raw);
		} catch (error) {
			problems.push({ line, reason: `not valid JSON (${(error as Error).message})` });
			return;
		}
		const unit = unitFromObject(value, line);
		if (typeof unit === 'string') problems.push({ line, reason: unit });
		else units.push(unit);
	});
	return { units, problems };
}

/** A unit from a parsed object, or why it is not one. Shared with the CSV reader, whose rows are objects too. */
export function unitFromObject(value: unknown, line: number): ExtractedUnit | string {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
	const record = value as Record<string, unknown>;
	for (const [promptField, responseField] of PAIR_FIELDS) {
		if (!(promptField in record) && !(responseField in record)) continue;
		const prompt = record[promptField];
		const response = record[responseField];
		if (typeof prompt !== 'string' || typeof response !== 'string' || !prompt.trim() || !response.trim())
			return `"${promptField}" and "${responseField}" must both be non-empty strings`;
		return { kind: 'pair', prompt, response, line };
	}
	if ('text' in record) {
		if (typeof record.text !== 'string' || !record.text.trim()) return '"text" must be a non-empty string';
		return { kind: 'text', blocks: plainBlocks(record.text), line };
	}
	return 'needs a "text" field or a prompt/response pair (prompt/response, instruction/output, question/answer)';
}
