// The pipeline's limits in one place, so the page can show them before a contributor picks files.

/** Largest file accepted, in bytes (OpenLedger's Datanets take 5 MB per submission). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Largest total a DOCX may expand to once unzipped; a real 5 MB document stays far below it. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

/** Default most tokens in one record. */
export const DEFAULT_MAX_TOKENS = 256;

// Sizes in messages use the one byte formatter of the whole project (binary units: 5 MiB).
export { formatBytes } from '../shared/format/formatBytes.ts';
