// Shortens text for a preview without cutting a word in half: the cut falls at the last space that fits, or, in text
// written without spaces (Chinese, Japanese, Thai) or one long token (a URL), at the last word or character boundary
// that fits. Lengths count user-perceived characters (grapheme clusters), so an emoji or an accented letter is never
// split, and the ellipsis that marks a cut counts towards the limit.

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** The ellipsis appended when text was cut. */
export const ELLIPSIS = '…';

/**
 * `text` unchanged when it has at most `maxChars` characters; otherwise its longest whole-word start that fits with
 * an ellipsis after it.
 *
 * @example
 * truncateAtWord('Workers fan the hive with their wings', 20); // 'Workers fan the…'
 * truncateAtWord('short', 20); // 'short'
 */
export function truncateAtWord(text: string, maxChars: number): string {
	if (text.length <= maxChars) return text;
	if (maxChars < 1) return '';
	// The UTF-16 offset after the first maxChars - 1 characters, and whether there are more than maxChars at all.
	let cut = 0;
	let count = 0;
	let over = false;
	for (const { index } of graphemes.segment(text)) {
		if (count === maxChars - 1) cut = index;
		if (count === maxChars) {
			over = true;
			break;
		}
		count++;
	}
	if (!over) return text;
	if (cut === 0) return ELLIPSIS;
	return text.slice(0, wordBoundaryBefore(text, cut)).replace(/[\s,;:–—-]+$/u, '') + ELLIPSIS;
}

/**
 * The last offset ≤ `cut` where a word ends: a space, else a word-segment boundary, else `cut` itself (the first word
 * alone is longer than the preview: showing its start beats showing nothing).
 */
function wordBoundaryBefore(text: string, cut: number): number {
	if (/\s/u.test(text[cut]!)) return cut;
	const space = text.slice(0, cut).search(/\s\S*$/u);
	if (space > 0) return space;
	let boundary = 0;
	for (const { index } of words.segment(text)) {
		if (index > cut) break;
		boundary = index;
	}
	return boundary > 0 ? boundary : cut;
}
