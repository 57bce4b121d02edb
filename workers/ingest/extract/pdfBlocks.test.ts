import { describe, expect, it } from 'vitest';
import { bodyFontSize, pdfBlocks, type PdfLine } from './pdfBlocks.ts';

/** Lines laid out top-down: [text, size, distance from the previous baseline]. */
function layout(lines: Array<[string, number, number]>): PdfLine[] {
	let y = 760;
	return lines.map(([text, size, gap]) => ({ text, size, y: (y -= gap) }));
}

describe('pdfBlocks', () => {
	it('takes the size that carries the most characters as the body size', () => {
		expect(
			bodyFontSize(
				layout([
					['A Title', 20, 0],
					['a much longer line of body text', 10, 30]
				])
			)
		).toBe(10);
		expect(bodyFontSize([])).toBe(0);
	});

	it('joins a wrapped heading into one, and starts a paragraph at a wide gap or a move up the page', () => {
		const lines = layout([
			['A heading that wraps', 16, 0],
			['onto a second line', 16, 18],
			['First paragraph, line one,', 10, 24],
			['line two.', 10, 12],
			['Second paragraph.', 10, 20],
			['Next column.', 10, -400]
		]);
		expect(pdfBlocks(lines, 10)).toEqual([
			{ kind: 'heading', text: 'A heading that wraps onto a second line' },
			{ kind: 'body', text: 'First paragraph, line one,\nline two.' },
			{ kind: 'body', text: 'Second paragraph.' },
			{ kind: 'body', text: 'Next column.' }
		]);
	});

	it('keeps evenly spaced text of one size as one block, and does not take a large digit or symbol for a heading', () => {
		const lines = layout([
			['Line one', 12, 0],
			['', 0, 0],
			['Line two', 12, 14],
			['3', 30, 14],
			['Line three', 12, 14]
		]);
		expect(pdfBlocks(lines, 12)).toEqual([{ kind: 'body', text: 'Line one\nLine two\n3\nLine three' }]);
		expect(pdfBlocks(lines, 0)[0]!.kind).toBe('body');
	});
});
