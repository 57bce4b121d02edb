// Writes a trained byte-level BPE as Hugging Face `tokenizer.json` and `tokenizer_config.json`, the pair that
// transformers.js (`AutoTokenizer.from_pretrained`), Python `tokenizers` and `transformers` load. Merges use the
// "a b" string form, which every version of those libraries reads; byte-level symbols never contain a space, so
// it is unambiguous.

import { TokenizerError } from './byteLevel.ts';
import type { TrainedBpe } from './trainBpe.ts';

/**
 * ChatML, as Qwen and many small chat models use it: `<|im_start|>role\ncontent<|im_end|>\n` per message.
 * Needs `<|im_start|>` and `<|im_end|>` among the special tokens.
 */
export const CHATML_CHAT_TEMPLATE =
	"{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

export type TokenizerJsonOptions = {
	/** The special tokens the tokenizer was trained with, in id order. */
	specialTokens: string[];
	/** A Jinja chat template for tokenizer_config.json, e.g. `CHATML_CHAT_TEMPLATE`; omitted when absent. */
	chatTemplate?: string;
	/** Default: the first special token. */
	bosToken?: string;
	/** Default: the first special token. */
	eosToken?: string;
	/** Default: the first special token. */
	padToken?: string;
	/** Default 2048. */
	modelMaxLength?: number;
};

/**
 * Builds tokenizer.json and tokenizer_config.json objects (serialise with JSON.stringify).
 *
 * @example
 * const trained = trainBpe(texts, { vocabSize: 2048, specialTokens });
 * const { tokenizerJson: tj, tokenizerConfig } = tokenizerJson(trained, { specialTokens, chatTemplate: CHATML_CHAT_TEMPLATE });
 * writeFileSync('tokenizer.json', JSON.stringify(tj));
 */
export function tokenizerJson(
	trained: TrainedBpe,
	options: TokenizerJsonOptions
): { tokenizerJson: Record<string, unknown>; tokenizerConfig: Record<string, unknown> } {
	const { specialTokens } = options;
	if (specialTokens.length === 0) throw new TokenizerError('At least one special token is needed (bos/eos/pad).');
	const specialIds = specialTokens.map((token) => {
		const id = trained.vocab.get(token);
		if (id === undefined) throw new TokenizerError(`Special token '${token}' is not in the vocabulary.`);
		return id;
	});
	const bosToken = options.bosToken ?? specialTokens[0]!;
	const eosToken = options.eosToken ?? specialTokens[0]!;
	const padToken = options.padToken ?? specialTokens[0]!;
	for (const token of [bosToken, eosToken, padToken]) {
		if (!specialTokens.includes(token)) throw new TokenizerError(`'${token}' is not one of the special tokens.`);
	}
	if (options.chatTemplate?.includes('<|im_start|>')) {
		for (const token of ['<|im_start|>', '<|im_end|>']) {
			if (!specialTokens.includes(token)) {
				throw new TokenizerError(`The chat template uses '${token}', which is not a special token.`);
			}
		}
	}

	// Sorted by id so the file reads in vocabulary order (integer-like keys such as "0" still come first in JS).
	const vocab: Record<string, number> = {};
	for (const [token, id] of [...trained.vocab].sort((a, b) => a[1] - b[1])) vocab[token] = id;

	const addedToken = (content: string) => ({
		content,
		single_word: false,
		lstrip: false,
		rstrip: false,
		normalized: false,
		special: true
	});
	const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };

	const json: Record<string, unknown> = {
		version: '1.0',
		truncation: null,
		padding: null,
		added_tokens: specialTokens.map((token, i) => ({ id: specialIds[i], ...addedToken(token) })),
		normalizer: null,
		pre_tokenizer: byteLevel,
		// trim_offsets false here: offsets of the encoded pieces should cover their leading spaces, as GPT-2's does.
		post_processor: { ...byteLevel, trim_offsets: false },
		decoder: byteLevel,
		model: {
			type: 'BPE',
			dropout: null,
			unk_token: null,
			continuing_subword_prefix: null,
			end_of_word_suffix: null,
			fuse_unk: false,
			byte_fallback: false,
			ignore_merges: false,
			vocab,
			merges: trained.merges.map(([a, b]) => `${a} ${b}`)
		}
	};

	const addedTokensDecoder: Record<string, unknown> = {};
	specialTokens.forEach((token, i) => (addedTokensDecoder[String(specialIds[i])] = addedToken(token)));
	const config: Record<string, unknown> = {
		tokenizer_class: 'PreTrainedTokenizerFast',
		add_bos_token: false,
		add_eos_token: false,
		bos_token: bosToken,
		eos_token: eosToken,
		pad_token: padToken,
		unk_token: null,
		model_max_length: options.modelMaxLength ?? 2048,
		clean_up_tokenization_spaces: false,
		added_tokens_decoder: addedTokensDecoder
	};
	if (options.chatTemplate !== undefined) config.chat_template = options.chatTemplate;
	return { tokenizerJson: json, tokenizerConfig: config };
}
