// What the `modelfactory` bench measures: the model shapes (the default model, and a 135M-class Llama with
// SmolLM2-135M's config, weights made locally), the batch × sequence grid on the default model, the ladder of shapes
// tried on the large model until one does not fit, and how many steps each measurement times. Sizes come from
// environment variables so a slower machine can measure less. Pure: the suite and its test share it.
import type { ModelConfig } from '../../../workers/ml/core/modelConfig.ts';

/** A model the bench trains: the default model's own files, or a config with seeded weights. */
export type BenchModel = { id: 'default' } | { id: 'smollm2-135m'; config: ModelConfig };

/** One measurement: LoRA steps on one model at one batch shape, in a process of its own. */
export type TrainingJob = {
	model: BenchModel;
	batch: number;
	seq: number;
	/** Steps timed after the first (which compiles). */
	steps: number;
	/** Also time writing and reading a checkpoint of the adapter and AdamW state. */
	checkpoint: boolean;
};

/** Everything one run of the suite measures, in order. */
export type ModelFactoryPlan = {
	grid: TrainingJob[];
	/** Tried in order on the large model; the first that fails (out of memory, time) ends the ladder. */
	ladder: TrainingJob[];
	/** Seconds one measurement may take before it is stopped and reported as too slow. */
	timeoutSeconds: number;
};

/** SmolLM2-135M's architecture (HuggingFaceTB/SmolLM2-135M config.json): the 135M-class shape. */
export const SMOLLM2_135M_CONFIG: ModelConfig = {
	modelType: 'llama',
	vocabSize: 49152,
	hiddenSize: 576,
	intermediateSize: 1536,
	numLayers: 30,
	numHeads: 9,
	numKeyValueHeads: 3,
	headDim: 64,
	rmsNormEps: 1e-5,
	ropeTheta: 100000,
	ropeScaling: { type: 'none' },
	maxPositionEmbeddings: 2048,
	tieWordEmbeddings: true,
	attentionBias: false,
	bosTokenId: 0,
	eosTokenIds: [0]
};

/** The environment variables the plan reads, with their defaults. */
export const PLAN_DEFAULTS = {
	PROVENA_BENCH_FACTORY_BATCHES: '1,4,8',
	PROVENA_BENCH_FACTORY_SEQS: '64,128,256',
	PROVENA_BENCH_FACTORY_LARGE: '1x64,1x128,4x128',
	PROVENA_BENCH_FACTORY_STEPS: '3',
	// A 135M step takes tens of seconds on one Wasm thread: one timed step after the compiling one keeps the suite short.
	PROVENA_BENCH_FACTORY_LARGE_STEPS: '1',
	PROVENA_BENCH_FACTORY_TIMEOUT: '240'
} as const;

/** The plan's settings could not be read. */
export class BenchPlanError extends Error {
	override name = 'BenchPlanError';
}

/**
 * The plan from environment variables (see {@link PLAN_DEFAULTS}); `PROVENA_BENCH_FACTORY_LARGE=` (empty) skips
 * the large model.
 *
 * @example
 * modelFactoryPlan({ PROVENA_BENCH_FACTORY_SEQS: '64' }).grid.length; // 3: batches 1, 4, 8 at 64 tokens
 */
export function modelFactoryPlan(env: Record<string, string | undefined> = {}): ModelFactoryPlan {
	const read = (name: keyof typeof PLAN_DEFAULTS) => env[name] ?? PLAN_DEFAULTS[name];
	const steps = positiveInteger(read('PROVENA_BENCH_FACTORY_STEPS'), 'PROVENA_BENCH_FACTORY_STEPS');
	const largeSteps = positiveInteger(read('PROVENA_BENCH_FACTORY_LARGE_STEPS'), 'PROVENA_BENCH_FACTORY_LARGE_STEPS');
	const timeoutSeconds = positiveInteger(read('PROVENA_BENCH_FACTORY_TIMEOUT'), 'PROVENA_BENCH_FACTORY_TIMEOUT');
	const batches = list(read('PROVENA_BENCH_FACTORY_BATCHES'), 'PROVENA_BENCH_FACTORY_BATCHES');
	const seqs = list(read('PROVENA_BENCH_FACTORY_SEQS'), 'PROVENA_BENCH_FACTORY_SEQS');
	const grid = seqs.flatMap((seq) =>
		batches.map((batch, i): TrainingJob => ({
			model: { id: 'default' },
			batch,
			seq,
			steps,
			// One checkpoint per model is enough: its size depends on the adapter, not on the batch.
			checkpoint: i === 0 && seq === seqs[0]
		}))
	);
	const large = read('PROVENA_BENCH_FACTORY_LARGE').trim();
	const ladder = (large === '' ? [] : large.split(',')).map((entry, i): TrainingJob => {
		const match = /^\s*(\d+)\s*x\s*(\d+)\s*$/.exec(entry);
		if (!match || Number(match[1]) < 1 || Number(match[2]) < 2)
			throw new BenchPlanError(`PROVENA_BENCH_FACTORY_LARGE: "${entry}" is not BATCHxSEQ (e.g. 1x64).`);
		const model: BenchModel = { id: 'smollm2-135m', config: SMOLLM2_135M_CONFIG };
		return { model, batch: Number(match[1]), seq: Number(match[2]), steps: largeSteps, checkpoint: i === 0 };
	});
	return { grid, ladder, timeoutSeconds };
}

/** How a job is named in rows: "default 4×128". */
export function jobLabel(job: Pick<TrainingJob, 'model' | 'batch' | 'seq'>): string {
	return `${job.model.id} ${job.batch}×${job.seq}`;
}

function positiveInteger(value: string, name: string): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1)
		throw new BenchPlanError(`${name} must be a whole number ≥ 1, got "${value}".`);
	return number;
}

function list(value: string, name: string): number[] {
	return value.split(',').map((entry) => positiveInteger(entry.trim(), name));
}

/** Checkpoint timings of one model's adapter and AdamW state, in milliseconds. */
export type CheckpointTiming = {
	bytes: number;
	/** Device → host copies of the adapter and both moments. */
	toHostMs: number;
	/** encodeCheckpoint (safetensors). */
	encodeMs: number;
	/** Written and fsynced to a file. */
	writeMs: number;
	readMs: number;
	/** decodeCheckpoint. */
	decodeMs: number;
	/** Host → device copies back into jax arrays. */
	toDeviceMs: number;
	/** The read-back adapter and moments equal what was written, bit for bit. */
	exact: boolean;
};

/** What one job measured, or where and why it stopped (numbers a stopped process could not report are 0). */
export type TrainingJobResult = {
	job: TrainingJob;
	parameters: number;
	loraParameters: number;
	/** Seconds to make or read the weights and copy them to the device. */
	weightsSeconds: number;
	/** Peak size of jax's Wasm linear memory (it only grows), in bytes; the 4 GiB limit applies to it. */
	wasmBytes: number;
	/** Peak resident set of the whole process (host copies of the weights included), in bytes. */
	maxRssBytes: number;
	/** estimateTrainingMemory's total for the job's shape, in bytes. */
	estimatedBytes: number;
} & (
	| {
			ok: true;
			firstStepSeconds: number;
			stepSeconds: number[];
			checkpoint?: CheckpointTiming;
	  }
	| {
			ok: false;
			/** What was running: loading the weights, compiling (the first step), stepping or the checkpoint. */
			phase: 'weights' | 'first step' | 'steps' | 'checkpoint';
			outOfMemory: boolean;
			timedOut: boolean;
			error: string;
	  }
);
