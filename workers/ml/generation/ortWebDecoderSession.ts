// The onnxruntime-web implementation of DecoderSession, over the same graph and feeds as ortNodeDecoderSession:
// the built-in WebGPU execution provider (onnxruntime-web/webgpu) on a GPUDevice this file requests, and the
// Wasm (CPU) provider when the browser grants no WebGPU adapter or device. Browser/worker-only; no DOM.
// The caller points onnxruntime at the app's own .wasm (configureOrtWebWasm) before the first session, so
// nothing is fetched from a CDN.
import * as ort from 'onnxruntime-web/webgpu';
import type { ModelConfig } from '../model/modelConfig.ts';
import type { TensorMap } from '../model/hostTensor.ts';
import { buildDecoderGraph } from '../onnx/buildDecoderGraph.ts';
import type { LoraAdapter } from '../reference/loraAdapter.ts';
import type { DecoderSession } from './decoderSession.ts';
import { loraSlotFeeds, loraSlotTargets, ortDecoderSession, type OrtKvCache } from './ortDecoderSession.ts';

/** The execution provider a web session runs on. */
export type OrtWebBackend = 'webgpu' | 'wasm';

/** A web decoder session, and which execution provider it got. */
export type OrtWebDecoderSession = DecoderSession<OrtKvCache> & {
	readonly backend: OrtWebBackend;
	/** Why WebGPU was not used, when `backend` is 'wasm'. */
	readonly fallbackReason: string | undefined;
};

/** Options of {@link createOrtWebDecoderSession}. */
export type OrtWebDecoderOptions = {
	/** navigator.gpu of the worker or page; undefined (or no adapter/device) runs on the Wasm provider. */
	gpu?: GPU | undefined;
	/** Applied unmerged on top of the base weights, through the graph's LoRA slot pools (slot 1). */
	lora?: LoraAdapter;
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
 * Builds the decoder graph (with a KV cache) for `config` and `weights` and opens it on onnxruntime-web: the
 * WebGPU provider when a device can be had, the Wasm provider otherwise (see `backend`, `fallbackReason`).
 *
 * @example
 * const session = await createOrtWebDecoderSession(config, weights, { gpu: self.navigator.gpu });
 * const { lastLogits, cache } = await session.forward([1, 17, 42], undefined);
 * console.log(session.backend); // 'webgpu' or 'wasm'
 */
export async function createOrtWebDecoderSession(
	config: ModelConfig,
	weights: TensorMap,
	options: OrtWebDecoderOptions = {}
): Promise<OrtWebDecoderSession> {
	const { lora } = options;
	const targets = loraSlotTargets(lora);
	const model = buildDecoderGraph(config, weights, {
		kvCache: true,
		// WGSL's sin/cos are too coarse for RoPE (see DecoderGraphOptions.ropeTables); the Wasm fallback shares the graph.
		ropeTables: true,
		...(targets ? { lora: targets } : {})
	});

	let backend: OrtWebBackend = 'wasm';
	let fallbackReason: string | undefined;
	let session: ort.InferenceSession | undefined;
	const gpu = await requestDevice(options.gpu);
	if ('device' in gpu) {
		try {
			session = await ort.InferenceSession.create(model, {
				executionProviders: [{ name: 'webgpu', device: gpu.device } as ort.InferenceSession.ExecutionProviderConfig]
			});
			backend = 'webgpu';
		} catch (error) {
			fallbackReason = `onnxruntime could not open the model on WebGPU: ${error instanceof Error ? error.message : String(error)}`;
			gpu.device.destroy();
		}
	} else {
		fallbackReason = gpu.reason;
	}
	session ??= await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });

	const fixedFeeds = loraSlotFeeds(ort.Tensor, config, lora);
	return { ...ortDecoderSession(ort.Tensor, config, session, fixedFeeds, 'onnxruntime-web'), backend, fallbackReason };
}
