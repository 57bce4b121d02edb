// Deterministic byte-level BPE training, compatible with Hugging Face `tokenizers` models: special tokens take
// ids 0..k-1, the 256 byte symbols follow in byte order, then one token per merge. Words are counted once with
// their frequency; pair counts are updated incrementally (only words containing the merged pair are touched)
// and the best pair comes from a lazy max-heap, so a merge costs what it changes, not a recount of the corpus.

import { TokenizerError, preTokenizeByteLevel, splitOnSpecialTokens, BYTE_TO_UNICODE } from './byteLevel.ts';

export type TrainBpeOptions = {
	/** Final vocabulary size including special tokens and the 256 byte symbols; training may stop earlier. */
	vocabSize: number;
	/** Special tokens, given ids 0..k-1 in this order (e.g. ['<|endoftext|>', '<|im_start|>', '<|im_end|>']). */
	specialTokens: string[];
	/** A pair seen fewer times than this is never merged (default 2: a pair seen once is memorisation, not a pattern). */
	minFrequency?: number;
};

/** A trained tokenizer: token → id, and merges in rank order. */
export type TrainedBpe = { vocab: Map<string, number>; merges: [string, string][] };

// Pair keys pack two symbol ids into one float64-safe number; ids stay below 2^21.
const ID_LIMIT = 2 ** 21;

type HeapEntry = { count: number; key: number };

/**
 * Trains a byte-level BPE tokenizer. Same texts and options give the same vocabulary and merges, on any engine:
 * the most frequent pair wins, ties go to the lexicographically smallest pair (first symbol, then second).
 * Special tokens found in the texts are cut out and never take part in merges.
 *
 * @example
 * const { vocab, merges } = trainBpe(['aaab aaab'], { vocabSize: 262, specialTokens: ['<|endoftext|>'] });
 * merges[0]; // ['a', 'a']
 */
export function trainBpe(texts: Iterable<string>, options: TrainBpeOptions): TrainedBpe {
	const { vocabSize, specialTokens } = options;
	const minFrequency = options.minFrequency ?? 2;
	if (new Set(specialTokens).size !== specialTokens.length) {
		throw new TokenizerError('Special tokens must be unique.', { details: specialTokens.join(', ') });
	}
	if (specialTokens.some((token) => token.length === 0)) throw new TokenizerError('A special token is empty.');
	const minimum = specialTokens.length + 256;
	if (!Number.isInteger(vocabSize) || vocabSize < minimum || vocabSize > ID_LIMIT) {
		throw new TokenizerError(`vocabSize must be an integer from ${minimum} to ${ID_LIMIT}.`, {
			details: `Got ${vocabSize} with ${specialTokens.length} special tokens.`
		});
	}

	// Symbols are vocabulary ids; `symbols[id]` is the token text.
	const vocab = new Map<string, number>();
	const symbols: string[] = [];
	const addSymbol = (token: string): number => {
		const existing = vocab.get(token);
		if (existing !== undefined) return existing;
		vocab.set(token, symbols.length);
		symbols.push(token);
		return symbols.length - 1;
	};
	for (const token of specialTokens) addSymbol(token);
	for (const symbol of BYTE_TO_UNICODE) addSymbol(symbol);

	// Count each distinct pre-token once.
	const wordCounts = new Map<string, number>();
	for (const text of texts) {
		for (const part of splitOnSpecialTokens(text, specialTokens)) {
			if (part.special) continue;
			for (const word of preTokenizeByteLevel(part.text)) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
		}
	}
	// Sorted so that nothing downstream depends on the order texts were seen in.
	const sortedWords = [...wordCounts.keys()].sort();
	const words: number[][] = sortedWords.map((word) => Array.from(word, (char) => vocab.get(char)!));
	const frequencies: number[] = sortedWords.map((word) => wordCounts.get(word)!);

	const pairCounts = new Map<number, number>();
	const pairWords = new Map<number, Set<number>>();
	const addPairs = (wordIndex: number, sign: number, touched: Set<number>) => {
		const word = words[wordIndex]!;
		const frequency = frequencies[wordIndex]! * sign;
		for (let i = 0; i + 1 < word.length; i++) {
			const key = word[i]! * ID_LIMIT + word[i + 1]!;
			pairCounts.set(key, (pairCounts.get(key) ?? 0) + frequency);
			if (sign > 0) {
				let where = pairWords.get(key);
				if (!where) pairWords.set(key, (where = new Set()));
				where.add(wordIndex);
				touched.add(key);
			}
		}
	};

	// Max-heap by count, then smallest pair text. Entries may be stale; a popped entry is checked against the
	// live count and re-queued when it differs, and every pair whose count rises is pushed again, so the live
	// maximum is always reachable.
	const heap: HeapEntry[] = [];
	const comparePairs = (a: number, b: number): number => {
		const a0 = symbols[Math.floor(a / ID_LIMIT)]!;
		const b0 = symbols[Math.floor(b / ID_LIMIT)]!;
		if (a0 !== b0) return a0 < b0 ? -1 : 1;
		const a1 = symbols[a % ID_LIMIT]!;
		const b1 = symbols[b % ID_LIMIT]!;
		return a1 === b1 ? 0 : a1 < b1 ? -1 : 1;
	};
	const before = (x: HeapEntry, y: HeapEntry) =>
		x.count > y.count || (x.count === y.count && comparePairs(x.key, y.key) < 0);
	const push = (entry: HeapEntry) => {
		heap.push(entry);
		let i = heap.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!before(heap[i]!, heap[parent]!)) break;
			[heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
			i = parent;
		}
	};
	const pop = (): HeapEntry | undefined => {
		const top = heap[0];
		const last = heap.pop();
		if (heap.length > 0 && last) {
			heap[0] = last;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let best = i;
				if (l < heap.length && before(heap[l]!, heap[best]!)) best = l;
				if (r < heap.length && before(heap[r]!, heap[best]!)) best = r;
				if (best === i) break;
				[heap[i], heap[best]] = [heap[best]!, heap[i]!];
				i = best;
			}
		}
		return top;
	};

	const initial = new Set<number>();
	for (let w = 0; w < words.length; w++) addPairs(w, 1, initial);
	for (const key of initial) push({ count: pairCounts.get(key)!, key });

	const merges: [string, string][] = [];
	const merged = new Set<number>();
	while (vocab.size < vocabSize && heap.length > 0) {
		const entry = pop()!;
		const live = pairCounts.get(entry.key) ?? 0;
		if (live !== entry.count) {
			if (live > 0) push({ count: live, key: entry.key });
			continue;
		}
		if (live < Math.max(minFrequency, 1)) break;
		// A pair is merged once; a stale duplicate entry for it can be dropped.
		if (merged.has(entry.key)) continue;
		merged.add(entry.key);

		const left = Math.floor(entry.key / ID_LIMIT);
		const right = entry.key % ID_LIMIT;
		// Two different pairs can spell the same token ('ab'+'c', 'a'+'bc'); it keeps one id, as in HF tokenizers.
		const leftText = symbols[left]!;
		const rightText = symbols[right]!;
		const token = addSymbol(leftText + rightText);
		merges.push([leftText, rightText]);

		const touched = new Set<number>();
		for (const w of pairWords.get(entry.key) ?? []) {
			const word = words[w]!;
			let found = false;
			for (let i = 0; i + 1 < word.length; i++) {
				if (word[i] === left && word[i + 1] === right) {
					found = true;
					break;
				}
			}
			if (!found) continue;
			addPairs(w, -1, touched);
			const next: number[] = [];
			for (let i = 0; i < word.length; i++) {
				if (i + 1 < word.length && word[i] === left && word[i + 1] === right) {
					next.push(token);
					i++;
				} else next.push(word[i]!);
			}
			words[w] = next;
			addPairs(w, 1, touched);
		}
		pairCounts.delete(entry.key);
		pairWords.delete(entry.key);
		for (const key of touched) {
			const count = pairCounts.get(key) ?? 0;
			if (count > 0 && !merged.has(key)) push({ count, key });
		}
	}
	return { vocab, merges };
}
