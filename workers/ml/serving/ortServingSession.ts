// The ServingSession over the graph of buildDecoderGraph (KV cache, LoRA slot pools), written once against the
// API onnxruntime-node and onnxruntime-web both re-export (onnxruntime-common). The engine-specific files open
// the session and choose where pools live (loraPoolStore.ts); this file only builds feeds and reads results.
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { TensorMap } from '../core/hostTensor.ts';
import { decoderGraphNames, type LoraSlotTargets } from '../onnx/buildDecoderGraph.ts';
import { loraSlotData } from '../onnx/loraSlotPools.ts';
import { checkTokenIds, DecoderSessionError, type BatchKvCache, type ServingMemory, type ServingSession } from '../core/session.ts';
import { hostLoraPoolStore, type LoraPoolStore, type OrtTensorClass } from './loraPoolStore.ts';
import type { ServingLayout } from './servingTargets.ts';

/** What {@link ortServingSession} wraps besides the opened session. */
export type OrtServingParts = {
	TensorClass: OrtTensorClass;
	config: ModelConfig;
	session: InferenceSession;
	/** The graph's LoRA targets and their pools; absent for a graph built without `lora`. */
	lora?: { targets: LoraSlotTargets; rank: number; slots: number; store: LoraPoolStore };
	/** Bytes of the base weights, for memory reports. */
	baseBytes: number;
	memory: ServingMemory;
	/** Names the runtime in errors, e.g. 'onnxruntime-web (WebGPU)'. */
	engine: string;
	/** Called once the session is released (e.g. to destroy the GPU device it owned). */
	onRelease?: () => void;
};

/**
 * Bytes of a weight map as the engine holds it (float32).
 *
 * @example
 * weightBytes(weights); // 3_700_000 for the default model
 */
export function weightBytes(weights: TensorMap): number {
	let bytes = 0;
	for (const tensor of weights.values()) bytes += tensor.data.length * 4;
	return bytes;
}

/**
 * Wraps an opened session of a buildDecoderGraph model built with `kvCache: true` (and `lora` when `parts.lora`).
 *
 * @example
 * const serving = ortServingSession({ TensorClass: ort.Tensor, config, session, baseBytes, memory: 'host', engine: 'onnxruntime-node' });
 */
export function ortServingSession(parts: OrtServingParts): ServingSession {
	const { TensorClass, config, session, lora, engine } = parts;
	const { vocabSize: vocab, numLayers, numKeyValueHeads, headDim } = config;
	const slots = lora?.slots ?? 1;
	// Released caches are remembered so that a use after release is an error rather than a read of freed memory.
	const released = new WeakSet<BatchKvCache>();
	const emptyCaches = new Map<number, BatchKvCache>();
	const emptyCache = (batch: number): BatchKvCache => {
		let cache = emptyCaches.get(batch);
		if (!cache) {
			const feeds: Record<string, Tensor> = {};
			const dims = [batch, numKeyValueHeads, 0, headDim];
			for (let layer = 0; layer < numLayers; layer++) {
				feeds[decoderGraphNames.pastKey(layer)] = new TensorClass('float32', new Float32Array(0), dims);
				feeds[decoderGraphNames.pastValue(layer)] = new TensorClass('float32', new Float32Array(0), dims);
			}
			cache = { length: 0, batch, feeds };
			emptyCaches.set(batch, cache);
		}
		return cache;
	};

	return {
		config,
		vocabSize: vocab,
		slots,
		rank: lora?.rank ?? 0,
		slotBytes: lora?.store.slotBytes ?? 0,
		baseBytes: parts.baseBytes,
		memory: parts.memory,
		async forwardBatch(rows, rowSlots, cache) {
			const batch = rows.length;
			if (batch === 0) throw new DecoderSessionError('A batch needs at least one row.');
			const seq = rows[0]!.length;
			for (const row of rows) {
				checkTokenIds(row, vocab);
				if (row.length !== seq)
					throw new DecoderSessionError(
						`Every row of a batch must have the same length; got ${rows.map((r) => r.length).join(', ')}.`
					);
			}
			if (rowSlots.length !== batch)
				throw new DecoderSessionError(`${batch} rows need ${batch} slot indices, got ${rowSlots.length}.`);
			for (const slot of rowSlots) {
				if (!Number.isInteger(slot) || slot < 0 || slot >= slots)
					throw new DecoderSessionError(`Slot ${slot} is outside the adapter pool (0…${slots - 1}).`);
			}
			const past = cache ?? emptyCache(batch);
			if (released.has(past)) throw new DecoderSessionError('This KV cache was released and cannot be used again.');
			if (!past.feeds || !(decoderGraphNames.pastKey(0) in past.feeds))
				throw new DecoderSessionError(`This KV cache was not made by an ${engine} serving session.`);
			if (past.batch !== batch)
				throw new DecoderSessionError(`The KV cache holds ${past.batch} rows; this batch has ${batch}.`);

			const ids = new BigInt64Array(batch * seq);
			rows.forEach((row, r) => row.forEach((id, i) => (ids[r * seq + i] = BigInt(id))));
			const feeds: Record<string, Tensor> = {
				...lora?.store.feeds,
				...past.feeds,
				[decoderGraphNames.inputIds]: new TensorClass('int64', ids, [batch, seq])
			};
			if (lora)
				feeds[decoderGraphNames.adapterIndex] = new TensorClass(
					'int64',
					BigInt64Array.from(rowSlots, (slot) => BigInt(slot)),
					[batch]
				);
			const results = await session.run(feeds);
			// getData, not data: logits may live on the GPU until read back.
			const logitsTensor = results[decoderGraphNames.logits]!;
			const logits = (await logitsTensor.getData()) as Float32Array;
			if (logitsTensor.location === 'gpu-buffer') logitsTensor.dispose();
			if (logits.length !== batch * seq * vocab)
				throw new DecoderSessionError(`The model returned ${logits.length} logits; expected ${batch} × ${seq} × ${vocab}.`);
			const next: Record<string, Tensor> = {};
			for (let layer = 0; layer < numLayers; layer++) {
				next[decoderGraphNames.pastKey(layer)] = results[decoderGraphNames.presentKey(layer)]!;
				next[decoderGraphNames.pastValue(layer)] = results[decoderGraphNames.presentValue(layer)]!;
			}
			// slice, not subarray: callers keep rows, not the whole [batch, seq, vocab] buffer.
			const lastLogits = rows.map((_, r) => logits.slice((r * seq + seq - 1) * vocab, (r * seq + seq) * vocab));
			return { lastLogits, cache: { length: past.length + seq, batch, feeds: next } };
		},
		async writeSlot(slot, adapter) {
			if (!lora) throw new DecoderSessionError('This session was built without LoRA slot pools.');
			if (!Number.isInteger(slot) || slot < 1 || slot >= slots)
				throw new DecoderSessionError(`Adapters go in slots 1…${slots - 1}; slot ${slot} is not one (0 is the base model).`);
			await lora.store.write(slot, loraSlotData(config, lora.targets, lora.rank, adapter));
		},
		releaseCache(cache) {
			if (cache.length === 0 || released.has(cache)) return;
			released.add(cache);
			for (const tensor of Object.values(cache.feeds)) if (tensor.location === 'gpu-buffer') tensor.dispose();
		},
		async release() {
			await session.release();
			lora?.store.release();
			parts.onRelease?.();
		}
	};
}

/**
 * A serving session whose pools and cache live in host memory (onnxruntime-node, and onnxruntime-web's Wasm).
 *
 * @example
 * const serving = hostServingSession(ort.Tensor, config, weights, session, layout, 'onnxruntime-node');
 */
export function hostServingSession(
	TensorClass: OrtTensorClass,
	config: ModelConfig,
	weights: TensorMap,
	session: InferenceSession,
	layout: ServingLayout | undefined,
	engine: string
): ServingSession {
	return ortServingSession({
		TensorClass,
		config,
		session,
		...(layout ? { lora: { ...layout, store: hostLoraPoolStore(TensorClass, config, layout.targets, layout) } } : {}),
		baseBytes: weightBytes(weights),
		memory: 'host',
		engine
	});
}
