// Cuts a document's blocks into record-sized chunks along its structure: every heading starts a new chunk and opens
// it, together with the section text that follows; sections are never merged, so a record never runs from one
// section into the next, and never ends on a heading. Inside a section, chunkText packs whole paragraphs, falling back
// to sentences and then words only for a paragraph over the limit. Plain text (one body block) chunks as before.
import type { TextBlock } from '../extract/extractedDocument.ts';
import { chunkText, type TextChunk } from './chunkText.ts';
import type { TokenCount } from './recordSchema.ts';

/**
 * Splits blocks into chunks of at most `maxTokens` tokens, a new chunk at each heading.
 *
 * @example
 * chunkBlocks([{ kind: 'body', text: 'Fans vibrate.' }, { kind: 'heading', text: 'Hive design' }, { kind: 'body', text: 'Frames…' }], 256, count);
 * // [{ text: 'Fans vibrate.', … }, { text: 'Hive design\n\nFrames…', … }]
 */
export function chunkBlocks(blocks: TextBlock[], maxTokens: number, tokenCount: TokenCount): TextChunk[] {
	return sections(blocks).flatMap(({ headings, body }) => {
		const lead = headings.join('\n\n');
		if (body.length === 0) return chunkText(lead, maxTokens, tokenCount);
		const text = body.join('\n\n');
		if (headings.length === 0) return chunkText(text, maxTokens, tokenCount);
		// A "heading" that would fill half a record is text set large, not a title: it is chunked like a paragraph.
		if (tokenCount(lead) > maxTokens / 2) return chunkText(`${lead}\n\n${text}`, maxTokens, tokenCount);
		return chunkText(text, maxTokens, tokenCount, lead);
	});
}

/** A section: the headings that open it (several when one follows another with nothing between) and its body. */
type Section = { headings: string[]; body: string[] };

function sections(blocks: TextBlock[]): Section[] {
	const out: Section[] = [];
	let current: Section = { headings: [], body: [] };
	for (const block of blocks) {
		if (block.kind === 'heading' && current.body.length > 0) {
			out.push(current);
			current = { headings: [], body: [] };
		}
		(block.kind === 'heading' ? current.headings : current.body).push(block.text);
	}
	if (current.headings.length > 0 || current.body.length > 0) out.push(current);
	return out;
}
