// The trainer's outer loop, shared by the default model's script and (later) ModelFactory: packs token streams
// into fixed-length rows, draws batches in a seeded order, runs full or LoRA steps under a warmup + cosine
// schedule with clipping, reports progress and stops on an AbortSignal. Rows of one fixed length keep a single
// compiled step (a new batch shape would recompile), and the seeded order makes a run repeatable bit for bit.
import { tree } from '@jax-js/jax';
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import { seededRandom } from '../random/seededRandom.ts';
import { learningRateAt, type AdamWConfig } from './adamw.ts';
import { evaluateTokenBatches } from './evaluateBatches.ts';
import type { JaxForwardSettings, JaxLora, JaxWeights } from './jaxForward.ts';
import { nextTokenBatch, toJaxBatch, type JaxTokenBatch, type TokenBatch } from './loss.ts';
import {
	fullTrainStep,
	loraTrainStep,
	type FullTrainState,
	type LoraTrainState,
	type TrainStepResult
} from './trainStep.ts';

/** The training data or loop settings cannot give a single batch. */
export class TrainLoopError extends ProvenaError {
	override name = 'TrainLoopError';
}

/** What is trained: every weight, or a LoRA adapter over a frozen base. */
export type Trainable = { kind: 'full'; state: FullTrainState } | { kind: 'lora'; state: LoraTrainState };

/** One progress report, after each step. */
export type TrainProgress = {
	/** Steps done (1-based). */
	step: number;
	totalSteps: number;
	/** The step's loss (before its update). */
	loss: number;
	learningRate: number;
	gradNorm: number;
	/** Seconds since the loop started. */
	elapsed: number;
	/** Seconds left at the average pace so far. */
	eta: number;
};

/** Settings of {@link trainLoop}. */
export type TrainLoopOptions = {
	steps: number;
	batchSize: number;
	/** Seeds the batch order. */
	seed: number;
	peakLearningRate: number;
	warmupSteps: number;
	/** Where the cosine decay ends (default 10% of the peak). */
	minimumLearningRate?: number;
	/** Global-norm clipping (default 1). */
	maxGradNorm?: number;
	adamw?: AdamWConfig;
	onProgress?: (progress: TrainProgress) => void;
	/** Checked before every step; an aborted loop returns what it has. */
	signal?: AbortSignal;
};

/** What {@link trainLoop} returns; the state it was given holds the trained weights. */
export type TrainLoopResult = { losses: number[]; gradNorms: number[]; aborted: boolean; seconds: number };

/**
 * Concatenates token streams and cuts them into rows of `rowLength` tokens (the remainder is dropped).
 *
 * @example
 * packTokenRows([[1, 2, 3], [4, 5]], 2); // [[1, 2], [3, 4]]
 */
export function packTokenRows(streams: readonly (readonly number[])[], rowLength: number): number[][] {
	if (!Number.isInteger(rowLength) || rowLength < 2)
		throw new TrainLoopError(`rowLength must be an integer ≥ 2, got ${rowLength}.`);
	const rows: number[][] = [];
	let row: number[] = [];
	for (const stream of streams) {
		for (const token of stream) {
			row.push(token);
			if (row.length === rowLength) {
				rows.push(row);
				row = [];
			}
		}
	}
	return rows;
}

/**
 * Row indices of every batch: each epoch is a seeded shuffle of all rows, and batches run across epoch ends.
 *
 * @example
 * batchSchedule(10, 4, 3, 1); // three batches of four distinct-within-epoch row indices, the same every run
 */
export function batchSchedule(rowCount: number, batchSize: number, steps: number, seed: number): number[][] {
	if (rowCount < 1) throw new TrainLoopError('There are no training rows: give more text or shorter rows.');
	if (!Number.isInteger(batchSize) || batchSize < 1)
		throw new TrainLoopError(`batchSize must be a positive integer, got ${batchSize}.`);
	const random = seededRandom(seed);
	const order: number[] = [];
	const batches: number[][] = [];
	for (let step = 0; step < steps; step++) {
		const batch: number[] = [];
		while (batch.length < batchSize) {
			if (order.length === 0) {
				const epoch = Array.from({ length: rowCount }, (_, i) => i);
				for (let i = epoch.length - 1; i > 0; i--) {
					const j = Math.floor(random.uniform() * (i + 1));
					[epoch[i], epoch[j]] = [epoch[j]!, epoch[i]!];
				}
				order.push(...epoch.reverse());
			}
			batch.push(order.pop()!);
		}
		batches.push(batch);
	}
	return batches;
}

/**
 * Trains `trainable` on `rows` (all of one length) for `options.steps` steps; the state is updated in place.
 *
 * @example
 * const rows = packTokenRows(documents.map((d) => tokenizer.encode(d)), 128);
 * const { losses } = await trainLoop({ kind: 'full', state }, rows, {
 * 	steps: 600, batchSize: 16, seed: 1, peakLearningRate: 3e-3, warmupSteps: 30,
 * 	onProgress: (p) => console.error(`step ${p.step} loss ${p.loss.toFixed(3)}`)
 * });
 */
export async function trainLoop(
	trainable: Trainable,
	rows: readonly (readonly number[])[],
	options: TrainLoopOptions
): Promise<TrainLoopResult> {
	const { steps, batchSize, seed, peakLearningRate, warmupSteps } = options;
	checkRows(rows);
	const schedule = {
		kind: 'cosine' as const,
		peak: peakLearningRate,
		warmupSteps: Math.min(warmupSteps, steps),
		totalSteps: steps,
		minimum: options.minimumLearningRate ?? peakLearningRate * 0.1
	};
	const batches = batchSchedule(rows.length, batchSize, steps, seed);
	const losses: number[] = [];
	const gradNorms: number[] = [];
	const started = performance.now();
	let aborted = false;
	for (let step = 0; step < steps; step++) {
		if (options.signal?.aborted) {
			aborted = true;
			break;
		}
		const learningRate = learningRateAt(schedule, step);
		const batch = toJaxBatch(
			nextTokenBatch(
				batches[step]!.map((i) => rows[i]!),
				0
			)
		);
		const stepOptions = {
			learningRate,
			maxGradNorm: options.maxGradNorm ?? 1,
			...(options.adamw ? { adamw: options.adamw } : {})
		};
		let result: TrainStepResult;
		try {
			result =
				trainable.kind === 'full'
					? await fullTrainStep(trainable.state, batch, stepOptions)
					: await loraTrainStep(trainable.state, batch, stepOptions);
		} finally {
			disposeBatch(batch);
		}
		losses.push(result.loss);
		gradNorms.push(result.gradNorm);
		const elapsed = (performance.now() - started) / 1000;
		options.onProgress?.({
			step: step + 1,
			totalSteps: steps,
			loss: result.loss,
			learningRate,
			gradNorm: result.gradNorm,
			elapsed,
			eta: (elapsed / (step + 1)) * (steps - step - 1)
		});
	}
	return { losses, gradNorms, aborted, seconds: (performance.now() - started) / 1000 };
}

/**
 * The mean next-token loss over `rows` (all of one length), in batches of `batchSize`; consumes nothing. A LoRA
 * adapter is applied when given (with `settings.loraScale`).
 *
 * @example
 * const heldOut = await evaluateLoss(state.settings, state.weights, undefined, validationRows, 16);
 */
export async function evaluateLoss(
	settings: JaxForwardSettings,
	weights: JaxWeights,
	lora: JaxLora | undefined,
	rows: readonly (readonly number[])[],
	batchSize: number
): Promise<number> {
	checkRows(rows);
	// Built lazily, one batch per evaluation, so the host holds one batch at a time.
	const batches = function* (): Generator<TokenBatch> {
		for (let start = 0; start < rows.length; start += batchSize) {
			// The last batch wraps around to stay full: one batch shape, one compilation.
			const picked = Array.from({ length: batchSize }, (_, i) => rows[(start + i) % rows.length]!);
			const host = nextTokenBatch(picked, 0);
			const real = Math.min(batchSize, rows.length - start);
			// Wrapped rows weigh nothing, so the batch's loss is the mean over its real rows.
			host.weights.fill(0, real * host.seqLength);
			host.count = real * (host.seqLength - 1);
			yield host;
		}
	};
	return (await evaluateTokenBatches(settings, weights, lora, batches())).loss;
}

function checkRows(rows: readonly (readonly number[])[]): void {
	if (rows.length === 0) throw new TrainLoopError('There are no training rows: give more text or shorter rows.');
	const length = rows[0]!.length;
	if (rows.some((row) => row.length !== length))
		throw new TrainLoopError('Training rows must all have one length; pack them with packTokenRows.');
}

function disposeBatch(batch: JaxTokenBatch): void {
	tree.dispose([batch.inputIds, batch.targets, batch.weights]);
}
