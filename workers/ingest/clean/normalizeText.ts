// Text as it comes out of documents carries invisible differences (decomposed accents, NBSPs, zero-width
// characters, stray control bytes from PDFs) that make equal text hash differently and waste tokens. This puts
// every piece of text in one form before records are built and hashed.

// C0/C1 controls except \t and \n, plus characters that are invisible in text: BOM, zero-width space, soft hyphen.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B\u2060\uFEFF]/g;
// Horizontal whitespace other than the tab: NBSP, the en/em spaces, the ideographic space and so on.
const SPACES = /[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

/**
 * NFC-normalises, strips control characters (keeping \n and \t), unifies line ends, collapses runs of spaces,
 * trims each line and keeps at most one blank line between paragraphs.
 *
 * @example
 * normalizeText('Cafe\u0301\u00A0 au\u0007 lait  \r\n\r\n\r\n\r\nNext'); // 'Café au lait\n\nNext'
 */
export function normalizeText(text: string): string {
	return text
		.normalize('NFC')
		.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
		.replace(INVISIBLE, '')
		.replace(SPACES, ' ')
		.split('\n')
		.map((line) => line.trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
