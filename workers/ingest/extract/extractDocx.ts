// DOCX text through mammoth's extractRawText, after a zip-bomb guard: the archive's declared uncompressed size is
// checked first, and mammoth's output is checked again, since a lying directory could understate it.
import mammoth from 'mammoth';
import { ArchiveTooLargeError, CorruptDocumentError } from '../errors.ts';
import { formatBytes, MAX_DOCX_UNCOMPRESSED_BYTES } from '../limits.ts';
import type { ExtractedDocument } from './extractedDocument.ts';
import { zipUncompressedSize } from './zipSize.ts';

/**
 * Extracts a DOCX's paragraphs as one text unit; throws ArchiveTooLargeError for a zip bomb.
 *
 * @example
 * const { units } = await extractDocx(bytes, 'notes.docx'); // [{ kind: 'text', text: 'Dogs need…' }]
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
	let result;
	try {
		const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
		// mammoth's browser build reads `arrayBuffer`, its Node build only `buffer`; both hand it to JSZip, which takes either.
		result = await mammoth.extractRawText({ arrayBuffer, buffer: arrayBuffer } as { arrayBuffer: ArrayBuffer });
	} catch (error) {
		throw new CorruptDocumentError(
			`${fileName} could not be read as a .docx; save it again from Word or LibreOffice and upload it.`,
			{
				cause: error
			}
		);
	}
	if (result.value.length > limit) throw tooLarge(result.value.length);
	return { units: [{ kind: 'text', text: result.value }], problems: [] };
}
