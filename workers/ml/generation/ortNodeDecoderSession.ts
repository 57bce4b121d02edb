// The onnxruntime-node implementation of DecoderSession, over the graph of buildDecoderGraph with a KV cache.
// Node-only (it imports onnxruntime-node), so nothing browser-bound may import this file; the browser gets its
// own onnxruntime-web implementation of the same interface.
import * as ort from 'onnxruntime-node';
import type { ModelConfig } from '../model/modelConfig.ts';
import type { TensorMap } from '../model/hostTensor.ts';
import { buildDecoderGraph, decoderGraphNames, type LoraSlotTargets } from '../onnx/buildDecoderGraph.ts';
import { buildLoraSlotPools } from '../onnx/loraSlotPools.ts';
import type { LoraAdapter } from '../reference/loraAdapter.ts';
import { checkTokenIds, DecoderSessionError, type DecoderSession, type KvCache } from './decoderSession.ts';

/** The cache of an {@link createOrtNodeDecoderSession} session: the previous run's present tensors. */
export type OrtKvCache = KvCache & {
	/** Feeds past_key_values.{i}.key|value [1, kvHeads, length, headDim]. */
	readonly feeds: Readonly<Record<string, ort.Tensor>>;
};

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
	const targets: LoraSlotTargets | undefined = lora
		? { targetModules: lora.targetModules, ...(lora.layers ? { layers: lora.layers } : {}) }
		: undefined;
	const session = await ort.InferenceSession.create(
		buildDecoderGraph(config, weights, { kvCache: true, ...(targets ? { lora: targets } : {}) }),
		sessionOptions
	);
	const fixedFeeds: Record<string, ort.Tensor> = {};
	if (lora && targets) {
		const pools = buildLoraSlotPools(config, targets, { slots: 2, rank: lora.rank }, [lora]);
		for (const [name, tensor] of pools) fixedFeeds[name] = new ort.Tensor('float32', tensor.data, [...tensor.shape]);
		fixedFeeds[decoderGraphNames.adapterIndex] = new ort.Tensor('int64', BigInt64Array.of(1n), [1]);
	}
	return ortNodeDecoderSession(config, session, fixedFeeds);
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
	const { vocabSize: vocab, numLayers, numKeyValueHeads, headDim } = config;
	// The zero-length past of a prefill; shared, since onnxruntime never writes into inputs.
	const emptyFeeds: Record<string, ort.Tensor> = {};
	const emptyDims = [1, numKeyValueHeads, 0, headDim];
	for (let layer = 0; layer < numLayers; layer++) {
		emptyFeeds[decoderGraphNames.pastKey(layer)] = new ort.Tensor('float32', new Float32Array(0), emptyDims);
		emptyFeeds[decoderGraphNames.pastValue(layer)] = new ort.Tensor('float32', new Float32Array(0), emptyDims);
	}
	const emptyCache: OrtKvCache = { length: 0, feeds: emptyFeeds };

	return {
		vocabSize: vocab,
		async forward(tokenIds, cache) {
			checkTokenIds(tokenIds, vocab);
			const past = cache ?? emptyCache;
			if (!past.feeds || !(decoderGraphNames.pastKey(0) in past.feeds)) {
				throw new DecoderSessionError('This KV cache was not made by an onnxruntime-node decoder session.');
			}
			const seq = tokenIds.length;
			const results = await session.run({
				...fixedFeeds,
				...past.feeds,
				[decoderGraphNames.inputIds]: new ort.Tensor(
					'int64',
					BigInt64Array.from(tokenIds, (id) => BigInt(id)),
					[1, seq]
				)
			});
			const logits = results[decoderGraphNames.logits]!.data as Float32Array;
			if (logits.length !== seq * vocab) {
				throw new DecoderSessionError(`The model returned ${logits.length} logits; expected ${seq} × ${vocab}.`);
			}
			const feeds: Record<string, ort.Tensor> = {};
			for (let layer = 0; layer < numLayers; layer++) {
				feeds[decoderGraphNames.pastKey(layer)] = results[decoderGraphNames.presentKey(layer)]!;
				feeds[decoderGraphNames.pastValue(layer)] = results[decoderGraphNames.presentValue(layer)]!;
			}
			// slice, not subarray: the caller keeps one row, not the whole [seq, vocab] buffer.
			return { lastLogits: logits.slice((seq - 1) * vocab), cache: { length: past.length + seq, feeds } };
		},
		release: () => session.release()
	};
}
