// The model's own tokenizer and chat template, through @huggingface/transformers, built from the files already
// loaded (tokenizer.json, tokenizer_config.json) rather than fetched by name, so a model from a URL, IPFS or the
// app's assets tokenizes the same way. Plain TS: the worker, the CLI and Node tests share it.
import { PreTrainedTokenizer } from '@huggingface/transformers';
import * as transformers from '@huggingface/transformers';
import { TokenizerError } from './byteLevel.ts';
import type { ChatPromptSpans } from './chatPromptSpans.ts';

/** A chat message as chat templates take it. */
export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

/** What generation needs from a tokenizer. */
export type ModelTokenizer = {
	/** Encodes plain text as the tokenizer's post-processor says (BOS and so on). */
	encode(text: string): number[];
	/** Encodes a conversation with the chat template, ending with the assistant's turn opened. */
	encodeChat(messages: readonly ChatMessage[]): number[];
	/** encodeChat, with where each message lies in the ids (for fitting a long chat to the context). */
	encodeChatSpans(messages: readonly ChatMessage[]): ChatPromptSpans;
	decode(ids: number[]): string;
	readonly hasChatTemplate: boolean;
};

/**
 * A tokenizer from tokenizer.json and tokenizer_config.json objects, of the class tokenizer_config names.
 *
 * @example
 * const tokenizer = hfTokenizer(files.tokenizerJson, files.tokenizerConfig);
 * const ids = tokenizer.encodeChat([{ role: 'user', content: 'Hello' }]);
 */
export function hfTokenizer(tokenizerJson: object, tokenizerConfig: object): ModelTokenizer {
	// As AutoTokenizer picks it: tokenizer_class without "Fast", or the base class.
	const className = String((tokenizerConfig as { tokenizer_class?: string }).tokenizer_class ?? '').replace(/Fast$/, '');
	const Known = (transformers as unknown as Record<string, typeof PreTrainedTokenizer | undefined>)[className];
	const TokenizerClass = Known && Known.prototype instanceof PreTrainedTokenizer ? Known : PreTrainedTokenizer;
	let tokenizer: PreTrainedTokenizer;
	try {
		tokenizer = new TokenizerClass(tokenizerJson, tokenizerConfig);
	} catch (error) {
		throw new TokenizerError('tokenizer.json could not be read as a Hugging Face tokenizer.', {
			details: error instanceof Error ? error.message : String(error),
			cause: error
		});
	}
	const hasChatTemplate = Boolean(tokenizer.chat_template);
	const applyTemplate = (messages: readonly ChatMessage[], addGenerationPrompt: boolean): number[] => {
		if (!hasChatTemplate) throw new TokenizerError('This model has no chat template; use plain completion instead of chat.');
		return tokenizer.apply_chat_template(messages as ChatMessage[], {
			add_generation_prompt: addGenerationPrompt,
			tokenize: true,
			return_tensor: false,
			return_dict: false
		}) as number[];
	};
	return {
		encode: (text) => tokenizer.encode(text),
		encodeChat(messages) {
			return applyTemplate(messages, true);
		},
		encodeChatSpans(messages) {
			// Each message ends where the template of the conversation up to it ends: templates render messages in
			// order, so the prefixes' lengths are the boundaries.
			const spans: ChatPromptSpans['messages'][number][] = [];
			let start = 0;
			for (let i = 0; i < messages.length; i++) {
				const end = applyTemplate(messages.slice(0, i + 1), false).length;
				spans.push({ role: messages[i]!.role, start, end });
				start = end;
			}
			return { tokenIds: applyTemplate(messages, true), messages: spans };
		},
		decode: (ids) => tokenizer.decode(ids, { skip_special_tokens: true }),
		hasChatTemplate
	};
}
