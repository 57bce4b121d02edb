// The training worker: runs the jax-js trainer off the main thread, on WebGPU when the browser grants an
// adapter and on jax-js's Wasm backend otherwise, saying why it fell back. ModelFactory's fine-tunes run here with
// the same code as `provena train`; checkpoints go to the page as bytes (the page keeps them in IndexedDB), so a
// closed tab or a lost device resumes from the last one.
import { defaultDevice, init, tree, type Device } from '@jax-js/jax';
import { expose, reportProgress } from './rpc/expose.ts';
import type { ProgressSignal } from './rpc/protocol.ts';
import { runTrainerSelfTest } from './ml/training/trainerSelfTest.ts';
import { TrainerStartError } from './ml/training/errors.ts';
import { jaxWeightsFromHost, type JaxWeights } from './ml/training/jaxForward.ts';
import { loadModelFiles, type ModelFiles } from './ml/model/modelDirectory.ts';
import { folderLabel, folderReader, type FolderSource } from './ml/model/folderSource.ts';
import type { ContributedRecord } from './ingest/records/parseRecordsJsonl.ts';
import { decodeCheckpoint, encodeCheckpoint } from './ml/factory/checkpoint.ts';
import { packageFineTune, prepareFineTune, type SourceDetails } from './ml/factory/fineTuneJob.ts';
import type { FineTuneSettings } from './ml/factory/fineTuneSettings.ts';
import { fingerprintBaseModel } from './ml/factory/fingerprint.ts';
import { measureStepTime, type StepTimeMeasurement } from './ml/factory/measureStepTime.ts';
import { runFineTune, type FineTuneProgress } from './ml/factory/runFineTune.ts';
import { trainingSteps } from './ml/factory/fineTunePlan.ts';
import type { FineTuneEvaluation } from './ml/factory/evaluateFineTune.ts';
import type { PublishedFile } from './ml/factory/publishedFolder.ts';
import type { DownloadProgress } from './shared/progress/downloadProgress.ts';

type JaxBackend = { backend: Device; fallbackReason?: string };

let started: Promise<JaxBackend> | undefined;

/** Starts jax-js once per worker: WebGPU if an adapter and device can be had, else Wasm with the reason. */
async function startJax(gpu: GPU | undefined): Promise<JaxBackend> {
	let fallbackReason: string;
	if (!gpu) fallbackReason = 'This browser does not expose WebGPU (navigator.gpu is missing).';
	else if (!(await gpu.requestAdapter().catch(() => null))) {
		fallbackReason = 'The browser granted no WebGPU adapter (WebGPU may be turned off or the GPU blocklisted).';
	} else if ((await init('webgpu')).includes('webgpu')) {
		defaultDevice('webgpu');
		return { backend: 'webgpu' };
	} else {
		fallbackReason = 'jax-js could not open a WebGPU device on the adapter the browser offered.';
	}
	await init('wasm');
	defaultDevice('wasm');
	return { backend: 'wasm', fallbackReason };
}

/** jax-js, started once; a failed start is not cached, so the next call tries again. */
function jaxBackend(): Promise<JaxBackend> {
	started ??= startJax((self.navigator as Navigator & { gpu?: GPU }).gpu).catch((error: unknown) => {
		started = undefined;
		throw new TrainerStartError('The trainer could not start jax-js. Reload the page and try again.', { cause: error });
	});
	return started;
}

/** One data source of a fine-tune: a datanet version's records (or a file's), with its CID and licence. */
export type FineTuneSourceInput = SourceDetails & { records: readonly ContributedRecord[] };

/** What the page asks the worker to train. */
export type FineTuneRequest = {
	model: FolderSource;
	/** adapter_config.json's base_model_name_or_path when config.json has no _name_or_path. */
	baseModelId: string;
	/** The card's title. */
	name?: string;
	sources: readonly FineTuneSourceInput[];
	settings: FineTuneSettings;
	/** A checkpoint this run continues (from the same model, data and settings). */
	resumeFrom?: Uint8Array;
	/** Held-out prompts answered before and after (default 3). */
	samples?: number;
};

/** What the split gave, and where training runs. */
export type PreparedReport = {
	kind: 'prepared';
	examples: number;
	trainCount: number;
	validationCount: number;
	truncated: number;
	skipped: number;
	totalSteps: number;
	backend: Device;
	fallbackReason?: string;
	resumedAt?: number;
};

/** Everything a fine-tune reports while it runs. */
export type FineTuneEvent =
	| ({ kind: 'download' } & DownloadProgress)
	| PreparedReport
	| FineTuneProgress
	| { kind: 'checkpoint'; step: number; totalSteps: number; bytes: Uint8Array }
	| { kind: 'evaluating' };

/** A run stops paused (its checkpoint was reported) or finished with its published folder. */
export type FineTuneOutcome =
	| { kind: 'paused'; step: number; totalSteps: number }
	| {
			kind: 'finished';
			files: PublishedFile[];
			evaluation: FineTuneEvaluation;
			totalSteps: number;
			seconds: number;
			tokensPerSecond: number;
	  };

type LoadedModel = { key: string; files: ModelFiles; base: JaxWeights; fingerprint: string };
let loaded: LoadedModel | undefined;

/** The base model on the jax device, kept between calls (a measure then a run load it once). */
async function loadBase(source: FolderSource, signal: ProgressSignal<FineTuneEvent>): Promise<LoadedModel> {
	const key = source.kind === 'url' ? `url:${source.url}` : `files:${source.label}`;
	if (loaded?.key === key) return loaded;
	if (loaded) tree.dispose(loaded.base);
	loaded = undefined;
	const read = folderReader(source, signal, (progress) => reportProgress(signal, { kind: 'download', ...progress }));
	const files = await loadModelFiles(read, { source: folderLabel(source) });
	loaded = {
		key,
		files,
		base: jaxWeightsFromHost(files.config, files.weights),
		fingerprint: await fingerprintBaseModel(files.weights)
	};
	return loaded;
}

/** Tokenizes and splits the request's sources, reporting the counts. */
async function prepare(request: FineTuneRequest, signal: ProgressSignal<FineTuneEvent>) {
	const { backend, fallbackReason } = await jaxBackend();
	const model = await loadBase(request.model, signal);
	const sources = request.sources.map(({ label, records }) => ({ label, records }));
	const prepared = prepareFineTune(model.files, sources, request.settings);
	const { built, split } = prepared;
	const report: PreparedReport = {
		kind: 'prepared',
		examples: built.examples.length,
		trainCount: split.trainCount,
		validationCount: split.validationCount,
		truncated: built.truncated,
		skipped: built.skipped.length,
		totalSteps: trainingSteps(request.settings.duration, split.trainCount, request.settings.batchSize),
		backend,
		...(fallbackReason ? { fallbackReason } : {})
	};
	return { model, prepared, report };
}

const api = {
	selfTest: async (signal: AbortSignal) => {
		const { fallbackReason } = await jaxBackend();
		const result = await runTrainerSelfTest(signal);
		return fallbackReason ? { ...result, fallbackReason } : result;
	},

	/** A few real steps of the run the request describes: time per step and the projected total. */
	measure: async (
		signal: ProgressSignal<FineTuneEvent>,
		request: FineTuneRequest
	): Promise<StepTimeMeasurement & { prepared: PreparedReport }> => {
		const { model, prepared, report } = await prepare(request, signal);
		reportProgress(signal, report);
		const measured = await measureStepTime({
			config: model.files.config,
			base: model.base,
			train: prepared.split.train,
			settings: request.settings
		});
		return { ...measured, prepared: report };
	},

	/** Trains (or resumes), reporting steps, validations and checkpoints; an abort pauses after a checkpoint. */
	fineTune: async (signal: ProgressSignal<FineTuneEvent>, request: FineTuneRequest): Promise<FineTuneOutcome> => {
		const { model, prepared, report } = await prepare(request, signal);
		const resumeFrom = request.resumeFrom ? decodeCheckpoint(request.resumeFrom) : undefined;
		reportProgress(signal, { ...report, ...(resumeFrom ? { resumedAt: resumeFrom.step } : {}) });
		const result = await runFineTune({
			config: model.files.config,
			base: model.base,
			baseFingerprint: model.fingerprint,
			train: prepared.split.train,
			validation: prepared.split.validation,
			settings: request.settings,
			...(resumeFrom ? { resumeFrom } : {}),
			onProgress: (progress) => reportProgress(signal, progress),
			onCheckpoint: (checkpoint) =>
				reportProgress(signal, {
					kind: 'checkpoint',
					step: checkpoint.step,
					totalSteps: checkpoint.totalSteps,
					bytes: encodeCheckpoint(checkpoint)
				}),
			signal
		});
		if (result.aborted)
			return { kind: 'paused', step: result.checkpoint.step, totalSteps: result.checkpoint.totalSteps };
		reportProgress(signal, { kind: 'evaluating' });
		const { evaluation, files } = await packageFineTune(model.files, model.base, prepared, result, {
			baseModelId: model.files.modelId ?? request.baseModelId,
			...(request.name ? { name: request.name } : {}),
			sourceDetails: request.sources.map(({ label, cid, license }) => ({
				label,
				...(cid ? { cid } : {}),
				...(license ? { license } : {})
			})),
			samples: request.samples ?? 3
		});
		return {
			kind: 'finished',
			files,
			evaluation,
			totalSteps: result.totalSteps,
			seconds: result.seconds,
			tokensPerSecond: result.tokensPerSecond
		};
	}
};

export type TrainingApi = typeof api;

expose(api);
