// The interface OpenLoRA serves through: one base model and a pool of LoRA adapter slots in one onnxruntime
// session, run on a batch whose rows each pick their slot (the BGMV idea of Punica / S-LoRA), with a KV cache per
// batch. Slot 0 is the base model. The ORT implementation (ortServingSession.ts) runs on onnxruntime-node and
// onnxruntime-web alike; generation (generate.ts, generateBatch.ts) and the adapter LRU only see this type.
import type { Tensor } from 'onnxruntime-common';
import type { ModelConfig } from '../model/modelConfig.ts';
import type { LoraAdapter } from '../reference/loraAdapter.ts';
import type { KvCache } from '../generation/decoderSession.ts';

/** The keys and values of a batch: past_key_values feeds [batch, kvHeads, length, headDim] per layer. */
export type BatchKvCache = KvCache & {
	readonly batch: number;
	readonly feeds: Readonly<Record<string, Tensor>>;
};

/** What {@link ServingSession.forwardBatch} returns. */
export type BatchForwardResult = {
	/** Per row, the logits [vocab] of its last token: the distribution of its next one. */
	lastLogits: Float32Array[];
	/** The cache with the rows' tokens appended; release it with releaseCache once it is superseded. */
	cache: BatchKvCache;
};

/** Where a session keeps things: the GPU (WebGPU) or host memory (Wasm, Node). */
export type ServingMemory = 'gpu' | 'host';

/** A base model with LoRA slot pools, serving batches of rows that each choose a slot. */
export type ServingSession = {
	readonly config: ModelConfig;
	readonly vocabSize: number;
	/** Slots in the pools, slot 0 (the base model) included; 1 when the graph has no LoRA pools. */
	readonly slots: number;
	/** The pools' rank: adapters up to this rank fit a slot (smaller ones are zero-padded). */
	readonly rank: number;
	/** Bytes of one slot across every pool, and of the base weights; for memory reports. */
	readonly slotBytes: number;
	readonly baseBytes: number;
	/** Where the pools and the KV cache live. */
	readonly memory: ServingMemory;
	/**
	 * Runs `rows` (equal lengths, at least one token each) after the tokens in `cache` (none when undefined); row i
	 * uses slot `slots[i]`. Prefill and cached steps alike.
	 */
	forwardBatch(
		rows: readonly (readonly number[])[],
		slots: readonly number[],
		cache: BatchKvCache | undefined
	): Promise<BatchForwardResult>;
	/** Puts `adapter` in `slot` (1…slots-1), or zeroes it when undefined; the next forward uses it. */
	writeSlot(slot: number, adapter: LoraAdapter | undefined): Promise<void>;
	/** Frees a cache's GPU buffers (a no-op on host memory); the cache cannot be used afterwards. */
	releaseCache(cache: BatchKvCache): void;
	/** Frees the session, its pools and its device. */
	release(): Promise<void>;
};
