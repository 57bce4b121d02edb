// What every extractor returns: units of text or prompt/response pairs, each with where it came from, plus the
// problems found in lines that were skipped (a malformed JSONL line does not refuse the whole file). Text keeps the
// document's structure as blocks, because headings decide where records start (see records/chunkBlocks.ts).

/**
 * A block of text: a heading, or body text (paragraphs, list items, code, table rows). A body block may hold several
 * paragraphs separated by blank lines; plain text with no markup is one body block.
 */
export type TextBlock = { kind: 'heading' | 'body'; text: string };

/** One piece of extracted content, before cleaning and chunking. */
export type ExtractedUnit =
	| { kind: 'text'; blocks: TextBlock[]; line?: number; page?: number }
	| { kind: 'pair'; prompt: string; response: string; line?: number };

/** A line (JSONL) or row (CSV) that was skipped, with why. */
export type LineProblem = { line: number; reason: string };

/** The result of extracting one file. */
export type ExtractedDocument = { units: ExtractedUnit[]; problems: LineProblem[] };

/** The field pairs recognised as prompt/response, in order of preference. */
export const PAIR_FIELDS = [
	['prompt', 'response'],
	['instruction', 'output'],
	['question', 'answer']
] as const;

/** Plain text with no structure, as one body block. */
export const plainBlocks = (text: string): TextBlock[] => [{ kind: 'body', text }];

/** The blocks' text as one string, blocks separated by blank lines (offsets of redactions count in this string). */
export const blocksText = (blocks: TextBlock[]): string => blocks.map((block) => block.text).join('\n\n');
