// Markdown to plain text for training records: the words a reader sees stay, the markup that only tells a
// renderer what to do (fences, heading hashes, emphasis, link targets, HTML tags, table rules) goes.

/**
 * Strips Markdown markup, keeping headings, list items, code and link text as plain lines.
 *
 * @example
 * markdownToText('# Title\n\nSee [the docs](https://x.y) for **more**.'); // 'Title\n\nSee the docs for more.'
 */
export function markdownToText(markdown: string): string {
	let text = markdown.replace(/\r\n?/g, '\n');
	// Front matter is metadata, not prose.
	text = text.replace(/^---\n[\s\S]*?\n---\n/, '');
	text = text.replace(/<!--[\s\S]*?-->/g, '');
	const out: string[] = [];
	let inFence = false;
	for (const line of text.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) {
			inFence = !inFence;
			continue;
		}
		if (inFence) {
			out.push(line);
			continue;
		}
		// Reference-style link definitions and horizontal rules carry no prose.
		if (/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(line) || /^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) continue;
		// Table separator rows (| --- | :-: |).
		if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) continue;
		// Setext heading underlines.
		if (/^\s{0,3}(=+|-+)\s*$/.test(line)) continue;
		out.push(inline(blockPrefix(line)));
	}
	return out.join('\n');
}

function blockPrefix(line: string): string {
	return line
		.replace(/^\s{0,3}#{1,6}\s+/, '')
		.replace(/\s+#+\s*$/, '')
		.replace(/^\s*(>\s?)+/, '')
		.replace(/^\s*([-*+]|\d+[.)])\s+(\[[ xX]\]\s+)?/, '')
		.replace(/^\s*\|(.*)\|\s*$/, (_, cells: string) =>
			cells
				.split('|')
				.map((c) => c.trim())
				.join('  ')
		);
}

function inline(line: string): string {
	return line
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
		.replace(/<(https?:[^>]+)>/g, '$1')
		.replace(/<\/?[A-Za-z][^>]*>/g, '')
		.replace(/`([^`]+)`/g, '$1')
		.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
		.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
		.replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
		.replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');
}
