// One ModelFactory fine-tune: a LoRA adapter trained on the training split over a frozen base, with the settings'
// warmup and decay, weight decay and clipping, one fixed batch shape, a seeded batch order, validation loss at
// intervals, evenly spaced adapter snapshots, and a checkpoint every `checkpointEvery` steps (and on pause) from
// which a resumed run continues bit for bit. The same code runs in the training worker (WebGPU or Wasm) and in
// `provena train` (Wasm in Node).
import { tree } from '@jax-js/jax';
import type { LoraAdapter } from '../core/loraAdapter.ts';
import { loraScale } from '../core/loraAdapter.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { adamwInit } from '../training/adamw.ts';
import { releaseEvaluation } from '../training/evaluateBatches.ts';
import { hostAdapterFromJax } from '../training/exportPeftAdapter.ts';
import { initLoraAdapter } from '../training/initLoraAdapter.ts';
import { jaxLoraFromAdapter, type JaxForwardSettings, type JaxWeights } from '../training/jaxForward.ts';
import { toJaxBatch, TrainingBatchError } from '../training/loss.ts';
import { loraTrainStep, NonFiniteStepError, releaseTrainSteps, type LoraTrainState } from '../training/trainStep.ts';
import type { AdapterSnapshot, FineTuneCheckpoint, FineTuneLog } from './checkpoint.ts';
import { classifyTrainingError } from './classifyTrainingError.ts';
import {
	CheckpointMismatchError,
	FineTuneSettingsError,
	NoTrainingExamplesError,
	learningRateAfterDivergence,
	NonFiniteLossError
} from './errors.ts';
import {
	adamwConfig,
	exampleBatch,
	keptSnapshotSteps,
	learningRates,
	loraShape,
	MAX_GRAD_NORM,
	stepBatches,
	trainingSteps
} from './fineTunePlan.ts';
import { validateFineTuneSettings, type FineTuneSettings } from './fineTuneSettings.ts';
import { fineTuneFingerprint, type FineTuneFingerprint } from './fingerprint.ts';
import type { TrainingExample } from './trainingExamples.ts';
import { validationLoss } from './validationLoss.ts';

/** A progress report: after every step, and after every validation. */
export type FineTuneProgress =
	| {
			kind: 'step';
			/** Steps done (1-based). */
			step: number;
			totalSteps: number;
			loss: number;
			learningRate: number;
			/** Before clipping. */
			gradNorm: number;
			/** Target tokens trained per second since this run (or resume) started. */
			tokensPerSecond: number;
			/** Seconds since this run (or resume) started. */
			elapsed: number;
			/** Seconds left at this run's average pace. */
			eta: number;
	  }
	| { kind: 'validation'; step: number; loss: number };

/** Options of {@link runFineTune}. */
export type RunFineTuneOptions = {
	config: ModelConfig;
	/** The frozen base on the jax device; not consumed. */
	base: JaxWeights;
	/** fingerprintBaseModel of the base's host weights: a checkpoint of another base is refused. */
	baseFingerprint: string;
	train: readonly TrainingExample[];
	validation: readonly TrainingExample[];
	settings: FineTuneSettings;
	/** Continue this checkpoint (made from the same settings, data and base). */
	resumeFrom?: FineTuneCheckpoint;
	onProgress?: (progress: FineTuneProgress) => void;
	/** Awaited every `checkpointEvery` steps, at the end, and when the signal stops the run. */
	onCheckpoint?: (checkpoint: FineTuneCheckpoint) => void | Promise<void>;
	/** Checked before every step: an aborted run saves a checkpoint and returns it (pause and cancel alike). */
	signal?: AbortSignal;
};

/** A run that reached its last step. */
export type CompletedFineTune = {
	aborted: false;
	settings: FineTuneSettings;
	/** The final adapter (also the last snapshot). */
	adapter: LoraAdapter;
	/** The kept snapshots, evenly spaced, the last at the final step. */
	snapshots: AdapterSnapshot[];
	log: FineTuneLog;
	totalSteps: number;
	trainCount: number;
	validationCount: number;
	/** The final state, for storing or publishing later. */
	checkpoint: FineTuneCheckpoint;
	/** This session's wall time and target tokens per second (a resumed run counts from its resume). */
	seconds: number;
	tokensPerSecond: number;
};

/** What {@link runFineTune} returns: the trained adapter, or the checkpoint of a run stopped by its signal. */
export type FineTuneResult = CompletedFineTune | { aborted: true; checkpoint: FineTuneCheckpoint };

/**
 * Trains (or resumes) a LoRA adapter. Throws FineTuneSettingsError, NoTrainingExamplesError,
 * CheckpointMismatchError, NonFiniteLossError (carrying the state before the bad step), TrainingOutOfMemoryError or
 * TrainingDeviceLostError.
 *
 * @example
 * const result = await runFineTune({
 * 	config, base, baseFingerprint, train, validation, settings,
 * 	onProgress: (p) => p.kind === 'step' && console.error(`step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(3)}`),
 * 	onCheckpoint: (c) => writeFile('run.ckpt', encodeCheckpoint(c))
 * });
 */
export async function runFineTune(options: RunFineTuneOptions): Promise<FineTuneResult> {
	const { config, base, train, validation, settings, signal } = options;
	const errors = validateFineTuneSettings(settings, config);
	if (Object.keys(errors).length > 0)
		throw new FineTuneSettingsError(`The settings cannot train: ${Object.values(errors).join(' ')}`, { errors });
	if (train.length === 0)
		throw new NoTrainingExamplesError('The training split is empty: add records, or lower the validation share.');
	// Checked up front, so a mismatch fails before the first step rather than at the batch that holds it.
	const tooLong = [...train, ...validation].find((example) => example.tokenIds.length > settings.maxSeqLength);
	if (tooLong)
		throw new TrainingBatchError(
			`Example ${tooLong.recordId} has ${tooLong.tokenIds.length} tokens, more than the sequence length of ` +
				`${settings.maxSeqLength}: build the examples with the run's maxSeqLength.`
		);
	const totalSteps = trainingSteps(settings.duration, train.length, settings.batchSize);
	const rates = learningRates(settings, totalSteps);
	const keptSteps = keptSnapshotSteps(totalSteps, settings.keptCheckpoints);
	const order = stepBatches(train.length, settings, totalSteps);
	const fingerprint = await fineTuneFingerprint(settings, train, validation, options.baseFingerprint);
	if (options.resumeFrom) checkResumable(options.resumeFrom, fingerprint);

	const shape = loraShape(settings);
	const forward: JaxForwardSettings = { config, loraScale: loraScale(shape) };
	const resume = options.resumeFrom;
	const lora = jaxLoraFromAdapter(config, resume?.adapter ?? initLoraAdapter(config, shape, settings.seed));
	const state: LoraTrainState = {
		settings: forward,
		base,
		lora,
		optimizer: resume
			? {
					m: jaxLoraFromAdapter(config, { ...shape, tensors: resume.optimizer.m }),
					v: jaxLoraFromAdapter(config, { ...shape, tensors: resume.optimizer.v }),
					step: resume.optimizer.step
				}
			: adamwInit(lora)
	};
	const log: FineTuneLog = resume ? copyLog(resume.log) : emptyLog();
	const snapshots: AdapterSnapshot[] = resume ? [...resume.snapshots] : [];
	let step = resume?.step ?? 0;
	let lastCheckpointStep = resume?.step;
	const checkpointNow = async (): Promise<FineTuneCheckpoint> => ({
		fingerprint,
		settings,
		step,
		totalSteps,
		trainCount: train.length,
		validationCount: validation.length,
		adapter: await hostAdapterFromJax(state.lora, shape),
		optimizer: {
			step: state.optimizer.step,
			m: (await hostAdapterFromJax(state.optimizer.m, shape)).tensors,
			v: (await hostAdapterFromJax(state.optimizer.v, shape)).tensors
		},
		log: copyLog(log),
		snapshots: [...snapshots]
	});
	const saveCheckpoint = async (): Promise<FineTuneCheckpoint> => {
		const checkpoint = await checkpointNow();
		await options.onCheckpoint?.(checkpoint);
		lastCheckpointStep = step;
		return checkpoint;
	};

	const started = performance.now();
	const firstStep = step;
	let sessionTokens = 0;
	try {
		while (step < totalSteps) {
			if (signal?.aborted) return { aborted: true, checkpoint: await saveCheckpoint() };
			const host = exampleBatch(train, order[step]!, settings);
			const batch = toJaxBatch(host);
			const learningRate = rates[step]!;
			let result;
			try {
				result = await loraTrainStep(state, batch, {
					learningRate,
					maxGradNorm: MAX_GRAD_NORM,
					adamw: adamwConfig(settings),
					stopOnNonFinite: true
				});
			} catch (error) {
				if (error instanceof NonFiniteStepError) throw await nonFinite(error, step, learningRate);
				throw error;
			} finally {
				tree.dispose([batch.inputIds, batch.targets, batch.weights]);
			}
			step++;
			log.losses.push(result.loss);
			log.learningRates.push(learningRate);
			log.gradNorms.push(result.gradNorm);
			log.targetTokens.push(host.count);
			sessionTokens += host.count;
			const elapsed = (performance.now() - started) / 1000;
			options.onProgress?.({
				kind: 'step',
				step,
				totalSteps,
				loss: result.loss,
				learningRate,
				gradNorm: result.gradNorm,
				tokensPerSecond: elapsed > 0 ? sessionTokens / elapsed : 0,
				elapsed,
				eta: (elapsed / (step - firstStep)) * (totalSteps - step)
			});
			if (keptSteps.includes(step)) {
				const previous = snapshots.at(-1)?.step ?? 0;
				snapshots.push({
					step,
					learningRate: mean(rates.slice(previous, step)),
					adapter: await hostAdapterFromJax(state.lora, shape)
				});
			}
			if (validation.length > 0 && (step % settings.validateEvery === 0 || step === totalSteps)) {
				const loss = await validationLoss(forward, base, state.lora, validation, settings);
				log.validation.push({ step, loss });
				options.onProgress?.({ kind: 'validation', step, loss });
			}
			if (step % settings.checkpointEvery === 0 && step < totalSteps) await saveCheckpoint();
		}
		const checkpoint = await saveCheckpoint();
		const seconds = (performance.now() - started) / 1000;
		return {
			aborted: false,
			settings,
			adapter: checkpoint.adapter,
			snapshots: checkpoint.snapshots,
			log: checkpoint.log,
			totalSteps,
			trainCount: train.length,
			validationCount: validation.length,
			checkpoint,
			seconds,
			tokensPerSecond: seconds > 0 ? sessionTokens / seconds : 0
		};
	} catch (error) {
		throw classifyTrainingError(error, {
			settings,
			...(lastCheckpointStep === undefined ? {} : { lastCheckpointStep })
		});
	} finally {
		release(state, forward);
	}

	async function nonFinite(error: NonFiniteStepError, at: number, learningRate: number): Promise<NonFiniteLossError> {
		const suggested = learningRateAfterDivergence(settings.learningRate);
		return new NonFiniteLossError(
			`The loss became ${Number.isFinite(error.loss) ? 'unstable' : error.loss} at step ${at + 1} (learning rate ` +
				`${learningRate.toPrecision(3)}): lower the learning rate (try ${suggested}) and start again.`,
			{ cause: error, checkpoint: await checkpointNow(), suggestedLearningRate: suggested }
		);
	}
}

/** Refuses a checkpoint made from other inputs, naming which ones differ. */
function checkResumable(checkpoint: FineTuneCheckpoint, fingerprint: FineTuneFingerprint): void {
	const differ = (['settings', 'data', 'base'] as const).filter((k) => checkpoint.fingerprint[k] !== fingerprint[k]);
	if (differ.length === 0) return;
	const names = { settings: 'the settings', data: 'the training data', base: 'the base model' };
	throw new CheckpointMismatchError(
		`This checkpoint was made with other inputs (${differ.map((k) => names[k]).join(', ')} differ), so it cannot ` +
			'continue this run: resume with the inputs it was made from, or start a new run.'
	);
}

function release(state: LoraTrainState, forward: JaxForwardSettings): void {
	try {
		tree.dispose([state.lora, state.optimizer.m, state.optimizer.v]);
	} catch {
		// A step that failed half-way may have consumed some of these already; what is left is freed with the run.
	}
	releaseTrainSteps(forward);
	releaseEvaluation(forward);
}

function emptyLog(): FineTuneLog {
	return { losses: [], learningRates: [], gradNorms: [], targetTokens: [], validation: [] };
}

function copyLog(log: FineTuneLog): FineTuneLog {
	return {
		losses: [...log.losses],
		learningRates: [...log.learningRates],
		gradNorms: [...log.gradNorms],
		targetTokens: [...log.targetTokens],
		validation: log.validation.map((entry) => ({ ...entry }))
	};
}

function mean(values: readonly number[]): number {
	return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}
