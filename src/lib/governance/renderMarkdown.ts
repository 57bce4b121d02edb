// A proposal's description as HTML. markdown-it with `html: false` escapes every tag written in the text, so the
// output holds only the tags markdown itself produces, and its link validator refuses javascript:, vbscript:,
// file: and data: (other than images) URLs: safe by construction, with no sanitiser to keep in step.
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: true });

/** Renders markdown `text` to HTML that is safe to put in the page with {@html}. */
export function renderMarkdown(text: string): string {
	return markdown.render(text);
}
