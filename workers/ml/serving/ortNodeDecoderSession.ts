// The onnxruntime-node DecoderSession for one model and at most one adapter: a serving session whose pools hold
// just that adapter (slot 1), used by `provena generate` and the tests. Node-only.
import type * as ort from 'onnxruntime-node';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { TensorMap } from '../core/hostTensor.ts';
import type { LoraAdapter } from '../core/loraAdapter.ts';
import { rowDecoderSession, type BatchKvCache, type DecoderSession } from '../core/session.ts';
import { createOrtNodeServingSession } from './ortNodeServingSession.ts';
import { singleAdapterLayout } from './servingTargets.ts';

export type { BatchKvCache } from '../core/session.ts';

/** Options of {@link createOrtNodeDecoderSession}. */
export type OrtNodeDecoderOptions = {
	/** Applied unmerged on top of the base weights, through the graph's LoRA slot pools. */
	lora?: LoraAdapter;
};

/**
 * Builds the decoder graph (with a KV cache) for `config` and `weights` and opens it on onnxruntime-node (CPU).
 * With `lora`, the graph gets slot pools of two slots (0 the base model, 1 the adapter) and every run uses slot 1:
 * the same graph and pools OpenLoRA serves many adapters with, so the CLI checks that path, not a merged copy.
 *
 * @example
 * const session = await createOrtNodeDecoderSession(config, weights, {}, { lora: adapter });
 * const { lastLogits, cache } = await session.forward([1, 17, 42], undefined);
 */
export async function createOrtNodeDecoderSession(
	config: ModelConfig,
	weights: TensorMap,
	sessionOptions: ort.InferenceSession.SessionOptions = {},
	options: OrtNodeDecoderOptions = {}
): Promise<DecoderSession<BatchKvCache>> {
	const layout = singleAdapterLayout(options.lora);
	const serving = await createOrtNodeServingSession(config, weights, layout, sessionOptions);
	if (options.lora) await serving.writeSlot(1, options.lora);
	return rowDecoderSession(serving, layout ? 1 : 0, { ownsServing: true });
}
