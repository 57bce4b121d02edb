// What every extractor returns: units of text or prompt/response pairs, each with where it came from, plus the
// problems found in lines that were skipped (a malformed JSONL line does not refuse the whole file).

/** One piece of extracted content, before cleaning and chunking. */
export type ExtractedUnit =
	| { kind: 'text'; text: string; line?: number; page?: number }
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
