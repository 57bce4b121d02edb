import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './renderMarkdown.ts';

describe('renderMarkdown', () => {
	it('renders markdown', () => {
		expect(renderMarkdown('# Title\n\n**bold** and `code`\n\n- a\n- b')).toBe(
			'<h1>Title</h1>\n<p><strong>bold</strong> and <code>code</code></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n'
		);
	});

	it('shows raw HTML as text and drops images and unsafe links', () => {
		const html = renderMarkdown(
			'<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> ![alt](http://tracker/p.png) [x](javascript:alert(1)) [ok](https://example.org "t")'
		);
		expect(html).not.toMatch(/<script|<img|javascript:/);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('alt');
		expect(html).toContain('<a href="https://example.org" rel="noreferrer nofollow" target="_blank">ok</a>');
	});

	it('refuses script links however they are disguised', () => {
		for (const text of [
			'[click](JaVaScRiPt:alert(1))',
			'[click](  javascript:alert(1))',
			'[click](vbscript:msgbox)',
			'[click](data:text/html;base64,PHNjcmlwdD4=)',
			'<javascript:alert(1)>'
		]) {
			const html = renderMarkdown(text);
			expect(html, text).not.toMatch(/href="\s*(javascript|vbscript|data:)/i);
			expect(html, text).not.toMatch(/<a /);
		}
	});
});
