// A DOCX is a zip. Before handing one to mammoth we read the zip's central directory ourselves and add up the
// sizes its entries say they expand to, so a zip bomb (a few hundred KB that inflate to gigabytes) is refused
// without inflating anything.
import { CorruptDocumentError } from '../errors.ts';

/** What the central directory says: how many entries and their total uncompressed size. */
export type ZipSize = { entries: number; uncompressedBytes: number };

/**
 * Sums the declared uncompressed sizes of a zip's entries from its central directory.
 *
 * @example
 * zipUncompressedSize(docxBytes, 'notes.docx').uncompressedBytes; // 4312
 */
export function zipUncompressedSize(bytes: Uint8Array, fileName: string): ZipSize {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	// The end-of-central-directory record sits in the last 22 bytes plus an optional comment of up to 64 KB.
	let end = -1;
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
		if (view.getUint32(i, true) === 0x06054b50) {
			end = i;
			break;
		}
	const corrupt = (why: string) =>
		new CorruptDocumentError(
			`${fileName} is not a valid .docx (${why}); save it again from Word or LibreOffice and upload it.`
		);
	if (end === -1) throw corrupt('no zip directory');
	const entries = view.getUint16(end + 10, true);
	let offset = view.getUint32(end + 16, true);
	// ZIP64 archives mark sizes as 0xFFFFFFFF; a document that needs ZIP64 is far beyond any limit we take.
	if (offset === 0xffffffff || entries === 0xffff) return { entries, uncompressedBytes: Number.POSITIVE_INFINITY };
	let uncompressedBytes = 0;
	for (let n = 0; n < entries; n++) {
		if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50)
			throw corrupt('a damaged zip directory');
		const size = view.getUint32(offset + 24, true);
		uncompressedBytes += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
		offset +=
			46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
	}
	return { entries, uncompressedBytes };
}
