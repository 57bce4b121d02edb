// PDF text through pdfjs-dist's legacy build, which runs in Node and in a worker without a DOM. Each page is one
// unit (its lines joined), so boilerplate that repeats across pages can be recognised later. A PDF with no text
// layer is refused: guessing text from images (OCR) is not something a Datanet should accept silently.
import { CorruptDocumentError, PdfHasNoTextError } from '../errors.ts';
import type { ExtractedDocument, ExtractedUnit } from './extractedDocument.ts';

type TextItem = { str: string; hasEOL: boolean };

/**
 * Extracts each page's text; throws PdfHasNoTextError when no page has any.
 *
 * @example
 * const { units } = await extractPdf(bytes, 'handbook.pdf'); // [{ kind: 'text', text: '…', page: 1 }, …]
 */
export async function extractPdf(
	bytes: Uint8Array,
	fileName: string,
	signal?: AbortSignal
): Promise<ExtractedDocument> {
	const { getDocument } = await loadPdfjs();
	// pdfjs transfers (detaches) the buffer it is given: hand it a copy so the caller's bytes stay usable.
	const task = getDocument({
		data: bytes.slice(),
		useSystemFonts: false,
		disableFontFace: true,
		stopAtErrors: false,
		verbosity: 0
	});
	try {
		let document;
		try {
			document = await task.promise;
		} catch (error) {
			throw new CorruptDocumentError(
				`${fileName} could not be opened as a PDF; check that it opens in a PDF reader and upload it again.`,
				{
					cause: error
				}
			);
		}
		const units: ExtractedUnit[] = [];
		for (let page = 1; page <= document.numPages; page++) {
			signal?.throwIfAborted();
			const content = await (await document.getPage(page)).getTextContent();
			let text = '';
			for (const item of content.items as TextItem[]) {
				if (!('str' in item)) continue;
				text += item.str + (item.hasEOL ? '\n' : '');
			}
			if (text.trim()) units.push({ kind: 'text', text, page });
		}
		if (units.length === 0)
			throw new PdfHasNoTextError(
				`${fileName} has no text, only images (a scan?); it is refused, as OpenLedger does. Upload a PDF with a text layer or the text itself.`
			);
		return { units, problems: [] };
	} finally {
		await task.destroy();
	}
}

let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;

/**
 * pdfjs, loaded on the first PDF only (it is large), with its worker code run on this thread: importing
 * pdf.worker.mjs sets `globalThis.pdfjsWorker`, which pdfjs uses instead of starting a nested Worker (we are
 * already in one, and Node has none), so no `workerSrc` URL is needed anywhere.
 */
function loadPdfjs() {
	pdfjs ??= import('pdfjs-dist/legacy/build/pdf.worker.mjs').then(() => import('pdfjs-dist/legacy/build/pdf.mjs'));
	return pdfjs;
}
