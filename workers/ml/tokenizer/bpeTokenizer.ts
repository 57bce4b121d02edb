// A small byte-level BPE encoder/decoder over the data `trainBpe` produces (or a Hugging Face tokenizer.json of
// the same shape), so Node code and tests can tokenize without transformers.js. Encoding applies merges by rank,
// lowest first, leftmost first on ties, which is what Hugging Face `tokenizers` does for byte-level BPE.

import { TokenizerError, fromByteLevel, preTokenizeByteLevel, splitOnSpecialTokens } from './byteLevel.ts';
import type { TrainedBpe } from './trainBpe.ts';

/** Inputs for `BpeTokenizer`: the trained vocabulary and merges, and which tokens are special. */
export type BpeTokenizerData = TrainedBpe & { specialTokens: string[] };

/**
 * Encodes text to ids and back. Special tokens in the text become their single id and are never split.
 *
 * @example
 * const tokenizer = new BpeTokenizer({ ...trainBpe(texts, { vocabSize: 512, specialTokens }), specialTokens });
 * tokenizer.decode(tokenizer.encode('héllo<|im_end|>')); // 'héllo<|im_end|>'
 */
export class BpeTokenizer {
	readonly vocab: ReadonlyMap<string, number>;
	readonly specialTokens: readonly string[];
	readonly #idToToken: string[] = [];
	readonly #ranks = new Map<string, number>();
	readonly #specialIds = new Set<number>();
	// Words repeat heavily in real text; caching their encodings makes encode roughly linear in new words.
	readonly #cache = new Map<string, number[]>();

	constructor(data: BpeTokenizerData) {
		this.vocab = data.vocab;
		this.specialTokens = data.specialTokens;
		for (const [token, id] of data.vocab) this.#idToToken[id] = token;
		data.merges.forEach(([a, b], rank) => {
			const key = `${a} ${b}`;
			// The first rank of a repeated merge is the one that applies.
			if (!this.#ranks.has(key)) this.#ranks.set(key, rank);
		});
		for (const token of data.specialTokens) {
			const id = data.vocab.get(token);
			if (id === undefined) throw new TokenizerError(`Special token '${token}' is not in the vocabulary.`);
			this.#specialIds.add(id);
		}
	}

	/**
	 * Builds a tokenizer from a parsed Hugging Face tokenizer.json (BPE model, "a b" or [a, b] merges).
	 *
	 * @example
	 * const tokenizer = BpeTokenizer.fromTokenizerJson(JSON.parse(text));
	 */
	static fromTokenizerJson(json: {
		added_tokens?: { content: string; special?: boolean }[];
		model: { vocab: Record<string, number>; merges: (string | [string, string])[] };
	}): BpeTokenizer {
		const merges = json.model.merges.map((merge): [string, string] => {
			if (Array.isArray(merge)) return [merge[0], merge[1]];
			const space = merge.indexOf(' ');
			if (space <= 0) throw new TokenizerError(`Malformed merge '${merge}'.`);
			return [merge.slice(0, space), merge.slice(space + 1)];
		});
		const specialTokens = (json.added_tokens ?? []).filter((t) => t.special !== false).map((t) => t.content);
		return new BpeTokenizer({ vocab: new Map(Object.entries(json.model.vocab)), merges, specialTokens });
	}

	/**
	 * Text to token ids.
	 *
	 * @example
	 * tokenizer.encode('<|im_start|>user'); // [1, ...]
	 */
	encode(text: string): number[] {
		const ids: number[] = [];
		for (const part of splitOnSpecialTokens(text, this.specialTokens)) {
			if (part.special) {
				ids.push(this.vocab.get(part.text)!);
				continue;
			}
			for (const word of preTokenizeByteLevel(part.text)) ids.push(...this.#encodeWord(word));
		}
		return ids;
	}

	/**
	 * Token ids to text; invalid UTF-8 (a character cut between tokens) becomes U+FFFD, as in Hugging Face.
	 *
	 * @example
	 * tokenizer.decode([0]); // '<|endoftext|>'
	 */
	decode(ids: readonly number[]): string {
		const decoder = new TextDecoder('utf-8', { fatal: false });
		let text = '';
		let symbols = '';
		const flush = () => {
			if (symbols) text += decoder.decode(fromByteLevel(symbols));
			symbols = '';
		};
		for (const id of ids) {
			const token = this.#idToToken[id];
			if (token === undefined) throw new TokenizerError(`Token id ${id} is not in the vocabulary.`);
			if (this.#specialIds.has(id)) {
				flush();
				text += token;
			} else symbols += token;
		}
		flush();
		return text;
	}

	#encodeWord(word: string): number[] {
		const cached = this.#cache.get(word);
		if (cached) return cached;
		let parts = Array.from(word);
		while (parts.length > 1) {
			let bestRank = Infinity;
			let bestIndex = -1;
			for (let i = 0; i + 1 < parts.length; i++) {
				const rank = this.#ranks.get(`${parts[i]} ${parts[i + 1]}`);
				if (rank !== undefined && rank < bestRank) {
					bestRank = rank;
					bestIndex = i;
				}
			}
			if (bestIndex < 0) break;
			const left = parts[bestIndex]!;
			const right = parts[bestIndex + 1]!;
			// Merge every occurrence of the best pair, left to right, as one step.
			const next: string[] = [];
			for (let i = 0; i < parts.length; i++) {
				if (i + 1 < parts.length && parts[i] === left && parts[i + 1] === right) {
					next.push(left + right);
					i++;
				} else next.push(parts[i]!);
			}
			parts = next;
		}
		const ids = parts.map((part) => {
			const id = this.vocab.get(part);
			if (id === undefined) throw new TokenizerError(`Token '${part}' is missing from the vocabulary.`);
			return id;
		});
		if (this.#cache.size < 100_000) this.#cache.set(word, ids);
		return ids;
	}
}
