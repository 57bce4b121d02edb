import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
	it('renders markdown', () => {
		const html = renderMarkdown('Because **spam**.\n\n- one\n- [docs](https://example.org/a)');
		expect(html).toContain('<strong>spam</strong>');
		expect(html).toContain('<li>one</li>');
		expect(html).toContain(
			'<a href="https://example.org/a" rel="noopener noreferrer nofollow" target="_blank">docs</a>'
		);
	});

	it('escapes a script tag', () => {
		const html = renderMarkdown('Hello <script>alert(1)</script>');
		expect(html).not.toContain('<script');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
	});

	it('escapes an image with an event handler, inline and as a block', () => {
		for (const text of ['<img src=x onerror="alert(1)">', 'text <img src=x onerror=alert(1)> more']) {
			const html = renderMarkdown(text);
			expect(html).not.toMatch(/<img/i);
			expect(html).toContain('&lt;img');
		}
	});

	it('refuses javascript: links, also disguised', () => {
		for (const text of [
			'[click](javascript:alert(1))',
			'[click](JaVaScRiPt:alert(1))',
			'[click](  javascript:alert(1))',
			'[click](vbscript:msgbox)',
			'[click](data:text/html;base64,PHNjcmlwdD4=)',
			'<javascript:alert(1)>'
		]) {
			const html = renderMarkdown(text);
			expect(html, text).not.toMatch(/href="\s*(javascript|vbscript|data:text)/i);
			expect(html, text).not.toMatch(/<a /);
		}
	});

	it('keeps markdown images to http(s) but without any handler', () => {
		const html = renderMarkdown('![x](https://example.org/x.png "t")');
		expect(html).toContain('<img src="https://example.org/x.png" alt="x" title="t">');
		expect(renderMarkdown('![x](javascript:alert(1))')).not.toMatch(/<img/);
	});
});
