// Greedy answers from the trainer's own jax forward pass, for the before/after samples of an evaluation. The
// weights are already on the trainer's device, so a second engine (and a second copy of the model) is not needed.
// There is no KV cache: every step re-runs the rows at one fixed shape [prompts, window] (right-padded; causal
// attention keeps padding out of earlier positions), so one compiled forward serves every step. That costs
// O(window) per token, fine for the short answers of a model card.
import { jit, numpy as np, tree } from '@jax-js/jax';
import { jaxForward, type JaxForwardSettings, type JaxLora, type JaxWeights } from '../training/jaxForward.ts';
import { PAD_TOKEN_ID } from './fineTunePlan.ts';

/** Options of {@link greedyAnswers}. */
export type GreedyAnswersOptions = {
	forward: JaxForwardSettings;
	base: JaxWeights;
	/** Answer with this adapter; the base model alone when undefined. */
	lora?: JaxLora;
	/** Prompt token ids (each at least one token); answered side by side. */
	prompts: readonly (readonly number[])[];
	maxNewTokens: number;
	/** A row stops after generating one of these (kept in its answer). */
	stopTokenIds: readonly number[];
	signal?: AbortSignal;
};

type PickLogits = (w: JaxWeights, l: JaxLora, ids: np.Array, pick: np.Array) => np.Array;

/**
 * Each prompt's greedy continuation (temperature 0: the most likely token, the lowest id on a tie), up to
 * `maxNewTokens` tokens or a stop token, within the model's context. Consumes nothing.
 *
 * @example
 * const [answer] = await greedyAnswers({ forward, base, lora, prompts: [ids], maxNewTokens: 32, stopTokenIds: [2] });
 */
export async function greedyAnswers(options: GreedyAnswersOptions): Promise<number[][]> {
	const { forward, base, lora, prompts, maxNewTokens, stopTokenIds } = options;
	if (prompts.length === 0) return [];
	const window = Math.min(
		forward.config.maxPositionEmbeddings,
		Math.max(...prompts.map((p) => p.length)) + maxNewTokens
	);
	const rows = prompts.map((prompt) => [...prompt]);
	const answers: number[][] = prompts.map(() => []);
	const open = prompts.map((prompt) => prompt.length > 0 && prompt.length < window);
	// The logits of each row's last token, picked inside the compiled function by a one-hot position mask, so only
	// [rows, vocab] comes back to the host.
	const pickLogits = jit((w: JaxWeights, l: JaxLora, ids: np.Array, pick: np.Array) =>
		jaxForward(forward, w, l.layers.length > 0 ? l : undefined, ids)
			.mul(np.expandDims(pick, -1))
			.sum(1)
	) as unknown as PickLogits & { dispose(): void };
	const vocab = forward.config.vocabSize;
	try {
		for (let step = 0; step < maxNewTokens && open.some(Boolean); step++) {
			if (options.signal?.aborted) break;
			const ids = new Int32Array(rows.length * window).fill(PAD_TOKEN_ID);
			const pick = new Float32Array(rows.length * window);
			rows.forEach((row, r) => {
				ids.set(row.slice(0, window), r * window);
				pick[r * window + Math.min(row.length, window) - 1] = 1;
			});
			const logits = pickLogits(
				tree.ref(base),
				tree.ref(lora ?? { layers: [] }),
				np.array(ids, { shape: [rows.length, window], dtype: np.int32 }),
				np.array(pick, { shape: [rows.length, window] })
			);
			const values = (await logits.data()) as Float32Array;
			rows.forEach((row, r) => {
				if (!open[r]) return;
				const next = argmax(values.subarray(r * vocab, (r + 1) * vocab));
				row.push(next);
				answers[r]!.push(next);
				if (stopTokenIds.includes(next) || row.length >= window) open[r] = false;
			});
		}
	} finally {
		pickLogits.dispose();
	}
	return answers;
}

function argmax(values: Float32Array): number {
	let best = 0;
	for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
	return best;
}
