// What the browser half of the `modelfactory` bench measures in Chromium: per backend (WebGPU, Wasm) a small batch ×
// length grid on the default model and a ladder of shapes on the 135M-class Llama (SmolLM2-135M's config, seeded
// weights made in the page as the Node half makes them), stopped at the first shape that does not fit or runs past
// its time. Smaller than the Node half's grid: each measurement opens a browser of its own, and WebGPU here is
// SwiftShader, a CPU emulation. Sizes come from environment variables. Pure: the suite and its test share it.
import type { TrainingBackend } from '../../../../workers/bench/measureBrowserTraining.ts';
import { BenchPlanError, SMOLLM2_135M_CONFIG, type TrainingJob } from '../modelFactoryPlan.ts';

/** One browser measurement: a Node-half job shape, on one jax-js backend, in a page of its own. */
export type BrowserTrainingJobPlan = TrainingJob & { backend: TrainingBackend };

/** Everything one run of the browser half measures, in order. */
export type ModelFactoryBrowserPlan = {
	backends: TrainingBackend[];
	/** The default model's shapes, per backend. */
	grid: BrowserTrainingJobPlan[];
	/** Per backend, tried in order on the 135M shape; the first that stops ends that backend's ladder. */
	ladders: BrowserTrainingJobPlan[][];
	/** Seconds one default-model page may take (opening it, loading, compiling and stepping). */
	timeoutSeconds: number;
	/** Seconds one 135M page may take. */
	largeTimeoutSeconds: number;
};

/** The environment variables the browser plan reads, with their defaults. */
export const BROWSER_PLAN_DEFAULTS = {
	/** `0` leaves the browser half out of the `modelfactory` suite. */
	PROVENA_BENCH_FACTORY_BROWSER: '1',
	PROVENA_BENCH_FACTORY_BROWSER_BACKENDS: 'webgpu,wasm',
	// Both axes from one corner: batch 1 → 4 at 64 tokens and 64 → 128 tokens at batch 1. A WebGPU page on
	// SwiftShader spends 10–30 s compiling its shaders before the first step, so each shape costs tens of seconds.
	PROVENA_BENCH_FACTORY_BROWSER_SHAPES: '1x64,4x64,1x128',
	PROVENA_BENCH_FACTORY_BROWSER_LARGE: '1x64',
	// As many as the Node half times, so both medians are of three steps.
	PROVENA_BENCH_FACTORY_BROWSER_STEPS: '3',
	PROVENA_BENCH_FACTORY_BROWSER_LARGE_STEPS: '1',
	PROVENA_BENCH_FACTORY_BROWSER_TIMEOUT: '120',
	// A 135M page on SwiftShader took ~185 s here (weights 24 s, first step 84 s, one step 69 s).
	PROVENA_BENCH_FACTORY_BROWSER_LARGE_TIMEOUT: '300'
} as const;

/** Whether the environment asks for the browser half. */
export function browserHalfEnabled(env: Record<string, string | undefined>): boolean {
	return (env.PROVENA_BENCH_FACTORY_BROWSER ?? BROWSER_PLAN_DEFAULTS.PROVENA_BENCH_FACTORY_BROWSER) !== '0';
}

/**
 * The browser plan from environment variables (see {@link BROWSER_PLAN_DEFAULTS}); an empty
 * `PROVENA_BENCH_FACTORY_BROWSER_LARGE=` skips the 135M shape.
 *
 * @example
 * modelFactoryBrowserPlan({ PROVENA_BENCH_FACTORY_BROWSER_BACKENDS: 'wasm' }).grid.length; // 3
 */
export function modelFactoryBrowserPlan(env: Record<string, string | undefined> = {}): ModelFactoryBrowserPlan {
	const read = (name: keyof typeof BROWSER_PLAN_DEFAULTS) => env[name] ?? BROWSER_PLAN_DEFAULTS[name];
	const backends = read('PROVENA_BENCH_FACTORY_BROWSER_BACKENDS')
		.split(',')
		.map((entry) => entry.trim());
	for (const backend of backends)
		if (backend !== 'webgpu' && backend !== 'wasm')
			throw new BenchPlanError(`PROVENA_BENCH_FACTORY_BROWSER_BACKENDS: "${backend}" is not webgpu or wasm.`);
	const steps = positiveInteger(read('PROVENA_BENCH_FACTORY_BROWSER_STEPS'), 'PROVENA_BENCH_FACTORY_BROWSER_STEPS');
	const largeSteps = positiveInteger(
		read('PROVENA_BENCH_FACTORY_BROWSER_LARGE_STEPS'),
		'PROVENA_BENCH_FACTORY_BROWSER_LARGE_STEPS'
	);
	const shapes = batchShapes(read('PROVENA_BENCH_FACTORY_BROWSER_SHAPES'), 'PROVENA_BENCH_FACTORY_BROWSER_SHAPES');
	const largeShapes = batchShapes(read('PROVENA_BENCH_FACTORY_BROWSER_LARGE'), 'PROVENA_BENCH_FACTORY_BROWSER_LARGE');
	const typedBackends = backends as TrainingBackend[];
	return {
		backends: typedBackends,
		grid: typedBackends.flatMap((backend) =>
			shapes.map(([batch, seq], i) => ({
				backend,
				model: { id: 'default' as const },
				batch,
				seq,
				steps,
				// One checkpoint per model and backend: its size depends on the adapter, not on the batch.
				checkpoint: i === 0
			}))
		),
		ladders: typedBackends.map((backend) =>
			largeShapes.map(([batch, seq], i) => ({
				backend,
				model: { id: 'smollm2-135m' as const, config: SMOLLM2_135M_CONFIG },
				batch,
				seq,
				steps: largeSteps,
				checkpoint: i === 0
			}))
		),
		timeoutSeconds: positiveInteger(
			read('PROVENA_BENCH_FACTORY_BROWSER_TIMEOUT'),
			'PROVENA_BENCH_FACTORY_BROWSER_TIMEOUT'
		),
		largeTimeoutSeconds: positiveInteger(
			read('PROVENA_BENCH_FACTORY_BROWSER_LARGE_TIMEOUT'),
			'PROVENA_BENCH_FACTORY_BROWSER_LARGE_TIMEOUT'
		)
	};
}

/** "1x64,4x128" → [[1, 64], [4, 128]]; empty → []. */
function batchShapes(value: string, name: string): [number, number][] {
	if (value.trim() === '') return [];
	return value.split(',').map((entry) => {
		const match = /^\s*(\d+)\s*x\s*(\d+)\s*$/.exec(entry);
		if (!match || Number(match[1]) < 1 || Number(match[2]) < 2)
			throw new BenchPlanError(`${name}: "${entry}" is not BATCHxSEQ (e.g. 1x64).`);
		return [Number(match[1]), Number(match[2])];
	});
}

function positiveInteger(value: string, name: string): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1)
		throw new BenchPlanError(`${name} must be a whole number ≥ 1, got "${value}".`);
	return number;
}
