// Picks the extractor for a file by its extension. Text formats are decoded strictly as UTF-8 first; PDF and DOCX
// are binary and go to their libraries.
import { EmptyFileError, UnsupportedFormatError } from '../errors.ts';
import { decodeUtf8 } from './decodeUtf8.ts';
import { extractCsv } from './extractCsv.ts';
import { extractDocx } from './extractDocx.ts';
import { plainBlocks, type ExtractedDocument } from './extractedDocument.ts';
import { extractJsonl } from './extractJsonl.ts';
import { extractPdf } from './extractPdf.ts';
import { markdownToBlocks } from './markdownToBlocks.ts';

/** The extensions the pipeline reads. */
export const SUPPORTED_EXTENSIONS = ['txt', 'md', 'markdown', 'jsonl', 'csv', 'pdf', 'docx'] as const;

/** The lower-case extension of a file name ('' when it has none). */
export function extensionOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/**
 * Extracts units from a file's bytes by its extension; throws an IngestRefusedError subclass when it cannot.
 *
 * @example
 * const { units, problems } = await extractText(bytes, 'pairs.jsonl');
 */
export async function extractText(
	bytes: Uint8Array,
	fileName: string,
	signal?: AbortSignal
): Promise<ExtractedDocument> {
	if (bytes.length === 0)
		throw new EmptyFileError(`${fileName} is empty; choose the file with the content and upload again.`);
	const extension = extensionOf(fileName);
	switch (extension) {
		case 'pdf':
			return extractPdf(bytes, fileName, signal);
		case 'docx':
			return extractDocx(bytes, fileName);
		case 'txt':
			return { units: [{ kind: 'text', blocks: plainBlocks(decodeUtf8(bytes, fileName)) }], problems: [] };
		case 'md':
		case 'markdown':
			return { units: [{ kind: 'text', blocks: markdownToBlocks(decodeUtf8(bytes, fileName)) }], problems: [] };
		case 'jsonl':
			return extractJsonl(decodeUtf8(bytes, fileName));
		case 'csv':
			return extractCsv(decodeUtf8(bytes, fileName), fileName);
		default:
			throw new UnsupportedFormatError(
				`${fileName}: .${extension || '(no extension)'} files are not accepted; use ${SUPPORTED_EXTENSIONS.map((e) => `.${e}`).join(', ')}.`
			);
	}
}
