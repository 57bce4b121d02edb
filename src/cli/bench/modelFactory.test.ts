import { describe, expect, it } from 'vitest';
import { BenchPlanError, modelFactoryPlan, SMOLLM2_135M_CONFIG, type TrainingJobResult } from './modelFactoryPlan.ts';
import { median, modelFactoryRows } from './modelFactoryRows.ts';
import { formatReport } from './formatReport.ts';

const measured = (
	model: 'default' | 'smollm2-135m',
	batch: number,
	seq: number,
	seconds: number
): TrainingJobResult => ({
	job: {
		model: model === 'default' ? { id: model } : { id: model, config: SMOLLM2_135M_CONFIG },
		batch,
		seq,
		steps: 3,
		checkpoint: false
	},
	parameters: model === 'default' ? 1e6 : 135e6,
	loraParameters: 1000,
	weightsSeconds: 1,
	wasmBytes: 200 * 1024 * 1024,
	maxRssBytes: 400 * 1024 * 1024,
	estimatedBytes: 100 * 1024 * 1024,
	ok: true,
	firstStepSeconds: 5,
	stepSeconds: [seconds, seconds * 3, seconds]
});

describe('the modelfactory plan', () => {
	it('measures the default model over batch × length and the 135M shape up a ladder', () => {
		const plan = modelFactoryPlan({});
		expect(plan.grid.map((job) => `${job.batch}×${job.seq}`)).toEqual([
			'1×64',
			'4×64',
			'8×64',
			'1×128',
			'4×128',
			'8×128',
			'1×256',
			'4×256',
			'8×256'
		]);
		expect(plan.grid.filter((job) => job.checkpoint)).toHaveLength(1);
		expect(plan.ladder.map((job) => `${job.model.id} ${job.batch}×${job.seq}`)).toEqual([
			'smollm2-135m 1×64',
			'smollm2-135m 1×128',
			'smollm2-135m 4×128'
		]);
		expect(SMOLLM2_135M_CONFIG).toMatchObject({ hiddenSize: 576, numLayers: 30, numHeads: 9, numKeyValueHeads: 3 });
	});

	it('reads its sizes from the environment and refuses nonsense', () => {
		const plan = modelFactoryPlan({
			PROVENA_BENCH_FACTORY_BATCHES: '2',
			PROVENA_BENCH_FACTORY_SEQS: '32',
			PROVENA_BENCH_FACTORY_LARGE: '',
			PROVENA_BENCH_FACTORY_STEPS: '5'
		});
		expect(plan.grid).toEqual([{ model: { id: 'default' }, batch: 2, seq: 32, steps: 5, checkpoint: true }]);
		expect(plan.ladder).toEqual([]);
		expect(() => modelFactoryPlan({ PROVENA_BENCH_FACTORY_LARGE: '8 by 128' })).toThrow(BenchPlanError);
		expect(() => modelFactoryPlan({ PROVENA_BENCH_FACTORY_STEPS: '0' })).toThrow(BenchPlanError);
	});
});

describe('the modelfactory rows', () => {
	it('reports step time as the median, tokens/s, memory, ratios and a stop with its reason', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 2, 3])).toBe(2.5);
		const stopped: TrainingJobResult = {
			...measured('smollm2-135m', 4, 128, 0),
			ok: false,
			phase: 'first step',
			outOfMemory: true,
			timedOut: false,
			error: 'Allocation exceeds the 4 GiB memory32 limit'
		};
		const rows = modelFactoryRows([
			measured('default', 1, 64, 0.1),
			measured('default', 1, 128, 0.2),
			measured('smollm2-135m', 1, 128, 20),
			stopped
		]);
		const value = (name: string) => rows.find((row) => row.name === name)?.value;
		expect(value('default 1×64 step time')).toBe(0.1);
		expect(value('default 1×128 training tokens/s')).toBe(640);
		expect(value('default 1×64 peak Wasm memory')).toBe(200);
		expect(value('default step time 1×128 ÷ 1×64')).toBe(2);
		expect(value('tokens/s smollm2-135m ÷ default at 1×128')).toBe(0.01);
		const stop = rows.find((row) => row.name.startsWith('smollm2-135m 4×128'))!;
		expect(stop.name).toMatch(/out of memory during the first step/);
		expect(formatReport({ suite: 'modelfactory', title: 't', environment: 'e', rows })).toContain('tokens/s');
	});
});
