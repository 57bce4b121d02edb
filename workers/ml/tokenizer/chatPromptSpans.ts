// What the tokenizer gives for a chat, so generation can fit a long conversation to the context by whole turns.

/** A chat prompt: the templated token ids and where each message's tokens lie in them. */
export type ChatPromptSpans = {
	tokenIds: readonly number[];
	/**
	 * Each message's [start, end) in `tokenIds`, in order and not overlapping. Tokens before the first message
	 * (e.g. BOS) and after the last (the generation prompt) are always kept; tokens between two messages go with
	 * the later one.
	 */
	messages: readonly { role: string; start: number; end: number }[];
};
