import { describe, expect, it } from 'vitest';
import { PdfHasNoTextError, CorruptDocumentError } from '../errors.ts';
import { extractPdf } from './extractPdf.ts';
import { sample } from '../testdata/samples.ts';
import { rejectionOf } from '../../testing/rejectionOf.ts';

describe('extractPdf', () => {
	it('extracts each page of a real PDF as a unit with its page number', async () => {
		const { units } = await extractPdf(sample('contract-law.pdf'), 'contract-law.pdf');
		expect(units.map((u) => u.kind === 'text' && u.page)).toEqual([1, 2, 3]);
		expect(units[0]!.kind === 'text' && units[0]!.text).toContain(
			'A contract is an agreement between two or more parties'
		);
		expect(units[2]!.kind === 'text' && units[2]!.text).toContain('Page 3 of 3');
	});

	it('refuses a PDF that is only images: no text, as OpenLedger does', async () => {
		const error = await rejectionOf(extractPdf(sample('scanned-only-images.pdf'), 'scanned-only-images.pdf'));
		expect(error).toBeInstanceOf(PdfHasNoTextError);
		expect((error as Error).message).toContain('has no text, only images (a scan?); it is refused, as OpenLedger does');
	});

	it('refuses bytes that are not a PDF', async () => {
		const error = await rejectionOf(extractPdf(new TextEncoder().encode('%PDF-1.4 but nothing else'), 'broken.pdf'));
		expect(error).toBeInstanceOf(CorruptDocumentError);
	});
});
