// Headers, footers and legal lines repeat on every page and teach a model nothing. This drops them, conservatively:
// a line must repeat on most pages of a paged document, or match a narrow pattern (page numbers, cookie banners,
// copyright notices), to go. Anything else is kept.

const PAGE_NUMBER = /^(page\s+\d+(\s*(of|\/)\s*\d+)?|\d+\s*(\/|of)\s*\d+|-\s*\d+\s*-)$/i;
const COOKIE =
	/\b(we use cookies|this (web)?site uses cookies|accept (all )?cookies|cookie (policy|settings|preferences))\b/i;
// A notice, not prose about copyright: it names a year or reserves rights.
const COPYRIGHT = /^(©|\(c\)|copyright\b)(?=.*(\b(19|20)\d{2}\b|all rights reserved))[^\n]{0,160}$/i;

/** Each page's blocks with boilerplate lines removed (a block left empty is ''), and how many lines went. */
export type BoilerplateResult = { pages: string[][]; droppedLines: number };

/**
 * Removes repeated header/footer lines across pages and page-number, cookie and copyright lines. A page is the text
 * of its blocks (headings and paragraphs); the blocks keep their places, so the caller can map them back.
 *
 * @example
 * dropBoilerplate([['Acme Manual', 'Intro text\nPage 1 of 3'], ['Acme Manual', 'More\nPage 2 of 3'], ['Acme Manual', 'End\nPage 3 of 3']]);
 * // { pages: [['', 'Intro text'], ['', 'More'], ['', 'End']], droppedLines: 6 }
 */
export function dropBoilerplate(pages: string[][]): BoilerplateResult {
	const repeated = repeatedLines(pages);
	let droppedLines = 0;
	const cleaned = pages.map((blocks) =>
		blocks.map((block) =>
			block
				.split('\n')
				.filter((line) => {
					const trimmed = line.trim();
					if (!trimmed) return true;
					const drop =
						repeated.has(shape(trimmed)) ||
						PAGE_NUMBER.test(trimmed) ||
						(trimmed.length < 200 && COOKIE.test(trimmed)) ||
						COPYRIGHT.test(trimmed);
					if (drop) droppedLines++;
					return !drop;
				})
				.join('\n')
				.replace(/\n{3,}/g, '\n\n')
				.trim()
		)
	);
	return { pages: cleaned, droppedLines };
}

/** Lines (numbers masked, so "Chapter 2 · p. 14" matches its siblings) present on at least 3 pages and over half. */
function repeatedLines(pages: string[][]): Set<string> {
	if (pages.length < 3) return new Set();
	const counts = new Map<string, number>();
	for (const page of pages)
		for (const line of new Set(
			page
				.flatMap((block) => block.split('\n'))
				.map((l) => shape(l.trim()))
				.filter(Boolean)
		))
			counts.set(line, (counts.get(line) ?? 0) + 1);
	return new Set([...counts].filter(([, count]) => count >= 3 && count > pages.length / 2).map(([line]) => line));
}

const shape = (line: string) => line.replace(/\d+/g, '#');
