import { describe, expect, it } from 'vitest';
import { formatReport } from './formatReport.ts';

describe('formatReport', () => {
	it('aligns rows and says whether each target is met', () => {
		const text = formatReport({
			suite: 'gas',
			title: 'Gas',
			environment: 'anvil',
			rows: [
				{ name: 'claim', value: 31_123, unit: 'gas', target: 50_000 },
				{ name: 'recordInference, 1 paid', value: 90_647, unit: 'gas', target: 85_000 },
				{ name: 'stake', value: 108_455, unit: 'gas' }
			],
			notes: ['a note']
		});
		const lines = text.split('\n');
		expect(lines[0]).toBe('Gas');
		expect(lines.find((line) => line.startsWith('claim'))).toMatch(/31,123 +gas +≤ 50,000 +met$/);
		expect(lines.find((line) => line.startsWith('recordInference'))).toMatch(/90,647 +gas +≤ 85,000 +over$/);
		expect(lines.find((line) => line.startsWith('stake'))).toMatch(/108,455 +gas$/);
		// Values are right-aligned in one column.
		const ends = lines.filter((line) => / gas/.test(line)).map((line) => line.indexOf(' gas'));
		expect(new Set(ends).size).toBe(1);
		expect(lines.at(-1)).toBe('  a note');
	});
});
