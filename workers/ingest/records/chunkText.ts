// Cuts plain text into pieces of at most N tokens of the base model's tokenizer, at the most natural boundary that
// fits: whole paragraphs first, then sentences, then words. A chunk boundary inside a sentence only happens when one
// sentence alone is longer than the limit.
import type { TokenCount } from './recordSchema.ts';

const sentenceSegmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });

/** A chunk of text and its exact token count. */
export type TextChunk = { text: string; tokens: number };

/**
 * Splits `text` into chunks of at most `maxTokens` tokens, preferring paragraph, then sentence, then word breaks.
 *
 * @example
 * chunkText('First paragraph.\n\nSecond one.', 256, (t) => t.split(/\s+/).length); // one chunk with both
 */
export function chunkText(text: string, maxTokens: number, tokenCount: TokenCount): TextChunk[] {
	const paragraphs = text
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean);
	return pack(paragraphs, '\n\n', maxTokens, tokenCount, (paragraph) =>
		pack(sentences(paragraph), ' ', maxTokens, tokenCount, (sentence) =>
			pack(sentence.split(/\s+/), ' ', maxTokens, tokenCount, (word) => splitWord(word, maxTokens, tokenCount))
		)
	);
}

/**
 * Greedily joins pieces while the sum of their counts fits, measuring each piece once (re-counting a growing chunk
 * would be quadratic); each chunk's count is then measured exactly, and a chunk over the limit is split again.
 */
function pack(
	pieces: string[],
	separator: string,
	maxTokens: number,
	tokenCount: TokenCount,
	splitPiece: (piece: string) => TextChunk[]
): TextChunk[] {
	const out: TextChunk[] = [];
	const separatorTokens = tokenCount(separator);
	let current: string[] = [];
	let estimate = 0;
	const flush = () => {
		if (current.length === 0) return;
		const joined = current.join(separator);
		const tokens = tokenCount(joined);
		if (tokens <= maxTokens || current.length === 1) out.push({ text: joined, tokens });
		else {
			// Merging across the separator cost more tokens than estimated: halve and try again.
			const half = Math.ceil(current.length / 2);
			out.push(...pack(current.slice(0, half), separator, maxTokens, tokenCount, splitPiece));
			out.push(...pack(current.slice(half), separator, maxTokens, tokenCount, splitPiece));
		}
		current = [];
		estimate = 0;
	};
	for (const piece of pieces) {
		const tokens = tokenCount(piece);
		if (tokens > maxTokens) {
			flush();
			out.push(...splitPiece(piece));
			continue;
		}
		const next = current.length === 0 ? tokens : estimate + separatorTokens + tokens;
		if (next > maxTokens) {
			flush();
			current = [piece];
			estimate = tokens;
		} else {
			current.push(piece);
			estimate = next;
		}
	}
	flush();
	return out;
}

function sentences(paragraph: string): string[] {
	return Array.from(sentenceSegmenter.segment(paragraph), (s) => s.segment.trim()).filter(Boolean);
}

/** A single "word" over the limit (a long URL, a base64 blob): cut it in halves until each fits. */
function splitWord(word: string, maxTokens: number, tokenCount: TokenCount): TextChunk[] {
	const tokens = tokenCount(word);
	if (tokens <= maxTokens || word.length <= 1) return [{ text: word, tokens }];
	const chars = Array.from(word);
	const half = Math.ceil(chars.length / 2);
	return [
		...splitWord(chars.slice(0, half).join(''), maxTokens, tokenCount),
		...splitWord(chars.slice(half).join(''), maxTokens, tokenCount)
	];
}
