// The inference worker: OpenLoRA on onnxruntime-web (WebGPU, or Wasm without it) off the main thread. It holds
// one base model and its adapter slots; the page asks for chats and arenas and receives text as progress events.
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { expose, reportProgress } from './rpc/expose.ts';
import type { ProgressSignal } from './rpc/protocol.ts';
import { configureOrtWebWasm, createOrtWebServingSession } from './ml/serving/ortWebServingSession.ts';
import { runEngineSelfTest, type SelfTestModel } from './ml/engineSelfTest.ts';
import { loadModelFiles } from './ml/model/modelDirectory.ts';
import { openAdapterFileCache } from './ml/serving/adapterFileCache.ts';
import type { AdapterIntegrity } from './ml/serving/adapterIntegrity.ts';
import { OpenLoraEngine, type AnswerEvent, type AnswerSettings } from './ml/serving/openLoraEngine.ts';
import { EngineRequestError } from './ml/serving/errors.ts';
import type { ChatMessage } from './ml/tokenizer/hfTokenizer.ts';
import { folderLabel, folderReader, type FolderSource } from './ml/model/folderSource.ts';
import { planModelDownload, type GpuLimits } from './ml/model/planModelDownload.ts';
import type { DownloadProgress } from './shared/progress/downloadProgress.ts';

configureOrtWebWasm(wasmUrl);

const gpu = () => (self.navigator as Navigator & { gpu?: GPU }).gpu;

/** What opening a model reports: the download's size once planned, each file's progress, then the compile step. */
export type OpenModelProgress =
	{ kind: 'plan'; totalBytes: number } | ({ kind: 'download' } & DownloadProgress) | { kind: 'compile' };

export type { FolderSource };

let engine: OpenLoraEngine | undefined;
let opening: Promise<OpenLoraEngine> | undefined;
let openedId: string | undefined;

// The Wasm backend addresses at most 4 GiB; half of it is what a model may take beside activations.
const WASM_LIMITS: GpuLimits = { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 31, budgetBytes: 2 ** 31 };

/** The limits the model must fit: the GPU adapter's (what the engine's device will ask for), or Wasm's. */
async function engineLimits(): Promise<GpuLimits> {
	const adapter = await gpu()
		?.requestAdapter({ powerPreference: 'high-performance' })
		.catch(() => null);
	if (!adapter) return WASM_LIMITS;
	return {
		maxBufferSize: adapter.limits.maxBufferSize,
		maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize
	};
}

function requireEngine(): OpenLoraEngine {
	if (!engine) throw new EngineRequestError('No model is open yet; open one on the Models page first.');
	return engine;
}

const api = {
	selfTest: async (signal: AbortSignal, model?: SelfTestModel) => runEngineSelfTest(gpu(), signal, model),

	/** Opens a model (once per id; a second call with the same id returns the open one), reporting download progress. */
	openModel: async (signal: ProgressSignal<OpenModelProgress>, modelId: string, source: FolderSource) => {
		if (openedId === modelId && opening) return (await opening).info();
		const previous = engine;
		engine = undefined;
		openedId = modelId;
		opening = (async () => {
			await previous?.release();
			// A model that cannot fit is refused from its config and safetensors header, before the weights download.
			if (source.kind === 'url') {
				const plan = await planModelDownload(source.url, await engineLimits(), { signal });
				reportProgress(signal, { kind: 'plan', totalBytes: plan.totalBytes });
			}
			const read = folderReader(source, signal, (progress) =>
				reportProgress(signal, { kind: 'download', ...progress })
			);
			const files = await loadModelFiles(read, { source: folderLabel(source) });
			reportProgress(signal, { kind: 'compile' });
			const adapterCache = await openAdapterFileCache(self.indexedDB);
			return OpenLoraEngine.open(files, modelId, {
				openServing: (config, weights, layout) => createOrtWebServingSession(config, weights, { gpu: gpu(), layout }),
				adapterCache
			});
		})();
		try {
			engine = await opening;
		} catch (error) {
			opening = undefined;
			openedId = undefined;
			throw error;
		}
		return engine.info();
	},

	/**
	 * Makes adapters loadable by id; their files are fetched (or taken from `files`) the first time one is used. With
	 * `integrity` (a registered model's adapter), its weights must hash to the SHA-256 the chain records.
	 */
	registerAdapter: async (
		_signal: AbortSignal,
		adapterId: string,
		source: FolderSource,
		integrity?: AdapterIntegrity
	) => {
		requireEngine().registerAdapter(adapterId, {
			read: folderReader(source),
			label: folderLabel(source),
			...(integrity ? { integrity } : {})
		});
	},

	/** Loads an adapter into a GPU slot now; says which tier it came from. */
	preloadAdapter: async (_signal: AbortSignal, adapterId: string) => requireEngine().preload(adapterId),

	chat: async (
		signal: ProgressSignal<AnswerEvent>,
		messages: ChatMessage[],
		adapterId: string | undefined,
		settings: AnswerSettings
	) => requireEngine().chat(messages, adapterId, settings, (event) => reportProgress(signal, event), signal),

	arena: async (
		signal: ProgressSignal<AnswerEvent>,
		messages: ChatMessage[],
		adapterIds: (string | undefined)[],
		settings: AnswerSettings
	) => requireEngine().arena(messages, adapterIds, settings, (event) => reportProgress(signal, event), signal),

	/** The open model, the resident adapters and the engine's recoveries. */
	status: async () => {
		const open = requireEngine();
		return { info: open.info(), resident: open.resident(), recoveries: open.recoveries };
	},

	/** Loses the GPU device as a driver reset would (the device-loss test). */
	loseDeviceForTesting: async () => requireEngine().loseDeviceForTesting()
};

export type InferenceApi = typeof api;

expose(api);
