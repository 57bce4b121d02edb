import { describe, expect, it } from 'vitest';
import { fitPromptToContext, PromptTooLongError, type ChatPromptSpans } from './fitPromptToContext.ts';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** A chat laid out like a template: [BOS] then each message's tokens, then a 2-token generation prompt. */
function chat(messages: [role: string, length: number][]): ChatPromptSpans {
	const tokenIds = [1];
	const spans = [];
	for (const [role, length] of messages) {
		const start = tokenIds.length;
		tokenIds.push(...range(100 * (spans.length + 1), 100 * (spans.length + 1) + length));
		spans.push({ role, start, end: tokenIds.length });
	}
	tokenIds.push(7, 8);
	return { tokenIds, messages: spans };
}

describe('fitPromptToContext, plain prompt', () => {
	it('leaves a prompt that fits alone', () => {
		const fit = fitPromptToContext(range(0, 10), { maxPositionEmbeddings: 32, maxNewTokens: 22 });
		expect(fit).toStrictEqual({ tokenIds: range(0, 10), truncatedTokens: 0, droppedMessages: 0, maxNewTokens: 22 });
	});

	it('keeps the most recent tokens, leaving room for the new ones, with a notice', () => {
		const fit = fitPromptToContext(range(0, 100), { maxPositionEmbeddings: 64, maxNewTokens: 16 });
		expect(fit.tokenIds).toStrictEqual(range(52, 100));
		expect(fit.truncatedTokens).toBe(52);
		expect(fit.maxNewTokens).toBe(16);
		expect(fit.notice).toBe(
			"The prompt is 100 tokens and the model's context 64; to leave room for 16 new tokens, only its last 48 tokens were used. Shorten the prompt to keep all of it."
		);
		expect(fit.maxNewTokensNotice).toBeUndefined();
	});

	it('lowers maxNewTokens past the context to what fits beside the whole prompt, with its own notice', () => {
		const fit = fitPromptToContext(range(0, 5), { maxPositionEmbeddings: 64, maxNewTokens: 500 });
		expect(fit.tokenIds).toStrictEqual(range(0, 5));
		expect(fit.maxNewTokens).toBe(59);
		expect(fit.notice).toBeUndefined();
		expect(fit.maxNewTokensNotice).toBe(
			"At most 59 new tokens fit after the 5-token prompt in the model's 64-token context, not the 500 asked for; generation stops there."
		);
	});

	it('keeps at least half the context for a long prompt when maxNewTokens is huge', () => {
		const fit = fitPromptToContext(range(0, 100), { maxPositionEmbeddings: 64, maxNewTokens: 500 });
		expect(fit.tokenIds).toStrictEqual(range(68, 100));
		expect(fit.maxNewTokens).toBe(32);
		expect(fit.notice).toContain('only its last 32 tokens were used');
		expect(fit.maxNewTokensNotice).toContain('At most 32 new tokens fit after the 32-token prompt');
	});
});

describe('fitPromptToContext, chat', () => {
	const conversation = chat([
		['system', 10],
		['user', 20],
		['assistant', 20],
		['user', 20],
		['assistant', 20],
		['user', 15]
	]);

	it('keeps the whole chat when it fits', () => {
		const fit = fitPromptToContext(conversation, { maxPositionEmbeddings: 128, maxNewTokens: 20 });
		expect(fit.tokenIds).toStrictEqual(conversation.tokenIds);
		expect(fit.notice).toBeUndefined();
	});

	it('keeps BOS, the system message and the newest whole turns, starting at a user turn', () => {
		// 1 + 10 + 15 + 2 = 28 fixed; budget 100 - 16 = 84 leaves room for 56 more: the last assistant (20) and
		// user (20) turns fit, the first assistant turn (20) does not.
		const fit = fitPromptToContext(conversation, { maxPositionEmbeddings: 100, maxNewTokens: 16 });
		const [, , , user2, , user3] = conversation.messages;
		const expected = [
			1,
			...conversation.tokenIds.slice(1, 11),
			...conversation.tokenIds.slice(user2!.start, user3!.end),
			7,
			8
		];
		expect(fit.tokenIds).toStrictEqual(expected);
		expect(fit.droppedMessages).toBe(2);
		expect(fit.truncatedTokens).toBe(conversation.tokenIds.length - expected.length);
		expect(fit.maxNewTokens).toBe(16);
		expect(fit.notice).toBe(
			"The prompt is 108 tokens and the model's context 100; to leave room for 16 new tokens, the 2 oldest messages were left out (40 tokens). Shorten the prompt to keep all of it."
		);
	});

	it('drops an assistant turn left opening the conversation', () => {
		const fit = fitPromptToContext(conversation, { maxPositionEmbeddings: 90, maxNewTokens: 1 });
		// budget 89: 28 fixed + 20 (assistant2) + 20 (user2) = 68 fits; + 20 (assistant1) = 88 fits too, but then the
		// kept turns would open with an assistant message, so it goes.
		expect(fit.droppedMessages).toBe(2);
		expect(fit.tokenIds.length).toBe(68);
	});

	it('lowers maxNewTokens when only the newest message fits, with a notice', () => {
		const fit = fitPromptToContext(conversation, { maxPositionEmbeddings: 40, maxNewTokens: 64 });
		expect(fit.tokenIds).toStrictEqual([
			1,
			...conversation.tokenIds.slice(1, 11),
			...conversation.tokenIds.slice(conversation.messages[5]!.start)
		]);
		expect(fit.maxNewTokens).toBe(12);
		expect(fit.maxNewTokensNotice).toContain('At most 12 new tokens fit after the 28-token prompt');
	});

	it('refuses when even the newest message cannot fit', () => {
		const error = (() => {
			try {
				fitPromptToContext(conversation, { maxPositionEmbeddings: 28, maxNewTokens: 8 });
			} catch (e) {
				return e as PromptTooLongError;
			}
		})();
		expect(error).toBeInstanceOf(PromptTooLongError);
		expect(error!.shortMessage).toBe(
			"The newest message is 15 tokens; with the system message and the chat template that makes 28 tokens, but the model's context is 28 tokens, with at least one left for the reply. Shorten the message or the system message."
		);
	});

	it('refuses spans that overlap', () => {
		expect(() =>
			fitPromptToContext(
				{
					tokenIds: range(0, 10),
					messages: [
						{ role: 'user', start: 0, end: 6 },
						{ role: 'user', start: 5, end: 9 }
					]
				},
				{ maxPositionEmbeddings: 8, maxNewTokens: 1 }
			)
		).toThrow(/overlap/);
	});
});
