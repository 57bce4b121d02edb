// Turns the timed runs of two engines on one backend into the decode benchmark's rows: median TTFT and decode
// speed of each, and their ratios (ours / transformers.js), with every sample kept in the details.
import type { BrowserBenchRow } from './browserBench.ts';
import type { DecodeTiming } from './timeDecode.ts';

/** One engine's runs on one backend, and the provider it actually ran on. */
export type EngineRuns = { backend: string; runs: readonly DecodeTiming[] };

/**
 * The middle value (mean of the two middle ones for an even count).
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Six rows for `backend`: TTFT of each engine and the ratio, decode tok/s of each engine and the ratio.
 * `details` (backends, token counts, tokens chosen) goes on the first row.
 *
 * @example
 * rows.push(...decodeRows('webgpu', { backend: 'webgpu', runs: ours }, { backend: 'webgpu', runs: theirs }, {}));
 */
export function decodeRows(
	backend: string,
	ours: EngineRuns,
	theirs: EngineRuns,
	details: Record<string, unknown>
): BrowserBenchRow[] {
	const stat = (engine: EngineRuns, key: keyof Omit<DecodeTiming, 'tokenIds'>) => ({
		value: median(engine.runs.map((run) => run[key])),
		samples: engine.runs.map((run) => +run[key].toFixed(2))
	});
	const ttft = [stat(ours, 'ttftMs'), stat(theirs, 'ttftMs')] as const;
	const tps = [stat(ours, 'decodeTokensPerSecond'), stat(theirs, 'decodeTokensPerSecond')] as const;
	const oursName = `ours (${ours.backend})`;
	const theirsName = `transformers.js (${theirs.backend})`;
	return [
		{
			name: `${backend}: TTFT, ${oursName}`,
			value: ttft[0].value,
			unit: 'ms',
			details: { ...details, samples: ttft[0].samples }
		},
		{
			name: `${backend}: TTFT, ${theirsName}`,
			value: ttft[1].value,
			unit: 'ms',
			details: { samples: ttft[1].samples }
		},
		{
			name: `${backend}: TTFT ratio ours / transformers.js`,
			value: ttft[0].value / ttft[1].value,
			unit: '× (<1: ours faster)'
		},
		{
			name: `${backend}: decode, ${oursName}`,
			value: tps[0].value,
			unit: 'tok/s',
			details: { samples: tps[0].samples }
		},
		{
			name: `${backend}: decode, ${theirsName}`,
			value: tps[1].value,
			unit: 'tok/s',
			details: { samples: tps[1].samples }
		},
		{
			name: `${backend}: decode ratio ours / transformers.js`,
			value: tps[0].value / tps[1].value,
			unit: '× (>1: ours faster)'
		}
	];
}
