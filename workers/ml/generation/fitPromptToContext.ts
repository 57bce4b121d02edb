// A decoder attends to at most max_position_embeddings positions: the prompt plus every token it generates must
// fit, or RoPE runs past what the model was trained on and the KV cache outgrows its buffers. Rather than fail
// deep inside the engine, the prompt is cut to fit before generation — keeping the most recent text, and for a
// chat the system message and whole turns — and the caller gets a notice to show. When even the newest message
// cannot fit, the prompt is refused with the numbers.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import type { ChatPromptSpans } from '../tokenizer/chatPromptSpans.ts';

export type { ChatPromptSpans };

/** Even the most recent message (with the system message) does not fit the model's context. */
export class PromptTooLongError extends ProvenaError {
	override name = 'PromptTooLongError';
}

/** The model's context and what the caller wants to generate. */
export type FitPromptOptions = {
	/** The model's context (config.maxPositionEmbeddings). */
	maxPositionEmbeddings: number;
	/** How many tokens the caller wants to generate. */
	maxNewTokens: number;
};

/** What {@link fitPromptToContext} returns. */
export type FitPromptResult = {
	/** The prompt to run: the input, or its most recent part. */
	tokenIds: number[];
	/** How many prompt tokens were dropped (0 when it fitted). */
	truncatedTokens: number;
	/** How many whole chat messages were dropped (0 for a plain prompt). */
	droppedMessages: number;
	/** maxNewTokens, lowered when it would not fit beside the prompt. */
	maxNewTokens: number;
	/** For the user, when the prompt was shortened. */
	notice?: string;
	/** For the user, when maxNewTokens was lowered. */
	maxNewTokensNotice?: string;
};

/**
 * Fits a prompt and its generation into the model's context: room for `maxNewTokens` (at most half the context)
 * is kept by dropping the oldest prompt tokens — for a chat, the oldest whole messages after the system message —
 * and maxNewTokens is lowered to what fits beside the prompt that remains.
 *
 * @example
 * const fit = fitPromptToContext(ids, { maxPositionEmbeddings: 2048, maxNewTokens: 256 });
 * if (fit.notice) showNotice(fit.notice); // "The prompt is 2400 tokens; …kept the last 1792."
 */
export function fitPromptToContext(
	prompt: readonly number[] | ChatPromptSpans,
	options: FitPromptOptions
): FitPromptResult {
	const context = options.maxPositionEmbeddings;
	if (!Number.isSafeInteger(context) || context < 2)
		throw new PromptTooLongError(`The model's context of ${context} positions cannot hold a prompt and a reply.`);
	if (!Number.isSafeInteger(options.maxNewTokens) || options.maxNewTokens < 0)
		throw new PromptTooLongError(`maxNewTokens must be an integer ≥ 0, got ${options.maxNewTokens}.`);
	// Room is kept for the reply, but never more than half the context: asking for more new tokens than the
	// model can hold should shorten the reply, not throw away the prompt.
	const reserve = Math.min(options.maxNewTokens, Math.floor(context / 2));
	const result = Array.isArray(prompt)
		? fitPlain(prompt as readonly number[], context - reserve)
		: fitChat(prompt as ChatPromptSpans, context, reserve);
	const maxNewTokens = Math.min(options.maxNewTokens, context - result.tokenIds.length);
	const fit: FitPromptResult = {
		tokenIds: result.tokenIds,
		truncatedTokens: result.truncatedTokens,
		droppedMessages: result.droppedMessages,
		maxNewTokens
	};
	const total = Array.isArray(prompt) ? prompt.length : (prompt as ChatPromptSpans).tokenIds.length;
	if (fit.truncatedTokens > 0)
		fit.notice =
			`The prompt is ${total} tokens and the model's context ${context}; to leave room for ${maxNewTokens} new ` +
			(fit.droppedMessages > 0
				? `tokens, the ${fit.droppedMessages} oldest message${fit.droppedMessages === 1 ? ' was' : 's were'} left out (${fit.truncatedTokens} tokens).`
				: `tokens, only its last ${fit.tokenIds.length} tokens were used.`) +
			' Shorten the prompt to keep all of it.';
	if (maxNewTokens < options.maxNewTokens)
		fit.maxNewTokensNotice =
			`At most ${maxNewTokens} new tokens fit after the ${fit.tokenIds.length}-token prompt in the model's ` +
			`${context}-token context, not the ${options.maxNewTokens} asked for; generation stops there.`;
	return fit;
}

function fitPlain(tokenIds: readonly number[], budget: number) {
	const kept = tokenIds.length > budget ? tokenIds.slice(tokenIds.length - budget) : [...tokenIds];
	return { tokenIds: kept, truncatedTokens: tokenIds.length - kept.length, droppedMessages: 0 };
}

function fitChat({ tokenIds, messages }: ChatPromptSpans, context: number, reserve: number) {
	let previousEnd = 0;
	for (const { start, end } of messages)
		if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && previousEnd <= start && start <= end))
			throw new PromptTooLongError('The chat message spans are out of order or overlap; this is a bug in the caller.');
		else previousEnd = end;
	if (previousEnd > tokenIds.length || messages.length === 0)
		throw new PromptTooLongError('The chat message spans do not lie within the prompt; this is a bug in the caller.');
	if (tokenIds.length + reserve <= context) return { tokenIds: [...tokenIds], truncatedTokens: 0, droppedMessages: 0 };

	// A message owns its span and the gap before it, so dropping it leaves no stray template tokens behind.
	const first = messages[0]!.start;
	const last = messages.at(-1)!.end;
	const owned = messages.map((m, i) => ({ role: m.role, from: i === 0 ? first : messages[i - 1]!.end, to: m.end }));
	const system = owned[0]!.role === 'system' && owned.length > 1 ? owned[0] : undefined;
	const fixed = first + (tokenIds.length - last) + (system ? system.to - system.from : 0);
	const newest = owned.at(-1)!;
	const minimum = fixed + (newest.to - newest.from);
	if (minimum + 1 > context)
		throw new PromptTooLongError(
			`The newest message is ${newest.to - newest.from} tokens; with ${system ? 'the system message and ' : ''}the ` +
				`chat template that makes ${minimum} tokens, but the model's context is ${context} tokens, with at least one ` +
				'left for the reply. Shorten the message' +
				(system ? ' or the system message.' : '.'),
			{ details: `prompt ${tokenIds.length} tokens, context ${context}` }
		);
	// Keep the reply's room when the newest message allows it; otherwise shrink the reply, not the message.
	const budget = Math.max(context - reserve, minimum);
	let keptFrom = owned.length - 1;
	let size = minimum;
	while (keptFrom - 1 > (system ? 0 : -1) && size + owned[keptFrom - 1]!.to - owned[keptFrom - 1]!.from <= budget) {
		keptFrom--;
		size += owned[keptFrom]!.to - owned[keptFrom]!.from;
	}
	// A conversation that opens with the assistant's half of a dropped exchange reads as nonsense to the model.
	const firstTurn = system ? 1 : 0;
	while (keptFrom > firstTurn && keptFrom < owned.length - 1 && owned[keptFrom]!.role === 'assistant') keptFrom++;
	const kept = [...tokenIds.slice(0, first)];
	if (system) kept.push(...tokenIds.slice(system.from, system.to));
	kept.push(...tokenIds.slice(owned[keptFrom]!.from, last), ...tokenIds.slice(last));
	const droppedMessages = keptFrom - (system ? 1 : 0);
	return { tokenIds: kept, truncatedTokens: tokenIds.length - kept.length, droppedMessages };
}
