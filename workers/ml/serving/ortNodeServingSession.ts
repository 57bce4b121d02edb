// The onnxruntime-node (CPU) ServingSession: the tests' and the CLI's engine. Node-only (it imports
// onnxruntime-node); the browser opens the same graph with ortWebServingSession.ts.
import * as ort from 'onnxruntime-node';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { TensorMap } from '../core/hostTensor.ts';
import { buildDecoderGraph } from '../onnx/buildDecoderGraph.ts';
import { hostServingSession } from './ortServingSession.ts';
import type { ServingSession } from '../core/session.ts';
import type { ServingLayout } from './servingTargets.ts';

/**
 * Builds the decoder graph (KV cache, and slot pools when `layout` is given) and opens it on onnxruntime-node.
 *
 * @example
 * const serving = await createOrtNodeServingSession(config, weights, { targets: ALL_LORA_TARGETS, rank: 16, slots: 17 });
 * await serving.writeSlot(1, adapter);
 */
export async function createOrtNodeServingSession(
	config: ModelConfig,
	weights: TensorMap,
	layout: ServingLayout | undefined,
	sessionOptions: ort.InferenceSession.SessionOptions = {}
): Promise<ServingSession> {
	const session = await ort.InferenceSession.create(
		buildDecoderGraph(config, weights, { kvCache: true, ...(layout ? { lora: layout.targets } : {}) }),
		sessionOptions
	);
	return hostServingSession(ort.Tensor, config, weights, session, layout, 'onnxruntime-node');
}
