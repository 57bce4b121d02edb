import { describe, expect, it } from 'vitest';
import { zipUncompressedSize } from './zipSize.ts';
import { sample } from '../testdata/samples.ts';

describe('zipUncompressedSize', () => {
	it('sums the declared sizes of a real DOCX', () => {
		const size = zipUncompressedSize(sample('veterinary-notes.docx'), 'veterinary-notes.docx');
		expect(size.entries).toBe(3);
		expect(size.uncompressedBytes).toBeGreaterThan(900);
		expect(size.uncompressedBytes).toBeLessThan(3000);
	});

	it('sees the 200 MB inside a 200 KB zip bomb', () => {
		const bomb = sample('zip-bomb.docx');
		expect(bomb.length).toBeLessThan(300 * 1024);
		expect(zipUncompressedSize(bomb, 'zip-bomb.docx').uncompressedBytes).toBeGreaterThan(200 * 1024 * 1024);
	});
});
