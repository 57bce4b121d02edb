// Records counted by kind and tokens, added over versions, and said in words.
import { describe, expect, it } from 'vitest';
import { addRecordCounts, countTrainingRecords, describeRecordCounts } from './trainingRecordCounts.ts';

describe('countTrainingRecords', () => {
	it('tells pairs from texts and adds the tokens it is given', () => {
		const counts = countTrainingRecords([
			{ id: 'a', text: 'Some text.', tokens: 3 },
			{ id: 'b', prompt: 'Q?', response: 'A.', tokens: 4 },
			{ id: 'c', prompt: 'Only a prompt', tokens: 2 },
			{ id: 'd', text: 'No count.' }
		]);
		expect(counts).toEqual({ records: 4, pairs: 1, texts: 3, tokens: 9, withoutTokens: 1 });
		expect(addRecordCounts([counts, counts])).toEqual({ records: 8, pairs: 2, texts: 6, tokens: 18, withoutTokens: 2 });
	});
});

describe('describeRecordCounts', () => {
	it('says the counts with singulars and plurals', () => {
		expect(describeRecordCounts({ records: 3, pairs: 1, texts: 2, tokens: 36, withoutTokens: 0 })).toBe(
			'3 records, 36 tokens: 1 prompt/response pair (chat examples, learning the responses) and 2 texts (next-token examples)'
		);
		expect(describeRecordCounts({ records: 1200, pairs: 0, texts: 1200, tokens: 1, withoutTokens: 1 })).toBe(
			'1,200 records, 1 token (1 record without a token count): 0 prompt/response pairs (chat examples, learning the responses) and 1,200 texts (next-token examples)'
		);
	});
});
