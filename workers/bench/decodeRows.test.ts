// The decode benchmark's arithmetic: medians and the direction of its ratios.
import { describe, expect, it } from 'vitest';
import { decodeRows, median } from './decodeRows.ts';

describe('decodeRows', () => {
	it('takes medians', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 3, 2])).toBe(2.5);
	});

	it('reports each engine and ours / transformers.js', () => {
		const run = (ttftMs: number, decodeTokensPerSecond: number) => ({ ttftMs, decodeTokensPerSecond, tokenIds: [] });
		const rows = decodeRows(
			'wasm',
			{ backend: 'wasm', runs: [run(10, 100), run(30, 300), run(20, 200)] },
			{ backend: 'wasm', runs: [run(40, 100)] },
			{ newTokens: 64 }
		);
		expect(rows.map((row) => [row.name, row.value])).toEqual([
			['wasm: TTFT, ours (wasm)', 20],
			['wasm: TTFT, transformers.js (wasm)', 40],
			['wasm: TTFT ratio ours / transformers.js', 0.5],
			['wasm: decode, ours (wasm)', 200],
			['wasm: decode, transformers.js (wasm)', 100],
			['wasm: decode ratio ours / transformers.js', 2]
		]);
		expect(rows[0]!.details).toEqual({ newTokens: 64, samples: [10, 30, 20] });
	});
});
