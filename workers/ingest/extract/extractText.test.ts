import { describe, expect, it } from 'vitest';
import { EmptyFileError, NotUtf8TextError, UnsupportedFormatError } from '../errors.ts';
import { extractText, extensionOf } from './extractText.ts';
import { sample } from '../testdata/samples.ts';
import { rejectionOf } from '../../testing/rejectionOf.ts';

describe('extractText', () => {
	it('picks the extractor by extension', async () => {
		expect((await extractText(sample('animal-care.txt'), 'animal-care.txt')).units[0]).toMatchObject({ kind: 'text' });
		expect((await extractText(sample('contract-basics.md'), 'Contract-Basics.MD')).units[0]!.kind === 'text').toBe(
			true
		);
		expect((await extractText(sample('qa.jsonl'), 'qa.jsonl')).problems).toHaveLength(3);
		expect((await extractText(sample('vet-qa.csv'), 'vet-qa.csv')).units).toHaveLength(3);
		expect((await extractText(sample('contract-law.pdf'), 'contract-law.pdf')).units).toHaveLength(3);
		expect((await extractText(sample('veterinary-notes.docx'), 'veterinary-notes.docx')).units).toHaveLength(1);
	});

	it('refuses empty, binary and unknown files', async () => {
		expect(await rejectionOf(extractText(sample('empty.txt'), 'empty.txt'))).toBeInstanceOf(EmptyFileError);
		expect(await rejectionOf(extractText(sample('binary-renamed.txt'), 'binary-renamed.txt'))).toBeInstanceOf(
			NotUtf8TextError
		);
		const unknown = await rejectionOf(extractText(sample('animal-care.txt'), 'slides.pptx'));
		expect(unknown).toBeInstanceOf(UnsupportedFormatError);
		expect(unknown.message).toBe(
			'slides.pptx: .pptx files are not accepted; use .txt, .md, .markdown, .jsonl, .csv, .pdf, .docx.'
		);
	});

	it('reads extensions', () => {
		expect(extensionOf('a.b.JSONL')).toBe('jsonl');
		expect(extensionOf('.bashrc')).toBe('');
		expect(extensionOf('README')).toBe('');
	});
});
