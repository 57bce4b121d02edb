// The weighted next-token loss of host batches, forward only: the held-out loss of the default model's script and
// ModelFactory's validation loss. One jitted function per forward settings (recompiled per batch shape, so callers
// keep one shape); each batch's loss is awaited before the next is sent, so buffers never pile up.
import { jit, numpy as np, tree } from '@jax-js/jax';
import { jaxForward, type JaxForwardSettings, type JaxLora, type JaxWeights } from './jaxForward.ts';
import { crossEntropyLoss, toJaxBatch, type TokenBatch } from './loss.ts';

/** The mean loss over every weighted position of the batches, and how many positions that was. */
export type BatchesLoss = { loss: number; count: number };

type EvalFn = ((weights: JaxWeights, lora: JaxLora, ids: np.Array, targets: np.Array, w: np.Array) => np.Array) & {
	dispose(): void;
};

// Keyed by the settings object, as the train steps are: the config and LoRA scale are baked into the trace.
const compiledEvals = new WeakMap<JaxForwardSettings, EvalFn>();

function compiledFor(settings: JaxForwardSettings): EvalFn {
	const cached = compiledEvals.get(settings);
	if (cached) return cached;
	const evaluate = jit((w: JaxWeights, l: JaxLora, ids: np.Array, targets: np.Array, tw: np.Array) =>
		crossEntropyLoss(jaxForward(settings, w, l.layers.length > 0 ? l : undefined, ids), targets, tw)
	) as unknown as EvalFn;
	compiledEvals.set(settings, evaluate);
	return evaluate;
}

/**
 * The mean loss over every weighted position of `batches` (a batch's weights need not sum to anything: each is a
 * mean over its own `count`, re-weighted here by that count). Consumes nothing; the LoRA adapter is applied when given.
 *
 * @example
 * const { loss } = await evaluateTokenBatches(settings, base, lora, [maskedTokenBatch(rows, shape, 0)]);
 */
export async function evaluateTokenBatches(
	settings: JaxForwardSettings,
	weights: JaxWeights,
	lora: JaxLora | undefined,
	batches: Iterable<TokenBatch>
): Promise<BatchesLoss> {
	const evaluate = compiledFor(settings);
	let total = 0;
	let count = 0;
	for (const host of batches) {
		if (host.count === 0) continue;
		const batch = toJaxBatch(host);
		const loss = evaluate(
			tree.ref(weights),
			tree.ref(lora ?? { layers: [] }),
			batch.inputIds,
			batch.targets,
			batch.weights
		);
		total += (await loss.data())[0]! * host.count;
		count += host.count;
	}
	return { loss: count === 0 ? NaN : total / count, count };
}

/**
 * Frees the compiled evaluation of a settings object once it is no longer needed.
 *
 * @example
 * releaseEvaluation(settings);
 */
export function releaseEvaluation(settings: JaxForwardSettings): void {
	compiledEvals.get(settings)?.dispose();
	compiledEvals.delete(settings);
}
