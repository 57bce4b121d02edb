// The Chromium side of the attribution bench's costs: the same measurements as the Node suite (attributionCosts.ts)
// in a Web Worker, at the corpus sizes of the `sizes` option: SA-IS builds, span index build and size, a 256-token
// answer's span attribution with the index bytes it read, and gradient scoring against 10^3 and 10^4 sketches.
import { gradientScoringRows, spanQueryRows, suffixArrayBuild } from './attributionCosts.ts';
import { option, type BrowserBench, type BrowserBenchRow } from './browserBench.ts';

export const attributionCostsBrowser: BrowserBench = {
	title: 'Attribution costs in Chromium: suffix arrays, span index and query, gradient scoring',
	async run({ options, log, signal }) {
		const sizes = option(options, 'sizes', '1e6').split(',').map(Number);
		const rows: BrowserBenchRow[] = [];
		for (const size of sizes) {
			signal.throwIfAborted();
			log(`suffix array of ${size.toLocaleString('en')} tokens…`);
			rows.push(suffixArrayBuild(size).row);
			rows.push(...(await spanQueryRows(size, log)));
		}
		rows.push(...gradientScoringRows([1_000, 10_000]));
		return { environment: navigator.userAgent, rows };
	}
};
