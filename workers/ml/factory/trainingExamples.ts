// Records become training examples: token ids with a loss mask saying which tokens the adapter learns to predict.
// A prompt/response pair is rendered with the base model's chat template (user = prompt, assistant = response) and
// only the response and its end-of-turn token are targets, so the adapter learns to answer, not to ask; a text
// record is plain next-token text, every token after the first a target. Examples longer than the sequence length
// are cut (and counted); one left with no target is skipped with its reason.
import type { ContributedRecord } from '../../ingest/records/parseRecordsJsonl.ts';
import type { ModelTokenizer } from '../tokenizer/hfTokenizer.ts';
import { EmptyTrainingSourceError, NoTrainingExamplesError } from './errors.ts';

/** One data source of a run: a datanet version, or a records.jsonl given to the CLI. */
export type TrainingSource = {
	/** How the source is named in messages, the model card and training.json (a datanet version, a file path). */
	label: string;
	records: readonly ContributedRecord[];
};

/** One record as the trainer sees it. */
export type TrainingExample = {
	recordId: string;
	/** Index of the record's source in the sources given. */
	sourceIndex: number;
	kind: 'pair' | 'text';
	tokenIds: number[];
	/** Same length as tokenIds; lossMask[t] = 1 means token t is a target (predicted from the tokens before it). */
	lossMask: number[];
	/** The record was longer than the sequence length and was cut. */
	truncated: boolean;
};

/** A record that gave no example, and why. */
export type SkippedRecord = { recordId: string; sourceIndex: number; reason: string };

/** What {@link buildTrainingExamples} returns. */
export type TrainingExamples = {
	examples: TrainingExample[];
	skipped: SkippedRecord[];
	/** How many examples were cut to the sequence length. */
	truncated: number;
	/** Target tokens over all examples (what one epoch trains on). */
	targetTokens: number;
};

/** Options of {@link buildTrainingExamples}. */
export type BuildTrainingExamplesOptions = {
	/**
	 * The model's end-of-turn ids (its eos ids). When given, a pair's targets end at the last of them in the
	 * assistant's turn, so what the template puts after it (a newline) is read but not learned.
	 */
	endOfTurnTokenIds?: readonly number[];
};

/**
 * Tokenizes every record of every source into an example (or a skip reason). Throws EmptyTrainingSourceError for a
 * source with no records and NoTrainingExamplesError when no record gives an example.
 *
 * @example
 * const { examples, skipped } = buildTrainingExamples([{ label: 'qa.jsonl', records }], tokenizer, 128, {
 * 	endOfTurnTokenIds: [2]
 * });
 */
export function buildTrainingExamples(
	sources: readonly TrainingSource[],
	tokenizer: ModelTokenizer,
	maxSeqLength: number,
	options: BuildTrainingExamplesOptions = {}
): TrainingExamples {
	const examples: TrainingExample[] = [];
	const skipped: SkippedRecord[] = [];
	let truncated = 0;
	let targetTokens = 0;
	sources.forEach((source, sourceIndex) => {
		if (source.records.length === 0)
			throw new EmptyTrainingSourceError(
				`The data source "${source.label}" has no records: pick a version with approved records, or remove it.`,
				{ label: source.label }
			);
		for (const record of source.records) {
			const rendered = renderRecord(record, tokenizer, options);
			if ('reason' in rendered) {
				skipped.push({ recordId: record.id, sourceIndex, reason: rendered.reason });
				continue;
			}
			const cut = rendered.tokenIds.length > maxSeqLength;
			const tokenIds = rendered.tokenIds.slice(0, maxSeqLength);
			const lossMask = rendered.lossMask.slice(0, maxSeqLength);
			lossMask[0] = 0; // nothing precedes the first token, so it cannot be predicted
			const targets = lossMask.reduce((sum, m) => sum + m, 0);
			if (targets === 0) {
				skipped.push({ recordId: record.id, sourceIndex, reason: noTargetReason(rendered, maxSeqLength) });
				continue;
			}
			if (cut) truncated++;
			targetTokens += targets;
			examples.push({ recordId: record.id, sourceIndex, kind: rendered.kind, tokenIds, lossMask, truncated: cut });
		}
	});
	if (examples.length === 0)
		throw new NoTrainingExamplesError('No record gave a training example; see why for the first one below.', {
			...(skipped[0] ? { details: `record ${skipped[0].recordId}: ${skipped[0].reason}` } : {})
		});
	return { examples, skipped, truncated, targetTokens };
}

/**
 * A prompt as a pair's example starts: the chat template with the assistant's turn opened, or, for a model without
 * one, the prompt and a blank line. Greedy evaluation prompts the adapter the same way.
 *
 * @example
 * const ids = encodePrompt(tokenizer, 'What is consideration?');
 */
export function encodePrompt(tokenizer: ModelTokenizer, prompt: string): number[] {
	return tokenizer.hasChatTemplate
		? tokenizer.encodeChat([{ role: 'user', content: prompt }])
		: tokenizer.encode(`${prompt}\n\n`);
}

type Rendered = { kind: 'pair' | 'text'; tokenIds: number[]; lossMask: number[]; promptLength: number };

function renderRecord(
	record: ContributedRecord,
	tokenizer: ModelTokenizer,
	options: BuildTrainingExamplesOptions
): Rendered | { reason: string } {
	if (record.text !== undefined) {
		const tokenIds = tokenizer.encode(record.text);
		if (tokenIds.length < 2) return { reason: 'The text is shorter than two tokens: there is nothing to predict.' };
		return { kind: 'text', tokenIds, lossMask: tokenIds.map(() => 1), promptLength: 1 };
	}
	const prompt = record.prompt ?? '';
	const response = record.response ?? '';
	if (response === '') return { reason: 'The pair has no response to learn.' };
	let tokenIds: number[];
	if (tokenizer.hasChatTemplate) {
		const spans = tokenizer.encodeChatSpans([
			{ role: 'user', content: prompt },
			{ role: 'assistant', content: response }
		]);
		// The template renders with the generation prompt after the last message; the conversation ends before it.
		tokenIds = spans.tokenIds.slice(0, spans.messages[1]!.end);
	} else {
		// No template (a base model): prompt and response as one text, the prompt part read but not learned.
		tokenIds = tokenizer.encode(`${prompt}\n\n${response}`);
	}
	const promptIds = encodePrompt(tokenizer, prompt);
	// Targets start where the conversation stops matching the prompt alone: right after the assistant's header,
	// even if the tokenizer merged a token across that boundary.
	const start = commonPrefixLength(promptIds, tokenIds);
	const end = endOfTurnEnd(tokenIds, start, options.endOfTurnTokenIds);
	const lossMask = tokenIds.map((_, t) => (t >= start && t < end ? 1 : 0));
	return { kind: 'pair', tokenIds, lossMask, promptLength: start };
}

/** One past the last end-of-turn token at or after `start`; the end of the ids when there is none. */
function endOfTurnEnd(tokenIds: readonly number[], start: number, endOfTurn: readonly number[] | undefined): number {
	if (!endOfTurn || endOfTurn.length === 0) return tokenIds.length;
	for (let t = tokenIds.length - 1; t >= start; t--) if (endOfTurn.includes(tokenIds[t]!)) return t + 1;
	return tokenIds.length;
}

function commonPrefixLength(a: readonly number[], b: readonly number[]): number {
	let n = 0;
	while (n < a.length && n < b.length && a[n] === b[n]) n++;
	return n;
}

function noTargetReason(rendered: Rendered, maxSeqLength: number): string {
	if (rendered.kind === 'text') return 'The text is shorter than two tokens: there is nothing to predict.';
	return (
		`Its prompt takes ${rendered.promptLength} tokens, leaving no room for the response within ${maxSeqLength}: ` +
		'raise the sequence length or shorten the prompt.'
	);
}
