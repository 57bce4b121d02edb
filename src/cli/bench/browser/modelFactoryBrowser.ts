// The browser half of the `modelfactory` bench: ModelFactory's LoRA training in headless Chromium, on jax-js WebGPU
// and on jax-js Wasm, one page per shape (runBrowserTrainingJob.ts), over the browser plan's default-model grid and up
// its 135M ladder per backend until a shape stops. The `modelfactory` suite runs it after the Node half and reports
// both together; `modelfactory-browser` (modelFactoryBrowserSuite.ts) runs it alone.
import type { ModelFactoryBrowserPlan } from './modelFactoryBrowserPlan.ts';
import { runBrowserTrainingJob, type BrowserTrainingJobResult } from './runBrowserTrainingJob.ts';

/**
 * Runs every job of `plan`, one page at a time; a shape that stops ends its backend's ladder, never the run.
 *
 * @example
 * const results = await runModelFactoryBrowser(modelFactoryBrowserPlan(process.env), log);
 */
export async function runModelFactoryBrowser(
	plan: ModelFactoryBrowserPlan,
	log: (line: string) => void
): Promise<BrowserTrainingJobResult[]> {
	const results: BrowserTrainingJobResult[] = [];
	for (const job of plan.grid) results.push(await runBrowserTrainingJob(job, plan.timeoutSeconds, log));
	for (const ladder of plan.ladders)
		for (const job of ladder) {
			const result = await runBrowserTrainingJob(job, plan.largeTimeoutSeconds, log);
			results.push(result);
			if (!result.measurement.ok) break;
		}
	return results;
}

/**
 * The environment line of the browser half: the browser, its WebGPU adapter and how jax-js ran, as the page said.
 *
 * @example
 * browserEnvironment(results); // "Chromium: HeadlessChrome/156.0.0.0, WebGPU adapter: google swiftshader (CPU), …"
 */
export function browserEnvironment(results: readonly BrowserTrainingJobResult[]): string {
	const said = results.find((result) => result.environment)?.environment;
	return `Chromium: ${said ?? 'no page got far enough to say which browser and adapter'}, one page per shape`;
}
