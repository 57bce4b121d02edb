// A PDF has no paragraphs or headings, only positioned lines of text. This recovers the two signals that are cheap and
// dependable: a line set clearly larger than the body text is a heading, and a vertical gap clearly wider than the
// usual line spacing starts a new paragraph. Lines of a paragraph stay joined by line breaks, as the page shows them;
// a PDF set in one size with even spacing comes out as one body block per page.
import type { TextBlock } from './extractedDocument.ts';

/** One line of a page: its text, its largest font size and its baseline (page units, y grows upwards). */
export type PdfLine = { text: string; size: number; y: number };

/** A heading is set at least this much larger than the body text. */
const HEADING_RATIO = 1.15;
/** A gap this much wider than the usual line spacing ends a paragraph. */
const PARAGRAPH_GAP = 1.4;

/**
 * The font size that carries the most characters (to half a point): the body text's; 0 when no line has a size.
 *
 * @example
 * bodyFontSize([{ text: 'Title', size: 18, y: 700 }, { text: 'A longer body line.', size: 11, y: 680 }]); // 11
 */
export function bodyFontSize(lines: PdfLine[]): number {
	const characters = new Map<number, number>();
	for (const line of lines) {
		if (!(line.size > 0)) continue;
		const size = Math.round(line.size * 2) / 2;
		characters.set(size, (characters.get(size) ?? 0) + line.text.trim().length);
	}
	let body = 0;
	let most = 0;
	for (const [size, count] of characters)
		if (count > most) {
			body = size;
			most = count;
		}
	return body;
}

/**
 * Groups one page's lines into heading and body blocks.
 *
 * @example
 * pdfBlocks([{ text: 'Hive design', size: 16, y: 700 }, { text: 'Frames hang…', size: 11, y: 676 }], 11);
 * // [{ kind: 'heading', text: 'Hive design' }, { kind: 'body', text: 'Frames hang…' }]
 */
export function pdfBlocks(lines: PdfLine[], bodySize: number): TextBlock[] {
	const spacing = usualSpacing(lines, bodySize);
	const blocks: TextBlock[] = [];
	let previous: PdfLine | undefined;
	for (const line of lines) {
		// pdfjs marks some line ends with an empty item; gaps are judged by position, so an empty line says nothing.
		if (!line.text.trim()) continue;
		const kind = isHeading(line, bodySize) ? 'heading' : 'body';
		const last = blocks.at(-1);
		const continues =
			last !== undefined &&
			previous !== undefined &&
			last.kind === kind &&
			(kind === 'body' ? !startsParagraph(previous, line, spacing) : wrapsHeading(previous, line));
		// A heading wrapped over two lines is one heading; a paragraph keeps its line breaks.
		if (continues) last.text += (kind === 'heading' ? ' ' : '\n') + line.text;
		else blocks.push({ kind, text: line.text });
		previous = line;
	}
	return blocks;
}

function isHeading(line: PdfLine, bodySize: number): boolean {
	return (
		bodySize > 0 && line.size >= bodySize * HEADING_RATIO && line.text.length <= 200 && /\p{L}{2}/u.test(line.text)
	);
}

/** The next line of a heading: the same size, set within one and a half times that size below. */
function wrapsHeading(previous: PdfLine, line: PdfLine): boolean {
	const gap = previous.y - line.y;
	return Math.abs(previous.size - line.size) < 0.5 && gap > 0 && gap <= line.size * 1.5;
}

/** A gap well over the usual spacing, or a move up the page (the next column), starts a paragraph. */
function startsParagraph(previous: PdfLine, line: PdfLine, spacing: number): boolean {
	const gap = previous.y - line.y;
	return gap < 0 || gap > spacing * PARAGRAPH_GAP;
}

/** The median distance between consecutive body-size lines; 1.2 × the body size when the page has no such pair. */
function usualSpacing(lines: PdfLine[], bodySize: number): number {
	const gaps: number[] = [];
	for (let i = 1; i < lines.length; i++) {
		const [a, b] = [lines[i - 1]!, lines[i]!];
		const bodyPair = Math.abs(a.size - bodySize) < 0.5 && Math.abs(b.size - bodySize) < 0.5;
		if (bodyPair && a.y - b.y > 0) gaps.push(a.y - b.y);
	}
	if (gaps.length === 0) return bodySize * 1.2;
	gaps.sort((x, y) => x - y);
	return gaps[Math.floor((gaps.length - 1) / 2)]!;
}
