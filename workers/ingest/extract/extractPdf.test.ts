import { describe, expect, it } from 'vitest';
import { PdfHasNoTextError, CorruptDocumentError } from '../errors.ts';
import { extractPdf } from './extractPdf.ts';
import { blocksText } from './extractedDocument.ts';
import { sample } from '../testdata/samples.ts';
import { rejectionOf } from '../../testing/rejectionOf.ts';

describe('extractPdf', () => {
	it('extracts each page of a real PDF as a unit with its page number', async () => {
		const { units } = await extractPdf(sample('contract-law.pdf'), 'contract-law.pdf');
		expect(units.map((u) => u.kind === 'text' && u.page)).toEqual([1, 2, 3]);
		const text = (index: number) => (units[index]!.kind === 'text' ? blocksText(units[index]!.blocks) : '');
		expect(text(0)).toContain('A contract is an agreement between two or more parties');
		expect(text(2)).toContain('Page 3 of 3');
		// One size, even spacing: nothing to tell headings or paragraphs by, so each page is one block of lines.
		expect(units.map((u) => u.kind === 'text' && u.blocks.length)).toEqual([1, 1, 1]);
		expect(text(0).split('\n')).toHaveLength(4);
	});

	it('tells headings by font size and paragraphs by vertical gaps in a typeset PDF', async () => {
		const { units } = await extractPdf(sample('beekeeping.pdf'), 'beekeeping.pdf');
		const blocks = units.map((u) => (u.kind === 'text' ? u.blocks.map((b) => `${b.kind}: ${b.text}`) : []));
		expect(blocks).toEqual([
			[
				'heading: Keeping bees',
				'body: Honey bees live in colonies of tens of thousands of workers, one queen\nand a few hundred drones. A beginner needs a hive, a veil and a smoker.',
				'heading: Colony life',
				'body: Workers regulate the temperature of the brood nest. In winter they cluster\nand shiver their flight muscles so that the fans vibrate.',
				'heading: Hive design',
				'body: The Langstroth hive uses movable frames spaced by the bee space, about\neight millimetres. Bees fill any smaller gap with propolis.',
				'body: Deep boxes hold the brood, and shallow supers above them hold the honey.',
				'heading: Inspections'
			],
			[
				'body: Open the hive on a warm, still day. Work from the side, not the front,\nand keep the frames over the box so that no bee falls into the grass.'
			]
		]);
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
