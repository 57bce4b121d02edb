// Why a contributed file is refused before any record comes out of it, and the ingest worker's other errors. Each is
// a ProvenaError subclass with a one-line message (what is wrong and what to do), so the page, the worker bridge
// (which rebuilds them as these classes) and the CLI all print the same reason.
import { ProvenaError } from '../shared/errors/ProvenaError.ts';

/** A whole file the pipeline will not take; `shortMessage` is the one-line reason shown to the contributor. */
export class IngestRefusedError extends ProvenaError {
	override name = 'IngestRefusedError';
}

/** The file is larger than the per-file limit; raised before its bytes are read. */
export class FileTooLargeError extends IngestRefusedError {
	override name = 'FileTooLargeError';
}

/** The file has no bytes, or no text once extracted. */
export class EmptyFileError extends IngestRefusedError {
	override name = 'EmptyFileError';
}

/** A text format whose bytes are not UTF-8 text (a binary file renamed .txt, a Latin-1 export). */
export class NotUtf8TextError extends IngestRefusedError {
	override name = 'NotUtf8TextError';
}

/** The extension is not one the pipeline reads. */
export class UnsupportedFormatError extends IngestRefusedError {
	override name = 'UnsupportedFormatError';
}

/** A PDF with no text layer (a scan): refused, as OpenLedger does, since OCR would be a guess. */
export class PdfHasNoTextError extends IngestRefusedError {
	override name = 'PdfHasNoTextError';
}

/** A PDF or DOCX that could not be parsed at all. */
export class CorruptDocumentError extends IngestRefusedError {
	override name = 'CorruptDocumentError';
}

/** A DOCX whose zip would expand past the limit (a zip bomb, or simply too much). */
export class ArchiveTooLargeError extends IngestRefusedError {
	override name = 'ArchiveTooLargeError';
}

/** The base model's tokenizer files could not be fetched or read (the ingest worker counts tokens with them). */
export class TokenizerLoadError extends ProvenaError {
	override name = 'TokenizerLoadError';
}

/** The page asked to check against contributions whose records the worker does not hold (it was restarted). */
export class DedupeIndexIncompleteError extends ProvenaError {
	override name = 'DedupeIndexIncompleteError';
}
