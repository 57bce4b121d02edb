// The record format the ingest pipeline writes, one JSON object per line of records.jsonl. Everything downstream
// (dedupe, curation, training, attribution) reads this shape, so it is documented here once.

/** Where a record came from in its contributed file. */
export type RecordSource = {
	/** The file's name as contributed. */
	file: string;
	/** The 1-based line (JSONL) or the row's first line (CSV). */
	line?: number;
	/** The 1-based page (PDF). */
	page?: number;
};

/**
 * One LLM-ready record.
 *
 * - `id`: sha-256 (lower-case hex) of {@link recordText}: the cleaned, NFC-normalised content. Equal content gives
 *   an equal id in any file, so exact deduplication is a comparison of ids.
 * - `kind: 'text'`: a chunk of plain text (`text`), cut at paragraph, then sentence, boundaries to at most the
 *   pipeline's `maxTokens` tokens of the base model's tokenizer. A document's heading starts a new record and opens
 *   it, on a line of its own followed by a blank line; paragraphs are separated by blank lines, lines within one
 *   (list items, table rows, a PDF's lines) by single line breaks.
 * - `kind: 'pair'`: a prompt/response pair (`prompt`, `response`), kept whole; from JSONL or CSV
 *   (prompt/response, instruction/output or question/answer fields).
 * - `tokens`: the base model's token count: of `text`, or of `prompt` plus that of `response`.
 * - `source`: the file and, where known, line or page.
 *
 * @example
 * {"id":"9f2c…","kind":"text","text":"A contract is …","source":{"file":"law.pdf","page":1},"tokens":41}
 * {"id":"1ab4…","kind":"pair","prompt":"What is consideration?","response":"Something of value …","source":{"file":"qa.jsonl","line":3},"tokens":19}
 */
export type IngestRecord =
	| { id: string; kind: 'text'; text: string; source: RecordSource; tokens: number }
	| { id: string; kind: 'pair'; prompt: string; response: string; source: RecordSource; tokens: number };

/** Counts a text's tokens with the base model's tokenizer; passed in so the pipeline works with any model. */
export type TokenCount = (text: string) => number;

/** The content fields any record-like object may carry (ingest records, and records dedupe is given). */
export type RecordContent = { text?: string; prompt?: string; response?: string };

/**
 * The content a record's id, quality filters and deduplication look at: the text, or prompt and response
 * separated by a blank line (a missing half left out).
 *
 * @example
 * recordText({ kind: 'pair', prompt: 'Q?', response: 'A.' }); // 'Q?\n\nA.'
 */
export function recordText(record: RecordContent): string {
	if (record.text !== undefined) return record.text;
	return [record.prompt ?? '', record.response ?? ''].filter((part) => part !== '').join('\n\n');
}
