// PDF text through pdfjs-dist's legacy build, which runs in Node and in a worker without a DOM. Each page is one
// unit, so boilerplate that repeats across pages can be recognised later; its lines are grouped into blocks by
// pdfBlocks (headings by font size, paragraphs by vertical gaps). A PDF with no text layer is refused: guessing text
// from images (OCR) is not something a Datanet should accept silently.
import { CorruptDocumentError, PdfHasNoTextError } from '../errors.ts';
import type { ExtractedDocument, ExtractedUnit } from './extractedDocument.ts';
import { bodyFontSize, pdfBlocks, type PdfLine } from './pdfBlocks.ts';

type TextItem = { str: string; hasEOL: boolean; transform: number[] };

/**
 * Extracts each page's text as blocks; throws PdfHasNoTextError when no page has any.
 *
 * @example
 * const { units } = await extractPdf(bytes, 'handbook.pdf'); // [{ kind: 'text', blocks: […], page: 1 }, …]
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
		const pages: Array<{ page: number; lines: PdfLine[] }> = [];
		for (let page = 1; page <= document.numPages; page++) {
			signal?.throwIfAborted();
			const content = await (await document.getPage(page)).getTextContent();
			const lines = pageLines(content.items as TextItem[]);
			if (lines.some((line) => line.text.trim())) pages.push({ page, lines });
		}
		// The body size is the document's, so a page that is mostly headings still has them told apart.
		const bodySize = bodyFontSize(pages.flatMap((p) => p.lines));
		const units: ExtractedUnit[] = pages.map(({ page, lines }) => ({
			kind: 'text',
			blocks: pdfBlocks(lines, bodySize),
			page
		}));
		if (units.length === 0)
			throw new PdfHasNoTextError(
				`${fileName} has no text, only images (a scan?); it is refused, as OpenLedger does. Upload a PDF with a text layer or the text itself.`
			);
		return { units, problems: [] };
	} finally {
		await task.destroy();
	}
}

/** Items joined into lines where pdfjs marks an end of line, each with its largest font size and its baseline. */
function pageLines(items: TextItem[]): PdfLine[] {
	const lines: PdfLine[] = [];
	let line: PdfLine | undefined;
	for (const item of items) {
		if (!('str' in item)) continue;
		line ??= { text: '', size: 0, y: Number.NaN };
		line.text += item.str;
		if (item.str.trim()) {
			// The text matrix's vertical scale is the font size in page units; its translation is the baseline.
			line.size = Math.max(line.size, Math.hypot(item.transform[2]!, item.transform[3]!));
			if (Number.isNaN(line.y)) line.y = item.transform[5]!;
		}
		if (item.hasEOL) {
			lines.push(line);
			line = undefined;
		}
	}
	if (line) lines.push(line);
	return lines;
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
