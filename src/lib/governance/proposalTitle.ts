// A proposal's title is the first line of its description, as Tally and the Compound pages read it: the form
// writes "# Title", then a blank line, then the body in markdown.

/** The description's first non-empty line without its heading marks, or a fallback for an empty description. */
export function proposalTitle(description: string): string {
	const first = description.split('\n').find((line) => line.trim() !== '');
	const title = first?.replace(/^\s*#+\s*/, '').trim();
	return title || 'Untitled proposal';
}

/** The description without the title line: the body to render as markdown. */
export function proposalBody(description: string): string {
	const lines = description.split('\n');
	const index = lines.findIndex((line) => line.trim() !== '');
	return index === -1
		? ''
		: lines
				.slice(index + 1)
				.join('\n')
				.trim();
}

/** The description the Governor stores for a title and a markdown body. */
export function proposalDescription(title: string, body: string): string {
	return body.trim() ? `# ${title.trim()}\n\n${body.trim()}\n` : `# ${title.trim()}\n`;
}
