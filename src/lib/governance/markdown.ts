// Proposal descriptions are written by anyone who can propose, so they are rendered with raw HTML switched off:
// markdown-it escapes every tag, and its link validator refuses javascript:, vbscript:, file: and most data: URLs.
// Links open in a new tab without handing the page to the target.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true });

const defaultLinkOpen =
	md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
	const token = tokens[idx]!;
	token.attrSet('rel', 'noopener noreferrer nofollow');
	token.attrSet('target', '_blank');
	return defaultLinkOpen(tokens, idx, options, env, self);
};

/** `markdown` as HTML that is safe to insert into the page: no tags of its own, no script URLs. */
export function renderMarkdown(markdown: string): string {
	return md.render(markdown);
}
