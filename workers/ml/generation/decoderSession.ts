// The one thing generation needs from an inference engine: run some tokens on top of a KV cache and return the
// last position's logits and the grown cache. onnxruntime-node (tests, CLI) and onnxruntime-web (the browser)
// each implement it in their own file, so generate() and sampling never import an engine.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';

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
