// Turns a browser benchmark into a `provena bench` suite: the Node side only says which files to serve and which
// options to pass (prepare), the generic runner does the rest, and the worker's rows become the report.
// Type-only: the worker-side registry imports transformers.js and onnxruntime-web, which the CLI must not load.
import type { BrowserBenchName } from '../../../../workers/bench/browserBenches.ts';
import type { BenchSuite } from '../types.ts';
import { runBrowserBench, type BrowserBenchAsset } from './runBrowserBench.ts';

/** What a browser suite's Node side provides before the page opens. */
export type BrowserBenchPlan = {
	options: Record<string, string>;
	assets: BrowserBenchAsset[];
	timeoutMs?: number;
	/** Stops what prepare started for the run (e.g. an IPFS peer), however the run ends. */
	cleanup?: () => Promise<void>;
};

/**
 * A BenchSuite that runs the browser suite `suite` with what `prepare` returns.
 *
 * @example
 * export const myBench = browserBenchSuite('my-bench', 'What it measures', async () => ({ options: {}, assets: [] }));
 */
export function browserBenchSuite(
	suite: BrowserBenchName,
	title: string,
	prepare: (log: (line: string) => void) => Promise<BrowserBenchPlan>
): BenchSuite {
	return {
		title,
		async run(log) {
			const { cleanup, ...plan } = await prepare(log);
			let result;
			try {
				result = await runBrowserBench({ suite, log, ...plan });
			} finally {
				await cleanup?.();
			}
			return {
				suite,
				title,
				environment: result.environment,
				rows: result.rows,
				...(result.notes ? { notes: result.notes } : {})
			};
		}
	};
}
