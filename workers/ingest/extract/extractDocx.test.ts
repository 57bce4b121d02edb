import { describe, expect, it } from 'vitest';
import { ArchiveTooLargeError, CorruptDocumentError } from '../errors.ts';
import { extractDocx } from './extractDocx.ts';
import { blocksText } from './extractedDocument.ts';
import { sample } from '../testdata/samples.ts';
import { rejectionOf } from '../../testing/rejectionOf.ts';

describe('extractDocx', () => {
	it('extracts the paragraphs of a real DOCX', async () => {
		const { units } = await extractDocx(sample('veterinary-notes.docx'), 'veterinary-notes.docx');
		expect(units).toHaveLength(1);
		const blocks = units[0]!.kind === 'text' ? units[0]!.blocks : [];
		expect(blocks.map((b) => b.kind)).toEqual(['body', 'body', 'body']);
		const text = blocksText(blocks);
		expect(text).toContain('Dogs need a rabies vaccination every one to three years');
		expect(text).toContain('\n\nCats that go outdoors');
	});

	it('reads paragraphs styled Title and Heading 1–6 as headings, by style name or by id', async () => {
		const { units } = await extractDocx(sample('beekeeping.docx'), 'beekeeping.docx');
		const blocks = units[0]!.kind === 'text' ? units[0]!.blocks : [];
		expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual([
			'Keeping bees',
			'Colony life',
			'Hive design',
			'Inspections'
		]);
		expect(blocks.map((b) => b.kind)).toEqual([
			'heading',
			'body',
			'heading',
			'body',
			'heading',
			'body',
			'heading',
			'body'
		]);
		expect(blocks[3]!.text).toMatch(/so that the fans vibrate\.$/);
	});

	it('refuses a zip bomb from its directory, before inflating it', async () => {
		const error = await rejectionOf(extractDocx(sample('zip-bomb.docx'), 'zip-bomb.docx'));
		expect(error).toBeInstanceOf(ArchiveTooLargeError);
		expect((error as Error).message).toMatch(
			/^zip-bomb\.docx would expand to 200 MiB once unzipped, over the 64 MiB limit \(a zip bomb\?\)/
		);
	});

	it('refuses a file that is not a zip', async () => {
		const error = await rejectionOf(extractDocx(new TextEncoder().encode('not a zip at all, just text'), 'fake.docx'));
		expect(error).toBeInstanceOf(CorruptDocumentError);
		expect((error as Error).message).toContain('fake.docx is not a valid .docx (no zip directory)');
	});
});
