import { describe, expect, it } from 'vitest';
import type { TrainingExample } from './trainingExamples.ts';
import { heldOutPrompts } from './heldOutPrompts.ts';

const example = (recordId: string, sourceIndex: number, kind: 'pair' | 'text'): TrainingExample => ({
	recordId,
	sourceIndex,
	kind,
	tokenIds: [1, 2],
	lossMask: [0, 1],
	truncated: false
});

describe('heldOutPrompts', () => {
	it('takes validation pairs in order, each record and each prompt text once, up to the limit', () => {
		const sources = [
			{
				label: 'a',
				records: [
					{ id: 'p1', kind: 'pair' as const, prompt: 'Hi?', response: 'Hello.' },
					{ id: 't1', kind: 'text' as const, text: 'Some text.' },
					{ id: 'p2', kind: 'pair' as const, prompt: 'Hi?', response: 'Hey.' }
				]
			},
			{ label: 'b', records: [{ id: 'p3', kind: 'pair' as const, prompt: 'Why?', response: 'Because.' }] }
		];
		const validation = [
			example('t1', 0, 'text'),
			example('p1', 0, 'pair'),
			example('p1', 0, 'pair'),
			example('p2', 0, 'pair'),
			example('p3', 1, 'pair')
		];
		expect(heldOutPrompts(sources, validation, 5)).toEqual([
			{ recordId: 'p1', sourceIndex: 0, prompt: 'Hi?', reference: 'Hello.' },
			{ recordId: 'p3', sourceIndex: 1, prompt: 'Why?', reference: 'Because.' }
		]);
		expect(heldOutPrompts(sources, validation, 1)).toHaveLength(1);
		expect(heldOutPrompts(sources, validation, 0)).toEqual([]);
	});
});
