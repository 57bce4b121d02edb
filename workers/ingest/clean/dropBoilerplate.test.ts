import { describe, expect, it } from 'vitest';
import { dropBoilerplate } from './dropBoilerplate.ts';
import { extractPdf } from '../extract/extractPdf.ts';
import { normalizeText } from './normalizeText.ts';
import { sample } from '../testdata/samples.ts';

describe('dropBoilerplate', () => {
	it('drops the header and "Page N of M" footer that repeat on every page of a real PDF', async () => {
		const { units } = await extractPdf(sample('contract-law.pdf'), 'contract-law.pdf');
		const { pages, droppedLines } = dropBoilerplate(
			units.map((u) => (u.kind === 'text' ? u.blocks.map((b) => normalizeText(b.text)) : []))
		);
		expect(droppedLines).toBe(6);
		expect(pages[0]).toEqual([
			'A contract is an agreement between two or more parties that the law will enforce.\nEach party must give something of value, which lawyers call consideration.'
		]);
		for (const page of pages) expect(page.join('\n')).not.toMatch(/Contract Law Handbook|Page \d/);
	});

	it('drops a repeated header that is a block of its own, leaving the block empty in its place', () => {
		const bodies = ['Hives need air.', 'Frames hang in boxes.', 'Smoke calms the bees.'];
		const pages = bodies.map((body, n) => ['Acme Manual', `${body}\nPage ${n + 1} of 3`]);
		expect(dropBoilerplate(pages)).toEqual({ pages: bodies.map((body) => ['', body]), droppedLines: 6 });
	});

	it('drops cookie and copyright lines but keeps prose that mentions them', () => {
		const { pages } = dropBoilerplate([
			[
				'We use cookies to improve your experience.\nCookies are small files a site stores in the browser, and the law on them varies.\n© 2024 Acme Ltd. All rights reserved.\nCopyright law protects original works.'
			]
		]);
		expect(pages[0]).toEqual([
			'Cookies are small files a site stores in the browser, and the law on them varies.\nCopyright law protects original works.'
		]);
	});

	it('keeps lines repeated on only two pages, or on under half of them', () => {
		expect(dropBoilerplate([['Intro\nSame line'], ['Same line\nOther']]).droppedLines).toBe(0);
		expect(dropBoilerplate([['A\nShared'], ['B\nShared'], ['C'], ['D'], ['E'], ['F'], ['Shared']]).droppedLines).toBe(
			0
		);
	});
});
