// A single conversation as a DecoderSession: one row of a ServingSession pinned to one slot, so generate() (chat,
// the CLI, the self-test) runs through the same graph, pools and cache handling as the batched arena.
import type { DecoderSession } from '../generation/decoderSession.ts';
import type { BatchKvCache, ServingSession } from './servingSession.ts';

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
