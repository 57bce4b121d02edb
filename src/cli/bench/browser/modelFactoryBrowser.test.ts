import { describe, expect, it } from 'vitest';
import type { BrowserTrainingMeasurement } from '../../../../workers/bench/measureBrowserTraining.ts';
import { formatReport } from '../formatReport.ts';
import { BenchPlanError, SMOLLM2_135M_CONFIG, type BenchModel, type TrainingJobResult } from '../modelFactoryPlan.ts';
import { browserEnvironment } from './modelFactoryBrowser.ts';
import { browserHalfEnabled, modelFactoryBrowserPlan, type BrowserTrainingJobPlan } from './modelFactoryBrowserPlan.ts';
import { modelFactoryBrowserNotes, modelFactoryBrowserRows } from './modelFactoryBrowserRows.ts';
import type { BrowserTrainingJobResult } from './runBrowserTrainingJob.ts';

const MIB = 1024 * 1024;

const model = (id: 'default' | 'smollm2-135m'): BenchModel =>
	id === 'default' ? { id } : { id, config: SMOLLM2_135M_CONFIG };

const browserJob = (
	backend: 'webgpu' | 'wasm',
	id: 'default' | 'smollm2-135m',
	batch: number,
	seq: number
): BrowserTrainingJobPlan => ({ backend, model: model(id), batch, seq, steps: 2, checkpoint: false });

const measured = (job: BrowserTrainingJobPlan, seconds: number): BrowserTrainingJobResult => ({
	job,
	environment: 'HeadlessChrome/156.0.0.0, WebGPU adapter: google swiftshader (CPU), jax-js Wasm on one thread',
	measurement: {
		parameters: job.model.id === 'default' ? 1e6 : 135e6,
		loraParameters: 1000,
		weightsSeconds: 1,
		estimatedBytes: 100 * MIB,
		wasmBytes: job.backend === 'wasm' ? 300 * MIB : 0,
		gpuBufferBytes: job.backend === 'webgpu' ? 200 * MIB : 0,
		ok: true,
		firstStepSeconds: 20,
		stepSeconds: [seconds, seconds * 3, seconds]
	}
});

const stopped = (
	job: BrowserTrainingJobPlan,
	failure: Partial<BrowserTrainingMeasurement>
): BrowserTrainingJobResult => ({
	job,
	measurement: {
		...measured(job, 0).measurement,
		ok: false,
		phase: 'first step',
		outOfMemory: false,
		timedOut: false,
		error: 'stopped after 240 s (PROVENA_BENCH_FACTORY_BROWSER_LARGE_TIMEOUT)',
		...failure
	} as BrowserTrainingMeasurement
});

const nodeResult = (
	id: 'default' | 'smollm2-135m',
	batch: number,
	seq: number,
	seconds: number
): TrainingJobResult => ({
	job: { model: model(id), batch, seq, steps: 3, checkpoint: false },
	parameters: 1e6,
	loraParameters: 1000,
	weightsSeconds: 1,
	wasmBytes: 0,
	maxRssBytes: 0,
	estimatedBytes: 0,
	ok: true,
	firstStepSeconds: 5,
	stepSeconds: [seconds]
});

describe('the modelfactory browser plan', () => {
	it('measures a small grid per backend and the 135M shape at 1 × 64 by default', () => {
		const plan = modelFactoryBrowserPlan({});
		expect(plan.backends).toEqual(['webgpu', 'wasm']);
		expect(plan.grid.map((job) => `${job.backend} ${job.batch}×${job.seq}`)).toEqual([
			'webgpu 1×64',
			'webgpu 4×64',
			'webgpu 1×128',
			'wasm 1×64',
			'wasm 4×64',
			'wasm 1×128'
		]);
		// One checkpoint per backend and model.
		expect(plan.grid.filter((job) => job.checkpoint).map((job) => job.backend)).toEqual(['webgpu', 'wasm']);
		expect(
			plan.ladders.map((ladder) => ladder.map((job) => `${job.backend} ${job.model.id} ${job.batch}×${job.seq}`))
		).toEqual([['webgpu smollm2-135m 1×64'], ['wasm smollm2-135m 1×64']]);
		expect(plan.ladders[0]![0]!.model).toEqual({ id: 'smollm2-135m', config: SMOLLM2_135M_CONFIG });
	});

	it('reads its sizes from the environment and refuses nonsense', () => {
		const plan = modelFactoryBrowserPlan({
			PROVENA_BENCH_FACTORY_BROWSER_BACKENDS: 'wasm',
			PROVENA_BENCH_FACTORY_BROWSER_SHAPES: '2x32',
			PROVENA_BENCH_FACTORY_BROWSER_LARGE: '',
			PROVENA_BENCH_FACTORY_BROWSER_STEPS: '5'
		});
		expect(plan.grid).toEqual([
			{ backend: 'wasm', model: { id: 'default' }, batch: 2, seq: 32, steps: 5, checkpoint: true }
		]);
		expect(plan.ladders).toEqual([[]]);
		expect(() => modelFactoryBrowserPlan({ PROVENA_BENCH_FACTORY_BROWSER_BACKENDS: 'webgl' })).toThrow(BenchPlanError);
		expect(() => modelFactoryBrowserPlan({ PROVENA_BENCH_FACTORY_BROWSER_SHAPES: '4 by 64' })).toThrow(BenchPlanError);
		expect(() => modelFactoryBrowserPlan({ PROVENA_BENCH_FACTORY_BROWSER_TIMEOUT: '0' })).toThrow(BenchPlanError);
		expect(browserHalfEnabled({})).toBe(true);
		expect(browserHalfEnabled({ PROVENA_BENCH_FACTORY_BROWSER: '0' })).toBe(false);
	});
});

describe('the modelfactory browser rows', () => {
	const browser = [
		measured(browserJob('webgpu', 'default', 1, 64), 0.4),
		measured(browserJob('webgpu', 'default', 4, 64), 1.6),
		measured(browserJob('wasm', 'default', 1, 64), 0.1),
		measured(browserJob('wasm', 'smollm2-135m', 1, 64), 32),
		stopped(browserJob('webgpu', 'smollm2-135m', 1, 64), { timedOut: true })
	];
	const node = [nodeResult('default', 1, 64, 0.08), nodeResult('smollm2-135m', 1, 64, 16)];

	it('reports step time as the median, tokens/s, memory per backend and a stop with its reason', () => {
		const rows = modelFactoryBrowserRows(browser, node);
		const value = (name: string) => rows.find((row) => row.name === name)?.value;
		expect(value('chromium-webgpu default 1×64 step time')).toBe(0.4);
		expect(value('chromium-webgpu default 4×64 training tokens/s')).toBe(160);
		expect(value('chromium-webgpu default 1×64 peak GPU buffers')).toBe(200);
		expect(value('chromium-wasm default 1×64 peak Wasm memory')).toBe(300);
		expect(value('chromium-webgpu default step time 4×64 ÷ 1×64')).toBe(4);
		expect(value('tokens/s chromium-wasm smollm2-135m ÷ default at 1×64')).toBe(0.0031);
		const stop = rows.find((row) => row.name.startsWith('chromium-webgpu smollm2-135m 1×64'))!;
		expect(stop.name).toMatch(/too slow: stopped after 240 s .*during the first step/);
		expect(formatReport({ suite: 'modelfactory', title: 't', environment: 'e', rows })).toContain('tokens/s');
	});

	it('divides WebGPU by Wasm by Node at each shape measured in the same run', () => {
		const rows = modelFactoryBrowserRows(browser, node);
		const value = (name: string) => rows.find((row) => row.name === name)?.value;
		expect(value('tokens/s chromium-webgpu ÷ chromium-wasm, default 1×64')).toBe(0.25);
		expect(value('tokens/s chromium-wasm ÷ node-wasm, default 1×64')).toBe(0.8);
		expect(value('tokens/s chromium-webgpu ÷ node-wasm, default 1×64')).toBe(0.2);
		expect(value('tokens/s chromium-wasm ÷ node-wasm, smollm2-135m 1×64')).toBe(0.5);
		// The WebGPU 135M page stopped: it has no rate to divide.
		expect(rows.some((row) => row.name === 'tokens/s chromium-webgpu ÷ node-wasm, smollm2-135m 1×64')).toBe(false);
	});

	it('says where the 135M ladder stopped per backend and names the software adapter', () => {
		const notes = modelFactoryBrowserNotes(browser, node);
		expect(notes).toContainEqual(
			expect.stringMatching(/^chromium-webgpu smollm2-135m: stopped at 1×64, too slow.*no shape trained\.$/)
		);
		expect(notes).toContainEqual(
			expect.stringMatching(/^chromium-wasm smollm2-135m: every shape tried trained \(up to 1×64\)/)
		);
		expect(notes.some((note) => note.includes('SwiftShader'))).toBe(true);
		expect(browserEnvironment(browser)).toMatch(/^Chromium: HeadlessChrome/);
		expect(browserEnvironment([])).toMatch(/no page got far enough/);
	});
});
