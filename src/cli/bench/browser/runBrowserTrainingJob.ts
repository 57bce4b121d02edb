// Runs one browser measurement of the `modelfactory` bench: opens a fresh headless Chromium on the bench page with the
// `modelfactory-training` suite (workers/bench/modelFactoryTraining.ts) and the job's options, and returns what the
// page measured. A page that runs past its time, crashes or fails becomes a stopped measurement saying where and why,
// never an exception: the grid goes on with the next shape, as the Node half does with a process per shape.
import { jobLabel } from '../modelFactoryPlan.ts';
import type { BrowserTrainingMeasurement, TrainingPhase } from '../../../../workers/bench/measureBrowserTraining.ts';
import { defaultBenchModelDir } from './decodeVsTransformers.ts';
import type { BrowserTrainingJobPlan } from './modelFactoryBrowserPlan.ts';
import { benchAssetsUrl, BrowserBenchRunError, runBrowserBench, type BrowserBenchAsset } from './runBrowserBench.ts';

/** The worker-side suite that measures one job. */
const SUITE = 'modelfactory-training';

// A renderer that runs out of memory is killed ("Target crashed"); jax-js and V8 say so in words otherwise.
const OUT_OF_MEMORY = /out of memory|memory32 limit|maximum memory size|allocation failed|crash/i;

/** One job and what its page measured (or where it stopped). */
export type BrowserTrainingJobResult = {
	job: BrowserTrainingJobPlan;
	/** The browser and WebGPU adapter, when the page got far enough to say. */
	environment?: string;
	measurement: BrowserTrainingMeasurement;
};

/** How a job is named in rows and logs: "chromium-webgpu default 4×128". */
export function browserJobLabel(job: BrowserTrainingJobPlan): string {
	return `chromium-${job.backend} ${jobLabel(job)}`;
}

/**
 * Measures `job` in a page of its own, stopped after `timeoutSeconds`.
 *
 * @example
 * const { measurement } = await runBrowserTrainingJob(job, 120, console.error);
 */
export async function runBrowserTrainingJob(
	job: BrowserTrainingJobPlan,
	timeoutSeconds: number,
	log: (line: string) => void
): Promise<BrowserTrainingJobResult> {
	const label = browserJobLabel(job);
	let phase: TrainingPhase = 'start';
	const progress = (line: string) => {
		// The same progress lines as the Node half's job process: they say how far a page got before it stopped.
		if (/jax-js started/.test(line)) phase = 'weights';
		else if (/parameters ready/.test(line)) phase = 'first step';
		else if (/^step 0 /.test(line)) phase = 'steps';
		else if (line.startsWith(`step ${job.steps} `)) phase = 'checkpoint';
		log(`${label}: ${line}`);
	};
	const base = benchAssetsUrl(SUITE);
	// The default model's folder is served; the 135M shape is its config alone (a file, not a query option, which would
	// fill the log): the page makes the weights with the Node half's seed, nothing is downloaded.
	const served: { options: Record<string, string>; assets: BrowserBenchAsset[] } =
		job.model.id === 'default'
			? { options: { modelUrl: `${base}model/` }, assets: [{ to: 'model', from: defaultBenchModelDir }] }
			: {
					options: { configUrl: `${base}model-config.json` },
					assets: [{ to: 'model-config.json', bytes: new TextEncoder().encode(JSON.stringify(job.model.config)) }]
				};
	try {
		const result = await runBrowserBench({
			suite: SUITE,
			options: {
				backend: job.backend,
				model: job.model.id,
				...served.options,
				batch: String(job.batch),
				seq: String(job.seq),
				steps: String(job.steps),
				checkpoint: job.checkpoint ? '1' : '0'
			},
			assets: served.assets,
			log: progress,
			timeoutMs: timeoutSeconds * 1000
		});
		const measurement = result.rows[0]?.details?.['measurement'] as BrowserTrainingMeasurement | undefined;
		if (!measurement) return { job, measurement: stopped(phase, `the page returned no measurement`) };
		return { job, environment: result.environment, measurement };
	} catch (error) {
		const setting = job.model.id === 'default' ? 'TIMEOUT' : 'LARGE_TIMEOUT';
		const limit = `stopped after ${timeoutSeconds} s (PROVENA_BENCH_FACTORY_BROWSER_${setting})`;
		return { job, measurement: stoppedByError(error, phase, limit) };
	}
}

/** A page that ended without a measurement, as a stopped one: out of time, out of memory (a crash), or an error. */
function stoppedByError(error: unknown, phase: TrainingPhase, limit: string): BrowserTrainingMeasurement {
	const cause = error instanceof Error ? error.cause : undefined;
	if (error instanceof BrowserBenchRunError && cause instanceof Error && cause.name === 'TimeoutError')
		return { ...stopped(phase, limit), timedOut: true };
	const message =
		error instanceof BrowserBenchRunError ? error.shortMessage : error instanceof Error ? error.message : String(error);
	const details = error instanceof BrowserBenchRunError && error.details ? ` (${error.details.split('\n')[0]})` : '';
	const text = `${message}${details}`;
	return { ...stopped(phase, text), outOfMemory: OUT_OF_MEMORY.test(text) };
}

function stopped(phase: TrainingPhase, error: string): BrowserTrainingMeasurement & { ok: false } {
	return {
		parameters: 0,
		loraParameters: 0,
		weightsSeconds: 0,
		estimatedBytes: 0,
		wasmBytes: 0,
		gpuBufferBytes: 0,
		ok: false,
		phase,
		outOfMemory: false,
		timedOut: false,
		error
	};
}
