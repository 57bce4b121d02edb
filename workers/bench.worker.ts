// The bench worker: runs one browser benchmark suite (workers/ml/bench/) off the main thread, where the app's
// engines run, and streams its progress lines to the /bench page.
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { expose, reportProgress } from './rpc/expose.ts';
import { BrowserBenchError, type BrowserBenchResult } from './ml/bench/browserBench.ts';
import { browserBenches, isBrowserBenchName } from './ml/bench/browserBenches.ts';

const api = {
	/** Runs the suite `name` with the page's query options; progress values are strings. */
	run: async (signal: AbortSignal, name: string, options: Record<string, string>): Promise<BrowserBenchResult> => {
		if (!isBrowserBenchName(name)) {
			throw new BrowserBenchError(
				`There is no browser benchmark "${name}"; use one of: ${Object.keys(browserBenches).join(', ')}.`
			);
		}
		return browserBenches[name].run({
			options,
			ortWasmUrl: wasmUrl,
			gpu: (self.navigator as Navigator & { gpu?: GPU }).gpu,
			log: (line) => reportProgress(signal, line),
			signal
		});
	}
};

export type BenchApi = typeof api;

expose(api);
