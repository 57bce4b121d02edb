// The DecoderSession over the graph of buildDecoderGraph with a KV cache, written once against the API both
// onnxruntime-node and onnxruntime-web re-export (onnxruntime-common). The engine-specific files only open the
// session and hand over their own Tensor class, so this file imports no runtime and runs in Node and workers.
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import type { ModelConfig } from '../model/modelConfig.ts';
import { decoderGraphNames, type LoraSlotTargets } from '../onnx/buildDecoderGraph.ts';
import { buildLoraSlotPools } from '../onnx/loraSlotPools.ts';
import type { LoraAdapter } from '../reference/loraAdapter.ts';
import { checkTokenIds, DecoderSessionError, type DecoderSession, type KvCache } from './decoderSession.ts';

/** The Tensor class of the onnxruntime package in use (`ort.Tensor`). */
export type OrtTensorClass = typeof Tensor;

/** The cache of an onnxruntime decoder session: the previous run's present tensors. */
export type OrtKvCache = KvCache & {
	/** Feeds past_key_values.{i}.key|value [1, kvHeads, length, headDim]. */
	readonly feeds: Readonly<Record<string, Tensor>>;
};

/**
 * The graph's LoRA targets for `lora` (its modules, and its layers when it names some), or undefined without one.
 *
 * @example
 * buildDecoderGraph(config, weights, { kvCache: true, lora: loraSlotTargets(adapter) });
 */
export function loraSlotTargets(lora: LoraAdapter | undefined): LoraSlotTargets | undefined {
	return lora ? { targetModules: lora.targetModules, ...(lora.layers ? { layers: lora.layers } : {}) } : undefined;
}

/**
 * Feeds that put `lora` in slot 1 of two slot pools (slot 0 stays the base model) and point the one row at it:
 * the same pools OpenLoRA serves many adapters with, so single-adapter sessions exercise that path too.
 *
 * @example
 * const fixedFeeds = loraSlotFeeds(ort.Tensor, config, adapter);
 */
export function loraSlotFeeds(
	TensorClass: OrtTensorClass,
	config: ModelConfig,
	lora: LoraAdapter | undefined
): Record<string, Tensor> {
	const targets = loraSlotTargets(lora);
	if (!lora || !targets) return {};
	const feeds: Record<string, Tensor> = {};
	const pools = buildLoraSlotPools(config, targets, { slots: 2, rank: lora.rank }, [lora]);
	for (const [name, tensor] of pools) feeds[name] = new TensorClass('float32', tensor.data, [...tensor.shape]);
	feeds[decoderGraphNames.adapterIndex] = new TensorClass('int64', BigInt64Array.of(1n), [1]);
	return feeds;
}

/**
 * Wraps an opened session of a buildDecoderGraph model built with `kvCache: true`. `fixedFeeds` are fed to
 * every run unchanged (LoRA slot pools and `adapter_index` for a graph built with `lora`); `engine` names the
 * runtime in errors.
 *
 * @example
 * const session = ortDecoderSession(ort.Tensor, config, await ort.InferenceSession.create(bytes), {}, 'onnxruntime-node');
 */
export function ortDecoderSession(
	TensorClass: OrtTensorClass,
	config: ModelConfig,
	session: InferenceSession,
	fixedFeeds: Readonly<Record<string, Tensor>>,
	engine: string
): DecoderSession<OrtKvCache> {
	const { vocabSize: vocab, numLayers, numKeyValueHeads, headDim } = config;
	// The zero-length past of a prefill; shared, since onnxruntime never writes into inputs.
	const emptyFeeds: Record<string, Tensor> = {};
	const emptyDims = [1, numKeyValueHeads, 0, headDim];
	for (let layer = 0; layer < numLayers; layer++) {
		emptyFeeds[decoderGraphNames.pastKey(layer)] = new TensorClass('float32', new Float32Array(0), emptyDims);
		emptyFeeds[decoderGraphNames.pastValue(layer)] = new TensorClass('float32', new Float32Array(0), emptyDims);
	}
	const emptyCache: OrtKvCache = { length: 0, feeds: emptyFeeds };

	return {
		vocabSize: vocab,
		async forward(tokenIds, cache) {
			checkTokenIds(tokenIds, vocab);
			const past = cache ?? emptyCache;
			if (!past.feeds || !(decoderGraphNames.pastKey(0) in past.feeds)) {
				throw new DecoderSessionError(`This KV cache was not made by an ${engine} decoder session.`);
			}
			const seq = tokenIds.length;
			const results = await session.run({
				...fixedFeeds,
				...past.feeds,
				[decoderGraphNames.inputIds]: new TensorClass(
					'int64',
					BigInt64Array.from(tokenIds, (id) => BigInt(id)),
					[1, seq]
				)
			});
			// getData, not data: on WebGPU the logits may live on the GPU until read back.
			const logits = (await results[decoderGraphNames.logits]!.getData()) as Float32Array;
			if (logits.length !== seq * vocab) {
				throw new DecoderSessionError(`The model returned ${logits.length} logits; expected ${seq} × ${vocab}.`);
			}
			const feeds: Record<string, Tensor> = {};
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
