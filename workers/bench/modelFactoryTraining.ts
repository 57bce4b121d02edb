// Browser suite `modelfactory-training`: one ModelFactory training measurement (measureBrowserTraining.ts) on the
// jax-js backend the `backend` option names, WebGPU or Wasm, in this bench worker, as the training worker would train.
// One page per measurement: jax's Wasm memory only grows and the GPU pool keeps its buffers, so a fresh worker is what
// makes a peak this shape's own, and the harness can close a page that runs past its time without losing the others.
// The harness (src/cli/bench/browser/modelFactoryBrowser.ts) runs the grid and turns the results into the report;
// the single row here carries the measurement in its details.
import { defaultDevice, init } from '@jax-js/jax';
import type { ModelConfig } from '../ml/core/modelConfig.ts';
import {
	BrowserBenchError,
	intOption,
	option,
	type BrowserBench,
	type BrowserBenchContext,
	type BrowserBenchRow
} from './browserBench.ts';
import { describeAdapter } from './describeAdapter.ts';
import {
	measureBrowserTraining,
	type BrowserTrainingJob,
	type BrowserTrainingModel,
	type BrowserTrainingMeasurement,
	type TrainingBackend
} from './measureBrowserTraining.ts';
import { installTrainingMemoryProbe } from './trainingMemoryProbe.ts';

export const modelFactoryTraining: BrowserBench = {
	title: 'ModelFactory training in the browser: LoRA step time, tokens/s, peak memory, checkpoint save and resume',
	async run({ options, gpu, log }) {
		const job = await readJob(options);
		// Before jax-js starts: its Wasm memory and GPU buffers are made by init and by the first arrays.
		const probe = installTrainingMemoryProbe();
		const adapter = await describeAdapter(gpu);
		await startBackend(job.backend, gpu);
		log(`${job.backend}: jax-js started`);
		const measurement = await measureBrowserTraining(job, probe, log);
		return {
			environment:
				`${adapter.userAgent}, WebGPU adapter: ${adapter.description}${adapter.isCpu ? ' (CPU)' : ''}, ` +
				// jax-js runs Wasm kernels on worker threads only where SharedArrayBuffer exists (cross-origin isolation).
				`jax-js Wasm ${typeof SharedArrayBuffer === 'undefined' ? 'on one thread' : 'threaded'}`,
			rows: [measurementRow(job, measurement)]
		};
	}
};

/** The job the query options describe. */
async function readJob(options: BrowserBenchContext['options']): Promise<BrowserTrainingJob> {
	const backend = option(options, 'backend');
	if (backend !== 'webgpu' && backend !== 'wasm')
		throw new BrowserBenchError(`The option "backend" must be webgpu or wasm, got "${backend}".`);
	const modelId = option(options, 'model', 'default');
	let model: BrowserTrainingModel;
	if (modelId === 'default')
		model = { id: 'default', url: new URL(option(options, 'modelUrl'), self.location.href).href };
	else if (modelId === 'smollm2-135m') model = { id: modelId, config: await fetchConfig(option(options, 'configUrl')) };
	else throw new BrowserBenchError(`The option "model" must be default or smollm2-135m, got "${modelId}".`);
	return {
		backend,
		model,
		batch: intOption(options, 'batch', 1),
		seq: intOption(options, 'seq', 64),
		steps: intOption(options, 'steps', 2),
		checkpoint: option(options, 'checkpoint', '0') === '1'
	};
}

/** The 135M shape's config, as the harness serves it (the internal ModelConfig, written as JSON). */
async function fetchConfig(url: string): Promise<ModelConfig> {
	const response = await fetch(new URL(url, self.location.href));
	if (!response.ok)
		throw new BrowserBenchError(`The model config at ${url} could not be read (HTTP ${response.status}).`);
	return (await response.json()) as ModelConfig;
}

/** Starts jax-js on `backend` only, and makes it the default device; says why when WebGPU cannot start. */
async function startBackend(backend: TrainingBackend, gpu: GPU | undefined): Promise<void> {
	if (backend === 'webgpu' && !gpu)
		throw new BrowserBenchError('This browser does not expose WebGPU (navigator.gpu is missing).');
	if (!(await init(backend)).includes(backend))
		throw new BrowserBenchError(
			backend === 'webgpu'
				? 'jax-js could not open a WebGPU device (no adapter granted, or requestDevice failed).'
				: 'jax-js could not start its Wasm backend.'
		);
	defaultDevice(backend);
}

/** The measurement as one row: its step time, or where it stopped; the whole measurement rides in the details. */
function measurementRow(job: BrowserTrainingJob, measurement: BrowserTrainingMeasurement): BrowserBenchRow {
	const label = `${job.backend} ${job.model.id} ${job.batch}×${job.seq}`;
	const details = { measurement };
	if (!measurement.ok)
		return {
			name: `${label}: stopped during the ${measurement.phase}: ${measurement.error}`,
			value: 0,
			unit: '',
			details
		};
	const sorted = [...measurement.stepSeconds].sort((a, b) => a - b);
	const seconds = sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)]! : measurement.firstStepSeconds;
	return { name: `${label} step time`, value: seconds, unit: 's', details };
}
