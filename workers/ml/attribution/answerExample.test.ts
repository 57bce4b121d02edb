import { describe, expect, it } from 'vitest';
import { loadDefaultModel } from '../factory/defaultModel.testing.ts';
import { AnswerInputError, answerExample, checkAnswerExample } from './answerExample.ts';

describe('answerExample', async () => {
	const { files: model, tokenizer } = await loadDefaultModel();

	it('renders a chat answer as training renders a pair, and plain text as prompt then answer', () => {
		const chat = answerExample(tokenizer, model.config, { prompt: 'Who?', answer: 'Ada Quill.', chat: true });
		const targets = chat.tokenIds.filter((_, t) => chat.lossMask[t] === 1);
		expect(tokenizer.decode(targets)).toContain('Ada Quill.');
		expect(chat.lossMask[0]).toBe(0);
		const plain = answerExample(tokenizer, model.config, { prompt: 'Who?', answer: 'Ada Quill.', chat: false });
		expect(plain.tokenIds.filter((_, t) => plain.lossMask[t] === 1)).toEqual(tokenizer.encode('Ada Quill.'));
	});

	it('refuses an empty answer and one longer than the context, saying what to do', () => {
		expect(() => answerExample(tokenizer, model.config, { prompt: 'x', answer: ' ', chat: true })).toThrow(
			/The answer is empty: there is nothing to attribute/
		);
		const long = Array.from({ length: model.config.maxPositionEmbeddings + 1 }, () => 5);
		const error = (() => {
			try {
				checkAnswerExample({ tokenIds: long, lossMask: long.map(() => 1) }, model.config);
			} catch (e) {
				return e;
			}
		})();
		expect(error).toBeInstanceOf(AnswerInputError);
		expect((error as AnswerInputError).shortMessage).toMatch(
			/more than the model's context of \d+.*Shorten the prompt/
		);
	});
});
