// An answer as attribution reads it: the prompt and the answer as one example whose targets are the answer's tokens,
// rendered the way training rendered its records (a chat pair through the model's chat template, ending with the
// end-of-turn token; plain text otherwise), so an answer that repeats a training response has the same tokens.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { buildTrainingExamples } from '../factory/trainingExamples.ts';
import type { ModelTokenizer } from '../tokenizer/hfTokenizer.ts';
import type { GradientExample } from './exampleGradient.ts';

/** An answer that cannot be attributed as given; the message says why and what to do. */
export class AnswerInputError extends ProvenaError {
	override name = 'AnswerInputError';
}

/**
 * The example of `answer` to `prompt`: with `chat`, a user turn and an assistant turn in the chat template (what the
 * chat page sends and generates); without, the prompt's tokens then the answer's.
 *
 * @example
 * const example = answerExample(tokenizer, config, { prompt: 'Who runs the ferry?', answer: 'Ada Quill.', chat: true, endOfTurnTokenIds: [2] });
 */
export function answerExample(
	tokenizer: ModelTokenizer,
	config: Pick<ModelConfig, 'maxPositionEmbeddings'>,
	input: { prompt: string; answer: string; chat: boolean; endOfTurnTokenIds?: readonly number[] }
): GradientExample {
	if (input.answer.trim() === '')
		throw new AnswerInputError('The answer is empty: there is nothing to attribute. Give the text the model answered.');
	let example: GradientExample;
	if (input.chat) {
		const built = buildTrainingExamples(
			[{ label: 'answer', records: [{ id: 'answer', prompt: input.prompt, response: input.answer }] }],
			tokenizer,
			Number.MAX_SAFE_INTEGER,
			input.endOfTurnTokenIds ? { endOfTurnTokenIds: input.endOfTurnTokenIds } : {}
		);
		example = built.examples[0]!;
	} else {
		const promptIds = input.prompt === '' ? [] : tokenizer.encode(input.prompt);
		const answerIds = tokenizer.encode(input.answer);
		example = {
			tokenIds: [...promptIds, ...answerIds],
			lossMask: [...promptIds.map(() => 0), ...answerIds.map(() => 1)]
		};
	}
	return checkAnswerExample(example, config);
}

/**
 * Refuses an example attribution cannot read: one longer than the model's context, or one with no answer tokens.
 *
 * @example
 * checkAnswerExample({ tokenIds: [...promptIds, ...answerIds], lossMask }, config);
 */
export function checkAnswerExample(
	example: GradientExample,
	config: Pick<ModelConfig, 'maxPositionEmbeddings'>
): GradientExample {
	if (example.tokenIds.length !== example.lossMask.length)
		throw new AnswerInputError(
			`The answer has ${example.tokenIds.length} tokens but ${example.lossMask.length} loss-mask entries.`
		);
	if (!example.lossMask.some((m, t) => m === 1 && t > 0))
		throw new AnswerInputError('The answer is empty: there is nothing to attribute. Give the text the model answered.');
	if (example.tokenIds.length > config.maxPositionEmbeddings)
		throw new AnswerInputError(
			`The prompt and answer take ${example.tokenIds.length} tokens, more than the model's context of ${config.maxPositionEmbeddings}: the model cannot have written this answer to this prompt. Shorten the prompt or attribute a shorter answer.`,
			{ data: { tokens: example.tokenIds.length, context: config.maxPositionEmbeddings } }
		);
	return example;
}
