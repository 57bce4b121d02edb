// The engine's one session abstraction and its one-row view. A ServingSession is a base model with LoRA slot pools
// in one onnxruntime session (node or web: serving/ortServingSession.ts), run on a batch whose rows each pick their
// slot (the BGMV idea of Punica / S-LoRA), with a KV cache per batch; slot 0 is the base model. A DecoderSession is
// what generate() and sampling see: batch 1, one slot, made from a ServingSession row by rowDecoderSession. Types
// and that one adapter only, no engine: generation/, serving/ and the tests share them without importing each other.
import type { Tensor } from 'onnxruntime-common';
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import type { LoraAdapter } from './loraAdapter.ts';
import type { ModelConfig } from './modelConfig.ts';

/** A decoder session was given inputs it cannot run (bad token ids, an empty chunk, a foreign cache). */
export class DecoderSessionError extends ProvenaError {
	override name = 'DecoderSessionError';
}

/**
 * The keys and values of every token run so far. Opaque: only the session that made it can read it. Treat it
 * as immutable; passing the same cache to two forwards branches the sequence.
 */
export type KvCache = {
	/** How many tokens the cache holds (the position of the next token). */
	readonly length: number;
};

/** What one {@link DecoderSession.forward} call returns. */
export type DecoderForwardResult<Cache extends KvCache = KvCache> = {
	/** Logits [vocab] of the last token given: the distribution of the next one. */
	lastLogits: Float32Array;
	/** The cache with the given tokens appended. */
	cache: Cache;
};

/**
 * A batch-1 causal decoder with a KV cache.
 *
 * @example
 * const prefill = await session.forward(promptIds, undefined);
 * const step = await session.forward([nextId], prefill.cache);
 */
export type DecoderSession<Cache extends KvCache = KvCache> = {
	readonly vocabSize: number;
	/** Runs `tokenIds` (at least one) after the tokens in `cache` (none when undefined): prefill and step alike. */
	forward(tokenIds: readonly number[], cache: Cache | undefined): Promise<DecoderForwardResult<Cache>>;
	/**
	 * Frees a cache the caller no longer needs (its GPU buffers, on WebGPU); optional because host caches are left
	 * to the garbage collector. A released cache cannot be used again.
	 */
	releaseCache?(cache: Cache): void;
	/** Frees the engine's resources; the session cannot be used afterwards. */
	release(): Promise<void>;
};

/**
 * Throws a {@link DecoderSessionError} unless `tokenIds` is a non-empty list of ids below `vocabSize`: engines
 * report a bad Gather index obscurely, or not at all.
 *
 * @example
 * checkTokenIds([1, 5, 9], 64); // fine
 */
export function checkTokenIds(tokenIds: readonly number[], vocabSize: number): void {
	if (tokenIds.length === 0) throw new DecoderSessionError('A forward pass needs at least one token.');
	for (const id of tokenIds) {
		if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
			throw new DecoderSessionError(`Token id ${id} is outside the model's vocabulary of ${vocabSize} tokens.`);
		}
	}
}

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

/**
 * A batch-1 DecoderSession over `serving` that always uses `slot` (0 is the base model). `release` frees the
 * serving session too when `ownsServing` is set.
 *
 * @example
 * const chat = rowDecoderSession(serving, lease.slot);
 * const { tokenIds } = await generate(chat, promptIds, options);
 */
export function rowDecoderSession(
	serving: ServingSession,
	slot: number,
	{ ownsServing = false }: { ownsServing?: boolean } = {}
): DecoderSession<BatchKvCache> {
	return {
		vocabSize: serving.vocabSize,
		async forward(tokenIds, cache) {
			const { lastLogits, cache: next } = await serving.forwardBatch([tokenIds], [slot], cache);
			return { lastLogits: lastLogits[0]!, cache: next };
		},
		releaseCache: (cache) => serving.releaseCache(cache),
		release: async () => {
			if (ownsServing) await serving.release();
		}
	};
}
