// The training worker: runs the jax-js trainer off the main thread, on WebGPU when the browser grants an
// adapter and on jax-js's Wasm backend otherwise, saying why it fell back. ModelFactory's fine-tunes run here with
// the same code as `provena train`; checkpoints go to the page as bytes (the page keeps them in IndexedDB), so a
// closed tab or a lost device resumes from the last one. After a lost GPU device the next call trains on Wasm (jax-js
// cannot open a second device); `?e2e-hooks` tests lose the device and fail a step through the ForTesting calls.
import { defaultDevice, getWebGPUDevice, init, tree, type Device } from '@jax-js/jax';
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
import { runFineTune, type FineTuneProgress, type FineTuneResult } from './ml/factory/runFineTune.ts';
import { trainingSteps } from './ml/factory/fineTunePlan.ts';
import type { FineTuneEvaluation } from './ml/factory/evaluateFineTune.ts';
import type { PublishedFile } from './ml/factory/publishedFolder.ts';
import type { DownloadProgress } from './shared/progress/downloadProgress.ts';
import { ProvenaError } from './shared/errors/ProvenaError.ts';
import { classifyTrainingError } from './ml/factory/classifyTrainingError.ts';
import {
	DeviceWatch,
	gpuErrorAsError,
	isGpuOutOfMemory,
	lostDeviceFallbackReason,
	StepFault
} from './trainingFaults.ts';

type JaxBackend = { backend: Device; fallbackReason?: string };

let started: Promise<JaxBackend> | undefined;
/** The WebGPU device jax-js opened, watched for loss. */
const gpuDevice = new DeviceWatch();
/** A GPU error the next step throws (jax-js only logs them). */
const stepFault = new StepFault();

/** Starts jax-js once per worker: WebGPU if an adapter and device can be had, else Wasm with the reason. */
async function startJax(gpu: GPU | undefined): Promise<JaxBackend> {
	if (!gpu) return startWasm('This browser does not expose WebGPU (navigator.gpu is missing).');
	if (!(await gpu.requestAdapter().catch(() => null)))
		return startWasm('The browser granted no WebGPU adapter (WebGPU may be turned off or the GPU blocklisted).');
	if (!(await init('webgpu')).includes('webgpu'))
		return startWasm('jax-js could not open a WebGPU device on the adapter the browser offered.');
	defaultDevice('webgpu');
	watchGpu(getWebGPUDevice());
	return { backend: 'webgpu' };
}

/**
 * Watches jax-js's device for loss, and for running out of memory: jax-js allocates without error scopes, so that
 * reaches it only as an uncaptured error, which it logs and carries on from (with a buffer that does not exist). The
 * step after it throws the error instead, so the run stops at its last checkpoint with the out-of-memory advice.
 */
function watchGpu(device: GPUDevice): void {
	gpuDevice.watch(device);
	device.addEventListener('uncapturederror', (event) => {
		if (isGpuOutOfMemory(event.error)) stepFault.arm(gpuErrorAsError(event.error));
	});
}

async function startWasm(fallbackReason: string): Promise<JaxBackend> {
	await init('wasm');
	defaultDevice('wasm');
	return { backend: 'wasm', fallbackReason };
}

/**
 * jax-js, started once; a failed start is not cached, so the next call tries again. Once its GPU device is lost,
 * the rest of this worker's calls run on Wasm: jax-js keeps the lost device and cannot open another.
 */
async function jaxBackend(): Promise<JaxBackend> {
	try {
		started ??= startJax((self.navigator as Navigator & { gpu?: GPU }).gpu);
		const jax = await started;
		const lost = gpuDevice.lost;
		if (jax.backend !== 'webgpu' || lost === undefined) return jax;
		started = startWasm(lostDeviceFallbackReason(lost));
		return await started;
	} catch (error) {
		started = undefined;
		throw new TrainerStartError('The trainer could not start jax-js. Reload the page and try again.', { cause: error });
	}
}

/** One data source of a fine-tune: a datanet version's records (or a file's), with its CID and licence. */
export type FineTuneSourceInput = SourceDetails & {
	records: readonly ContributedRecord[];
	/** The contribution of each record (a datanet contribution id), which attribution credits; else the source is one. */
	contributionKeys?: readonly string[];
};

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
	| { kind: 'evaluating' }
	| { kind: 'attribution'; stage: 'spans' | 'gradients'; done: number; total: number };

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

/** The base model on the jax device, kept between calls (a measure then a run load it once) while the device lasts. */
async function loadBase(
	source: FolderSource,
	backend: Device,
	signal: ProgressSignal<FineTuneEvent>
): Promise<LoadedModel> {
	const key = `${backend}:${source.kind === 'url' ? `url:${source.url}` : `files:${source.label}`}`;
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

/**
 * A step that failed because the GPU device was lost, as a TrainingDeviceLostError: the browser's error says only what
 * the interrupted operation saw (a mapping cancelled), so the device is asked. Any other error passes through.
 */
async function unlessDeviceLost(
	error: unknown,
	settings: FineTuneSettings,
	lastCheckpointStep: number | undefined
): Promise<unknown> {
	if (error instanceof ProvenaError) return error;
	const lost = await gpuDevice.confirmLost();
	if (lost === undefined) return error;
	return classifyTrainingError(new Error(`The GPU device was lost: ${lost}`, { cause: error }), {
		settings,
		...(lastCheckpointStep === undefined ? {} : { lastCheckpointStep })
	});
}

/** Tokenizes and splits the request's sources, reporting the counts. */
async function prepare(request: FineTuneRequest, signal: ProgressSignal<FineTuneEvent>) {
	const { backend, fallbackReason } = await jaxBackend();
	const model = await loadBase(request.model, backend, signal);
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
		stepFault.clear();
		try {
			const measured = await measureStepTime({
				config: model.files.config,
				base: model.base,
				train: prepared.split.train,
				settings: request.settings,
				afterStep: () => stepFault.throwIfArmed()
			});
			return { ...measured, prepared: report };
		} catch (error) {
			throw await unlessDeviceLost(error, request.settings, undefined);
		}
	},

	/** Trains (or resumes), reporting steps, validations and checkpoints; an abort pauses after a checkpoint. */
	fineTune: async (signal: ProgressSignal<FineTuneEvent>, request: FineTuneRequest): Promise<FineTuneOutcome> => {
		const { model, prepared, report } = await prepare(request, signal);
		const resumeFrom = request.resumeFrom ? decodeCheckpoint(request.resumeFrom) : undefined;
		reportProgress(signal, { ...report, ...(resumeFrom ? { resumedAt: resumeFrom.step } : {}) });
		stepFault.clear();
		let lastCheckpointStep = resumeFrom?.step;
		let result: FineTuneResult;
		try {
			result = await runFineTune({
				config: model.files.config,
				base: model.base,
				baseFingerprint: model.fingerprint,
				train: prepared.split.train,
				validation: prepared.split.validation,
				settings: request.settings,
				...(resumeFrom ? { resumeFrom } : {}),
				onProgress: (progress) => {
					if (progress.kind === 'step') stepFault.throwIfArmed();
					reportProgress(signal, progress);
				},
				onCheckpoint: (checkpoint) => {
					lastCheckpointStep = checkpoint.step;
					reportProgress(signal, {
						kind: 'checkpoint',
						step: checkpoint.step,
						totalSteps: checkpoint.totalSteps,
						bytes: encodeCheckpoint(checkpoint)
					});
				},
				signal
			});
		} catch (error) {
			throw await unlessDeviceLost(error, request.settings, lastCheckpointStep);
		}
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
			samples: request.samples ?? 3,
			attribution: { onProgress: (progress) => reportProgress(signal, { kind: 'attribution', ...progress }) }
		});
		return {
			kind: 'finished',
			files,
			evaluation,
			totalSteps: result.totalSteps,
			seconds: result.seconds,
			tokensPerSecond: result.tokensPerSecond
		};
	},

	/** Destroys the GPU device jax-js trains on, as a driver reset would: the running step fails as a lost device. */
	loseDeviceForTesting: async () => {
		const { backend } = await jaxBackend();
		if (backend !== 'webgpu') throw new Error(`The trainer runs on ${backend}: there is no GPU device to lose.`);
		getWebGPUDevice().destroy();
	},

	/**
	 * Runs jax-js's GPU device out of memory with one buffer of its largest size: SwiftShader's Vulkan refuses it
	 * (VK_ERROR_OUT_OF_DEVICE_MEMORY) and WebGPU reports a GPUOutOfMemoryError, uncaptured, as it would for jax-js's own
	 * allocations; the running step then fails with it. A GPU with that memory to spare gets the same error event made
	 * here instead ('simulated').
	 */
	outOfMemoryForTesting: async (): Promise<'allocation' | 'simulated'> => {
		const { backend } = await jaxBackend();
		if (backend !== 'webgpu') throw new Error(`The trainer runs on ${backend}: there is no GPU memory to exhaust.`);
		const device = getWebGPUDevice();
		const armed = stepFault.whenArmed();
		const allocate = () =>
			device.createBuffer({ size: device.limits.maxBufferSize, usage: GPUBufferUsage.STORAGE }).destroy();
		// Asked in a scope first, so a device that has the memory is not left with an error it did not have.
		device.pushErrorScope('out-of-memory');
		allocate();
		const refused = (await device.popErrorScope()) !== null;
		if (refused) allocate();
		else {
			const error = new GPUOutOfMemoryError('Simulated out of memory (the device allocated its largest buffer).');
			device.dispatchEvent(new GPUUncapturedErrorEvent('uncapturederror', { error }));
		}
		await armed;
		return refused ? 'allocation' : 'simulated';
	}
};

export type TrainingApi = typeof api;

expose(api);
