import { beforeAll, describe, expect, it } from 'vitest';
import type { ContributedRecord } from '../../ingest/records/parseRecordsJsonl.ts';
import { loadDefaultModel, type DefaultModel } from './defaultModel.testing.ts';
import { EmptyTrainingSourceError, NoTrainingExamplesError } from './errors.ts';
import { buildTrainingExamples, encodePrompt } from './trainingExamples.ts';

let model: DefaultModel;
beforeAll(async () => {
	model = await loadDefaultModel();
});

const pair: ContributedRecord = { id: 'p1', kind: 'pair', prompt: 'What is a cat?', response: 'A cat is an animal.' };
const text: ContributedRecord = { id: 't1', kind: 'text', text: 'The cat sat on the mat, and the dog sat on the log.' };

function maskedIds(example: { tokenIds: number[]; lossMask: number[] }): number[] {
	return example.tokenIds.filter((_, t) => example.lossMask[t] === 1);
}

describe('buildTrainingExamples', () => {
	it('a pair is the chat template, with the loss on the response and its end-of-turn token only', () => {
		const { tokenizer, stopTokenIds } = model;
		const { examples, skipped, truncated } = buildTrainingExamples([{ label: 'qa', records: [pair] }], tokenizer, 128, {
			endOfTurnTokenIds: stopTokenIds
		});
		expect(skipped).toEqual([]);
		expect(truncated).toBe(0);
		const [example] = examples;
		expect(example!.kind).toBe('pair');
		expect(example!.lossMask).toHaveLength(example!.tokenIds.length);
		// The ids are the template's rendering of the conversation.
		const spans = tokenizer.encodeChatSpans([
			{ role: 'user', content: pair.prompt! },
			{ role: 'assistant', content: pair.response! }
		]);
		expect(example!.tokenIds).toEqual(spans.tokenIds.slice(0, spans.messages[1]!.end));
		// Nothing of the prompt or the assistant's header is a target; the response and <|im_end|> are.
		const prompt = encodePrompt(tokenizer, pair.prompt!);
		expect(example!.lossMask.slice(0, prompt.length).every((m) => m === 0)).toBe(true);
		const targets = maskedIds(example!);
		expect(tokenizer.decode(targets)).toBe(pair.response);
		expect(targets.at(-1)).toBe(2); // <|im_end|>
		expect(example!.tokenIds.at(-1)).toBe(13); // the template's newline after it: read, not learned
		expect(example!.lossMask.at(-1)).toBe(0);
		expect(targets).toHaveLength(example!.tokenIds.length - prompt.length - 1);
	});

	it('a text record trains on every token after the first', () => {
		const { examples } = buildTrainingExamples([{ label: 'notes', records: [text] }], model.tokenizer, 128);
		const [example] = examples;
		expect(example!.kind).toBe('text');
		expect(example!.tokenIds).toEqual(model.tokenizer.encode(text.text!));
		expect(example!.lossMask).toEqual(example!.tokenIds.map((_, t) => (t === 0 ? 0 : 1)));
	});

	it('cuts long examples, counts them, and skips a pair whose prompt leaves no room for the response', () => {
		const longPrompt = { ...pair, id: 'p2', prompt: 'Tell me about the weather in Paris. '.repeat(4) };
		const { examples, skipped, truncated, targetTokens } = buildTrainingExamples(
			[
				{ label: 'a', records: [text, pair] },
				{ label: 'b', records: [longPrompt] }
			],
			model.tokenizer,
			16
		);
		expect(examples.map((e) => [e.recordId, e.sourceIndex, e.tokenIds.length, e.truncated])).toEqual([
			['t1', 0, 16, true],
			['p1', 0, 16, true]
		]);
		expect(truncated).toBe(2);
		expect(targetTokens).toBe(examples.reduce((sum, e) => sum + e.lossMask.reduce((s, m) => s + m, 0), 0));
		expect(skipped).toHaveLength(1);
		expect(skipped[0]).toMatchObject({ recordId: 'p2', sourceIndex: 1 });
		expect(skipped[0]!.reason).toMatch(/prompt takes \d+ tokens.*raise the sequence length/);
	});

	it('refuses an empty source by its label, and data that gives no example at all', () => {
		expect(() =>
			buildTrainingExamples(
				[
					{ label: 'qa.jsonl', records: [pair] },
					{ label: 'datanet 7 v2', records: [] }
				],
				model.tokenizer,
				128
			)
		).toThrow(EmptyTrainingSourceError);
		expect(() => buildTrainingExamples([{ label: 'datanet 7 v2', records: [] }], model.tokenizer, 128)).toThrow(
			/"datanet 7 v2" has no records/
		);
		const noResponse: ContributedRecord = { id: 'p3', kind: 'pair', prompt: 'Hello?' };
		expect(() => buildTrainingExamples([{ label: 'x', records: [noResponse] }], model.tokenizer, 128)).toThrow(
			NoTrainingExamplesError
		);
	});
});
