import { describe, expect, it } from 'vitest';
import { proposalBody, proposalDescription, proposalTitle } from './proposalTitle.ts';

describe('proposal titles', () => {
	it('reads the first line as the title and the rest as the body', () => {
		const description = proposalDescription('Raise the threshold', 'Because **spam**.\n\n- one\n- two');
		expect(proposalTitle(description)).toBe('Raise the threshold');
		expect(proposalBody(description)).toBe('Because **spam**.\n\n- one\n- two');
	});

	it('reads descriptions written elsewhere: no heading mark, leading blank lines', () => {
		expect(proposalTitle('\n\n  Plain title\nbody')).toBe('Plain title');
		expect(proposalBody('\n\n  Plain title\nbody')).toBe('body');
	});

	it('names an empty description', () => {
		expect(proposalTitle('  \n')).toBe('Untitled proposal');
		expect(proposalBody('')).toBe('');
	});
});
