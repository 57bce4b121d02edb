// Markdown to text blocks for training records, read with marked's lexer rather than line by line: a heading becomes
// a heading block (it will start a record); a paragraph, a list, a code block, a quoted paragraph or a table becomes a
// body block. The words a reader sees stay; the markup that only tells a renderer what to do (fences, heading hashes,
// list markers, emphasis, link targets, HTML tags, table rules) goes.
import { Lexer, type Token, type Tokens } from 'marked';
import type { TextBlock } from './extractedDocument.ts';

/**
 * Splits Markdown into heading and body blocks of plain text.
 *
 * @example
 * markdownToBlocks('# Title\n\nSee [the docs](https://x.y) for **more**.');
 * // [{ kind: 'heading', text: 'Title' }, { kind: 'body', text: 'See the docs for more.' }]
 */
export function markdownToBlocks(markdown: string): TextBlock[] {
	// Front matter is metadata, not prose.
	const source = markdown.replace(/\r\n?/g, '\n').replace(/^---\n[\s\S]*?\n---\n/, '');
	const blocks: TextBlock[] = [];
	collect(new Lexer({ gfm: true }).lex(source), blocks);
	return blocks.filter((block) => block.text !== '');
}

function collect(tokens: Token[], blocks: TextBlock[]): void {
	for (const token of tokens as Tokens.Generic[]) {
		switch (token.type) {
			case 'heading':
				blocks.push({ kind: 'heading', text: inline(token.tokens!).trim() });
				break;
			case 'paragraph':
			case 'text':
				blocks.push({ kind: 'body', text: inline(token.tokens ?? [token]).trim() });
				break;
			case 'code':
				blocks.push({ kind: 'body', text: (token as Tokens.Code).text.replace(/^\n+|\s+$/g, '') });
				break;
			case 'blockquote':
				collect(token.tokens!, blocks);
				break;
			case 'list':
				// One block, an item per line: a list is read as a whole, like a paragraph.
				blocks.push({ kind: 'body', text: listLines(token as Tokens.List).join('\n') });
				break;
			case 'table': {
				const table = token as Tokens.Table;
				const rows = [table.header, ...table.rows].map((cells) =>
					cells.map((cell) => inline(cell.tokens).trim()).join('  ')
				);
				blocks.push({ kind: 'body', text: rows.join('\n') });
				break;
			}
			case 'html':
				blocks.push({ kind: 'body', text: stripHtml(token.raw).trim() });
				break;
			// hr, space (blank lines) and def (reference-link targets) carry no prose.
		}
	}
}

/** Each item's blocks as lines; a nested list's items follow their parent's line. */
function listLines(list: Tokens.List): string[] {
	return list.items.flatMap((item) => {
		const inner: TextBlock[] = [];
		collect(item.tokens, inner);
		return inner.map((block) => block.text).filter(Boolean);
	});
}

function inline(tokens: Token[]): string {
	let text = '';
	for (const token of tokens as Tokens.Generic[]) {
		switch (token.type) {
			case 'br':
				text += '\n';
				break;
			case 'html':
				// An inline tag is markup, except a line break.
				if (/^<br\s*\/?>$/i.test(token.raw)) text += '\n';
				break;
			case 'checkbox':
				break;
			case 'text':
				text += token.tokens ? inline(token.tokens) : decodeEntities(token.text as string);
				break;
			default:
				text += token.tokens ? inline(token.tokens) : typeof token.text === 'string' ? token.text : '';
		}
	}
	return text;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

/** Character references in prose, which marked leaves as written (code spans keep them: there they are literal). */
function decodeEntities(text: string): string {
	return text.replace(/&(#\d{1,7}|#x[\da-f]{1,6}|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
		const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
	});
}

const stripHtml = (html: string) => html.replace(/<!--[\s\S]*?(-->|$)/g, '').replace(/<\/?[A-Za-z][^>]*>/g, '');
