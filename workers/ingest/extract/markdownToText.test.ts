import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './decodeUtf8.ts';
import { markdownToText } from './markdownToText.ts';
import { sample } from '../testdata/samples.ts';

describe('markdownToText', () => {
	it('keeps the prose of a real Markdown file and drops its markup', () => {
		const text = markdownToText(decodeUtf8(sample('contract-basics.md'), 'contract-basics.md'));
		expect(text).not.toContain('title: Contract basics');
		expect(text).toContain('Contract basics\n');
		expect(text).toContain(
			'A contract is a promise the law will enforce. See the restatement for the classic definitions used by most American courts.'
		);
		expect(text).toContain('\nAn offer that is definite enough to accept.');
		expect(text).toContain('as the mirror image rule requires.');
		expect(text).toContain('\nA counter-offer is a rejection');
		expect(text).toContain('Offeror  the party who makes the offer');
		expect(text).toContain('offer + acceptance + consideration = contract');
		for (const markup of ['**', '](', '```', '<!--', '| ---', '# ', '> ']) expect(text).not.toContain(markup);
	});

	it('leaves snake_case and arithmetic alone', () => {
		expect(markdownToText('use max_tokens and 2 * 3 * 4')).toBe('use max_tokens and 2 * 3 * 4');
	});
});
