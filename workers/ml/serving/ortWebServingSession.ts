// The onnxruntime-web ServingSession: the built-in WebGPU execution provider (onnxruntime-web/webgpu) on a
// GPUDevice this file requests, with the LoRA pools in GPU buffers and the KV cache kept on the GPU between steps
// (present.* as gpu-buffer outputs fed back as past); the Wasm provider with host pools when the browser grants
// no WebGPU adapter or device. Browser/worker-only; no DOM. The caller points onnxruntime at the app's own .wasm
// (configureOrtWebWasm) before the first session, so nothing is fetched from a CDN.
import * as ort from 'onnxruntime-web/webgpu';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { TensorMap } from '../core/hostTensor.ts';
import { buildDecoderGraph, decoderGraphNames } from '../onnx/buildDecoderGraph.ts';
import { gpuLoraPoolStore } from './loraPoolStore.ts';
import { hostServingSession, ortServingSession, weightBytes } from './ortServingSession.ts';
import type { ServingSession } from '../core/session.ts';
import type { ServingLayout } from './servingTargets.ts';

/** The execution provider a web session runs on. */
export type OrtWebBackend = 'webgpu' | 'wasm';

/** A web serving session, which provider it got, and how to notice the GPU going away. */
export type OrtWebServingSession = ServingSession & {
	readonly backend: OrtWebBackend;
	/** Why WebGPU was not used, when `backend` is 'wasm'. */
	readonly fallbackReason: string | undefined;
	/** The WebGPU device's limits, for fitting models and reports; undefined on Wasm. */
	readonly deviceLimits: GPUSupportedLimits | undefined;
	/** Resolves if the GPU device is lost (driver reset, another tab's crash, destroy()); never on Wasm. */
	readonly deviceLost: Promise<GPUDeviceLostInfo> | undefined;
	/** Loses the device on purpose, as a driver reset would: for the device-loss tests. */
	loseDeviceForTesting(): void;
};

/** Options of {@link createOrtWebServingSession}. */
export type OrtWebServingOptions = {
	/** navigator.gpu of the worker or page; undefined (or no adapter/device) runs on the Wasm provider. */
	gpu?: GPU | undefined;
	/** The pool layout; a session without one serves only the base model. */
	layout?: ServingLayout | undefined;
};

/**
 * Points onnxruntime-web at the app's own Wasm binary (a Vite `?url` import of
 * `onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm`) instead of its CDN default. Single-threaded: the
 * site is not cross-origin isolated, so Wasm threads are unavailable anyway.
 *
 * @example
 * import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
 * configureOrtWebWasm(wasmUrl);
 */
export function configureOrtWebWasm(wasmUrl: string): void {
	ort.env.wasm.wasmPaths = { wasm: wasmUrl };
	ort.env.wasm.numThreads = 1;
	ort.env.wasm.proxy = false;
	ort.env.logLevel = 'error';
}

/** Requests a GPUDevice for onnxruntime, or says why there is none. */
async function requestDevice(gpu: GPU | undefined): Promise<{ device: GPUDevice } | { reason: string }> {
	if (!gpu) return { reason: 'This browser does not expose WebGPU (navigator.gpu is missing).' };
	try {
		const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
		if (!adapter) return { reason: 'WebGPU is present but no GPU adapter was granted.' };
		// onnxruntime's WebGPU kernels want the adapter's larger limits, not the defaults.
		const wanted = [
			'maxBufferSize',
			'maxStorageBufferBindingSize',
			'maxComputeWorkgroupStorageSize',
			'maxComputeInvocationsPerWorkgroup',
			'maxComputeWorkgroupSizeX',
			'maxComputeWorkgroupSizeY',
			'maxComputeWorkgroupSizeZ',
			'maxComputeWorkgroupsPerDimension',
			'maxStorageBuffersPerShaderStage'
		] as const;
		const requiredLimits: Record<string, number> = {};
		for (const name of wanted) requiredLimits[name] = Number(adapter.limits[name]);
		const device = await adapter.requestDevice({ requiredLimits });
		return { device };
	} catch (error) {
		return { reason: `WebGPU could not give a device: ${error instanceof Error ? error.message : String(error)}` };
	}
}

/**
 * Builds the decoder graph for `config` and `weights` (KV cache; pools when `layout` is given) and opens it on
 * onnxruntime-web: the WebGPU provider when a device can be had, the Wasm provider otherwise.
 *
 * @example
 * const serving = await createOrtWebServingSession(config, weights, { gpu: self.navigator.gpu, layout });
 * console.log(serving.backend); // 'webgpu' or 'wasm'
 */
export async function createOrtWebServingSession(
	config: ModelConfig,
	weights: TensorMap,
	options: OrtWebServingOptions = {}
): Promise<OrtWebServingSession> {
	const { layout } = options;
	const model = buildDecoderGraph(config, weights, {
		kvCache: true,
		// WGSL's sin/cos are too coarse for RoPE (see DecoderGraphOptions.ropeTables); the Wasm fallback shares the graph.
		ropeTables: true,
		...(layout ? { lora: layout.targets } : {})
	});

	let fallbackReason: string | undefined;
	const gpu = await requestDevice(options.gpu);
	if ('device' in gpu) {
		const { device } = gpu;
		try {
			// The cache stays on the GPU: each step's present.* are the next step's past, never read back.
			const preferredOutputLocation: Record<string, 'gpu-buffer'> = {};
			for (let layer = 0; layer < config.numLayers; layer++) {
				preferredOutputLocation[decoderGraphNames.presentKey(layer)] = 'gpu-buffer';
				preferredOutputLocation[decoderGraphNames.presentValue(layer)] = 'gpu-buffer';
			}
			const session = await ort.InferenceSession.create(model, {
				executionProviders: [{ name: 'webgpu', device } as ort.InferenceSession.ExecutionProviderConfig],
				preferredOutputLocation
			});
			const serving = ortServingSession({
				TensorClass: ort.Tensor,
				config,
				session,
				...(layout
					? { lora: { ...layout, store: gpuLoraPoolStore(device, ort.Tensor, config, layout.targets, layout) } }
					: {}),
				baseBytes: weightBytes(weights),
				memory: 'gpu',
				engine: 'onnxruntime-web (WebGPU)',
				onRelease: () => device.destroy()
			});
			return {
				...serving,
				backend: 'webgpu',
				fallbackReason: undefined,
				deviceLimits: device.limits,
				deviceLost: device.lost,
				loseDeviceForTesting: () => device.destroy()
			};
		} catch (error) {
			fallbackReason = `onnxruntime could not open the model on WebGPU: ${error instanceof Error ? error.message : String(error)}`;
			device.destroy();
		}
	} else {
		fallbackReason = gpu.reason;
	}
	const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
	const serving = hostServingSession(ort.Tensor, config, weights, session, layout, 'onnxruntime-web (Wasm)');
	return {
		...serving,
		backend: 'wasm',
		fallbackReason,
		deviceLimits: undefined,
		deviceLost: undefined,
		loseDeviceForTesting() {}
	};
}
