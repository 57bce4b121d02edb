// Renders markdown written by anyone (a datanet's description on IPFS, a proposal's on chain) for the page. Raw HTML is
// shown as text, images are not loaded (they would reveal readers to whoever hosts them), and only http(s), ipfs and
// mailto links survive; everything else becomes plain text.
import { Marked } from 'marked';

const escapeHtml = (text: string) =>
	text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const safeHref = /^(https?:|ipfs:|mailto:)/i;

const marked = new Marked({
	gfm: true,
	async: false,
	renderer: {
		html: ({ text }) => escapeHtml(text),
		image: ({ text }) => escapeHtml(text),
		link({ href, text }) {
			if (!safeHref.test(href)) return escapeHtml(text);
			return `<a href="${escapeHtml(href)}" rel="noreferrer nofollow" target="_blank">${escapeHtml(text)}</a>`;
		}
	}
});

/**
 * Markdown to HTML that is safe to put in the page with `{@html}`.
 *
 * @example
 * renderMarkdown('**Bold** <script>x</script>'); // '<p><strong>Bold</strong> &lt;script&gt;x&lt;/script&gt;</p>\n'
 */
export function renderMarkdown(markdown: string): string {
	return marked.parse(markdown) as string;
}
