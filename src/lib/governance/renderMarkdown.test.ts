import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './renderMarkdown.ts';

describe('renderMarkdown', () => {
	it('renders markdown: headings, emphasis, lists, links', () => {
		const html = renderMarkdown('## Why\n\nLower the **threshold**.\n\n- one\n- two\n\nSee https://example.org');
		expect(html).toContain('<h2>Why</h2>');
		expect(html).toContain('<strong>threshold</strong>');
		expect(html).toContain('<li>one</li>');
		expect(html).toContain('<a href="https://example.org">https://example.org</a>');
	});

	it('keeps no script, no event handler and no javascript: link', () => {
		const html = renderMarkdown(
			[
				'<script>alert(1)</script>',
				'<img src=x onerror="alert(2)">',
				'[click](javascript:alert(3))',
				'[data](data:text/html;base64,PHNjcmlwdD4=)',
				'<a href="javascript:alert(4)">raw</a>',
				'![img](javascript:alert(5))'
			].join('\n\n')
		);
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/<img[^>]*onerror/i);
		expect(html).not.toMatch(/href="javascript:/i);
		expect(html).not.toMatch(/src="javascript:/i);
		expect(html).not.toMatch(/href="data:/i);
		expect(html).not.toMatch(/<a href="javascript/i);
		// The tags are shown as text instead.
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
	});
});
