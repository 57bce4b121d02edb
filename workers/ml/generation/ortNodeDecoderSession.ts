// The onnxruntime-node implementation of DecoderSession, over the graph of buildDecoderGraph with a KV cache.
// Node-only (it imports onnxruntime-node), so nothing browser-bound may import this file; the browser gets its
// own onnxruntime-web implementation of the same interface.
import * as ort from 'onnxruntime-node';
import type { ModelConfig } from '../model/modelConfig.ts';
import type { TensorMap } from '../model/hostTensor.ts';
import { buildDecoderGraph } from '../onnx/buildDecoderGraph.ts';
import type { LoraAdapter } from '../reference/loraAdapter.ts';
import type { DecoderSession } from './decoderSession.ts';
import { loraSlotFeeds, loraSlotTargets, ortDecoderSession, type OrtKvCache } from './ortDecoderSession.ts';

export type { OrtKvCache } from './ortDecoderSession.ts';

/** Options of {@link createOrtNodeDecoderSession} beyond onnxruntime's own. */
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
): Promise<DecoderSession<OrtKvCache>> {
	const { lora } = options;
	const targets = loraSlotTargets(lora);
	const session = await ort.InferenceSession.create(
		buildDecoderGraph(config, weights, { kvCache: true, ...(targets ? { lora: targets } : {}) }),
		sessionOptions
	);
	return ortNodeDecoderSession(config, session, loraSlotFeeds(ort.Tensor, config, lora));
}

/**
 * Wraps an already opened onnxruntime-node session of a buildDecoderGraph model built with `kvCache: true`.
 * `fixedFeeds` are fed to every run unchanged (LoRA slot pools and `adapter_index` for a graph built with `lora`).
 *
 * @example
 * const session = ortNodeDecoderSession(config, await ort.InferenceSession.create(bytes));
 */
export function ortNodeDecoderSession(
	config: ModelConfig,
	session: ort.InferenceSession,
	fixedFeeds: Readonly<Record<string, ort.Tensor>> = {}
): DecoderSession<OrtKvCache> {
	return ortDecoderSession(ort.Tensor, config, session, fixedFeeds, 'onnxruntime-node');
}
