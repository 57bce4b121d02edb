import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './decodeUtf8.ts';
import { blocksText } from './extractedDocument.ts';
import { markdownToBlocks } from './markdownToBlocks.ts';
import { sample } from '../testdata/samples.ts';

describe('markdownToBlocks', () => {
	it('keeps the prose of a real Markdown file as blocks and drops its markup', () => {
		const blocks = markdownToBlocks(decodeUtf8(sample('contract-basics.md'), 'contract-basics.md'));
		expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(['Contract basics', 'Elements']);
		const text = blocksText(blocks);
		expect(text).not.toContain('title: Contract basics');
		expect(text).toMatch(/^Contract basics\n\nA contract is a promise the law will enforce\./);
		expect(text).toContain(
			'A contract is a promise the law will enforce. See the restatement for the classic definitions used by most American courts.'
		);
		expect(text).toContain('Elements\n\nAn offer that is definite enough to accept.\nAn acceptance');
		expect(text).toContain('as the mirror image rule requires.');
		expect(text).toContain('\n\nA counter-offer is a rejection');
		expect(text).toContain('Offeror  the party who makes the offer');
		expect(text).toContain('offer + acceptance + consideration = contract');
		for (const markup of ['**', '](', '```', '<!--', '| ---', '# ', '> ', 'editor']) expect(text).not.toContain(markup);
	});

	it('marks ATX and setext headings, and nothing else, as headings', () => {
		expect(
			markdownToBlocks('Title\n=====\n\nIntro.\n\n## Part *one* ##\n\n    # a code comment\n\n> # quoted')
		).toEqual([
			{ kind: 'heading', text: 'Title' },
			{ kind: 'body', text: 'Intro.' },
			{ kind: 'heading', text: 'Part one' },
			{ kind: 'body', text: '# a code comment' },
			{ kind: 'heading', text: 'quoted' }
		]);
	});

	it('reads lists and tables as one block each, a line per item or row', () => {
		expect(markdownToBlocks('- [x] done\n- two\n  - nested\n\n| a | b |\n|---|---|\n| 1 | 2 |')).toEqual([
			{ kind: 'body', text: 'done\ntwo\nnested' },
			{ kind: 'body', text: 'a  b\n1  2' }
		]);
	});

	it('leaves snake_case, arithmetic and code spans alone, and decodes character references in prose', () => {
		expect(markdownToBlocks('use max_tokens and 2 * 3 * 4')).toEqual([
			{ kind: 'body', text: 'use max_tokens and 2 * 3 * 4' }
		]);
		expect(markdownToBlocks('AT&amp;T writes `&amp;`, caf&#233;<br>next')[0]!.text).toBe(
			'AT&T writes &amp;, café\nnext'
		);
	});
});
