// The onnxruntime-web DecoderSession for one model and at most one adapter (the engine self-test, benchmarks): a
// web serving session whose pools hold just that adapter in slot 1. Browser/worker-only; no DOM.
import type { ModelConfig } from '../core/modelConfig.ts';
import type { TensorMap } from '../core/hostTensor.ts';
import type { LoraAdapter } from '../core/loraAdapter.ts';
import { rowDecoderSession, type BatchKvCache, type DecoderSession } from '../core/session.ts';
import { createOrtWebServingSession, type OrtWebBackend } from './ortWebServingSession.ts';
import { singleAdapterLayout } from './servingTargets.ts';

export { configureOrtWebWasm, type OrtWebBackend } from './ortWebServingSession.ts';

/** A web decoder session, and which execution provider it got. */
export type OrtWebDecoderSession = DecoderSession<BatchKvCache> & {
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
	const layout = singleAdapterLayout(options.lora);
	const serving = await createOrtWebServingSession(config, weights, { gpu: options.gpu, layout });
	if (options.lora) await serving.writeSlot(1, options.lora);
	return {
		...rowDecoderSession(serving, layout ? 1 : 0, { ownsServing: true }),
		backend: serving.backend,
		fallbackReason: serving.fallbackReason
	};
}
