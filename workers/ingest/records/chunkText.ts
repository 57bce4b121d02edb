// Cuts plain text into pieces of at most N tokens of the base model's tokenizer, at the most natural boundary that
// fits: whole paragraphs first, then sentences, then words. A chunk boundary inside a sentence only happens when one
// sentence alone is longer than the limit. An optional lead (a section's heading) opens the first chunk, joined by a
// blank line and counted in its budget, so a heading is never left alone at the end of a chunk.
import type { TokenCount } from './recordSchema.ts';

const sentenceSegmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });

/** What joins a lead to the text after it: a heading stays on its own line, as in the document. */
const LEAD_SEPARATOR = '\n\n';

/** A chunk of text and its exact token count. */
export type TextChunk = { text: string; tokens: number };

type SplitPiece = (piece: string, lead: string | undefined) => TextChunk[];

/**
 * Splits `text` into chunks of at most `maxTokens` tokens, preferring paragraph, then sentence, then word breaks;
 * `lead`, when given, starts the first chunk (keep it well under the limit: chunkBlocks gives at most half).
 *
 * @example
 * chunkText('First paragraph.\n\nSecond one.', 256, (t) => t.split(/\s+/).length); // one chunk with both
 * chunkText('Body.', 256, count, 'Heading'); // [{ text: 'Heading\n\nBody.', tokens: … }]
 */
export function chunkText(text: string, maxTokens: number, tokenCount: TokenCount, lead?: string): TextChunk[] {
	const paragraphs = text
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean);
	const words: SplitPiece = (sentence, lead) =>
		pack(
			sentence.split(/\s+/),
			' ',
			maxTokens,
			tokenCount,
			(word, lead) => splitWord(word, maxTokens, tokenCount, lead),
			lead
		);
	const bySentence: SplitPiece = (paragraph, lead) =>
		pack(sentences(paragraph), ' ', maxTokens, tokenCount, words, lead);
	return pack(paragraphs, '\n\n', maxTokens, tokenCount, bySentence, lead);
}

/**
 * Greedily joins pieces while the sum of their counts fits, measuring each piece once (re-counting a growing chunk
 * would be quadratic); each chunk's count is then measured exactly, and a chunk over the limit is split again. The
 * lead's tokens are held back from the budget until the chunk that carries it is out.
 */
function pack(
	pieces: string[],
	separator: string,
	maxTokens: number,
	tokenCount: TokenCount,
	splitPiece: SplitPiece,
	lead?: string
): TextChunk[] {
	const out: TextChunk[] = [];
	const separatorTokens = tokenCount(separator);
	let reserve = lead === undefined ? 0 : tokenCount(lead + LEAD_SEPARATOR);
	let current: string[] = [];
	let estimate = 0;
	const emit = (chunks: TextChunk[]) => {
		out.push(...chunks);
		if (chunks.length > 0) {
			lead = undefined;
			reserve = 0;
		}
	};
	const flush = () => {
		if (current.length === 0) return;
		const pieces = current;
		current = [];
		estimate = 0;
		const joined = withLead(lead, pieces.join(separator));
		const tokens = tokenCount(joined);
		if (tokens <= maxTokens || (pieces.length === 1 && lead === undefined)) emit([{ text: joined, tokens }]);
		else if (pieces.length === 1) emit(splitPiece(pieces[0]!, lead));
		else {
			// Merging across the separator cost more tokens than estimated: halve and try again.
			const half = Math.ceil(pieces.length / 2);
			emit(pack(pieces.slice(0, half), separator, maxTokens, tokenCount, splitPiece, lead));
			emit(pack(pieces.slice(half), separator, maxTokens, tokenCount, splitPiece));
		}
	};
	for (const piece of pieces) {
		const tokens = tokenCount(piece);
		const next = current.length === 0 ? tokens : estimate + separatorTokens + tokens;
		if (next + reserve <= maxTokens) {
			current.push(piece);
			estimate = next;
			continue;
		}
		flush();
		if (tokens + reserve > maxTokens) emit(splitPiece(piece, lead));
		else {
			current = [piece];
			estimate = tokens;
		}
	}
	flush();
	return out;
}

const withLead = (lead: string | undefined, text: string) => (lead === undefined ? text : lead + LEAD_SEPARATOR + text);

function sentences(paragraph: string): string[] {
	return Array.from(sentenceSegmenter.segment(paragraph), (s) => s.segment.trim()).filter(Boolean);
}

/** A single "word" over the limit (a long URL, a base64 blob): cut it in halves until each fits. */
function splitWord(word: string, maxTokens: number, tokenCount: TokenCount, lead?: string): TextChunk[] {
	const text = withLead(lead, word);
	const tokens = tokenCount(text);
	const chars = Array.from(word);
	if (tokens <= maxTokens || chars.length <= 1) return [{ text, tokens }];
	const half = Math.ceil(chars.length / 2);
	return [
		...splitWord(chars.slice(0, half).join(''), maxTokens, tokenCount, lead),
		...splitWord(chars.slice(half).join(''), maxTokens, tokenCount)
	];
}
