// DOCX text through mammoth's document model, after a zip-bomb guard: the archive's declared uncompressed size is
// checked first, and the extracted text is checked again, since a lying directory could understate it. Each paragraph
// is a block; one styled as a heading (Word's "Heading 1"…"Heading 6", "Title", "Subtitle") is a heading block.
import mammoth from 'mammoth';
import { ArchiveTooLargeError, CorruptDocumentError } from '../errors.ts';
import { formatBytes, MAX_DOCX_UNCOMPRESSED_BYTES } from '../limits.ts';
import type { ExtractedDocument, TextBlock } from './extractedDocument.ts';
import { zipUncompressedSize } from './zipSize.ts';

/** The part of mammoth's document model read here (mammoth's types leave it `any`). */
type DocxElement = {
	type: string;
	value?: string;
	breakType?: string;
	styleId?: string | null;
	styleName?: string | null;
	children?: DocxElement[];
};

// Word names the style "Heading 1" and gives it the id "Heading1"; LibreOffice writes "heading 1". Either may be all a
// file carries.
const HEADING_STYLE = /^(heading ?[1-6]|title|subtitle)$/i;

/**
 * Extracts a DOCX's paragraphs as one text unit of blocks; throws ArchiveTooLargeError for a zip bomb.
 *
 * @example
 * const { units } = await extractDocx(bytes, 'notes.docx');
 * // [{ kind: 'text', blocks: [{ kind: 'heading', text: 'Vaccines' }, { kind: 'body', text: 'Dogs need…' }, …] }]
 */
export async function extractDocx(
	bytes: Uint8Array,
	fileName: string,
	limit = MAX_DOCX_UNCOMPRESSED_BYTES
): Promise<ExtractedDocument> {
	const { uncompressedBytes } = zipUncompressedSize(bytes, fileName);
	const tooLarge = (size: number) =>
		new ArchiveTooLargeError(
			`${fileName} would expand to ${Number.isFinite(size) ? formatBytes(size) : 'more than 4 GB'} once unzipped, over the ${formatBytes(limit)} limit (a zip bomb?); it was not opened. Save the text as .txt or split the document.`
		);
	if (uncompressedBytes > limit) throw tooLarge(uncompressedBytes);
	const blocks: TextBlock[] = [];
	try {
		const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
		// mammoth's browser build reads `arrayBuffer`, its Node build only `buffer`; both hand it to JSZip, which takes either.
		// Its raw-text output flattens headings into paragraphs, so the document model is read instead, through the
		// documented transformDocument hook; handing back an empty document leaves mammoth no HTML to write.
		await mammoth.convertToHtml({ arrayBuffer, buffer: arrayBuffer } as { arrayBuffer: ArrayBuffer }, {
			transformDocument: (document: DocxElement) => {
				collectParagraphs(document, blocks);
				return { ...document, children: [] };
			}
		});
	} catch (error) {
		throw new CorruptDocumentError(
			`${fileName} could not be read as a .docx; save it again from Word or LibreOffice and upload it.`,
			{
				cause: error
			}
		);
	}
	const length = blocks.reduce((sum, block) => sum + block.text.length + 2, 0);
	if (length > limit) throw tooLarge(length);
	return { units: [{ kind: 'text', blocks: blocks.filter((block) => block.text.trim() !== '') }], problems: [] };
}

/** Paragraphs in reading order, table cells included, each a block. */
function collectParagraphs(element: DocxElement, blocks: TextBlock[]): void {
	if (element.type === 'paragraph') {
		const style = element.styleName ?? element.styleId ?? '';
		blocks.push({ kind: HEADING_STYLE.test(style.trim()) ? 'heading' : 'body', text: runText(element) });
		return;
	}
	for (const child of element.children ?? []) collectParagraphs(child, blocks);
}

/** A paragraph's text as mammoth's raw text gives it, plus line breaks (raw text glued the words either side). */
function runText(element: DocxElement): string {
	if (element.type === 'text') return element.value ?? '';
	if (element.type === 'tab') return '\t';
	if (element.type === 'break') return element.breakType === 'line' ? '\n' : '';
	return (element.children ?? []).map(runText).join('');
}
