// pdfjs-dist ships no types for its worker module; extractPdf imports it only for its side effect (it sets
// globalThis.pdfjsWorker so pdfjs runs on this thread).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
	export const WorkerMessageHandler: unknown;
}
