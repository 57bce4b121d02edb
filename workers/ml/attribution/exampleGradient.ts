// The LoRA gradient of one example's loss, flattened: what a training example's sketch and an answer's query are
// projected from. It is the trainer's own jitted loss and gradient (checked against finite differences there) on a
// batch of one, padded to a multiple of a bucket so that examples of similar length share one compiled function.
import { tree, type numpy as np } from '@jax-js/jax';
import { LORA_TARGET_MODULES } from '../core/loraAdapter.ts';
import { maskedTokenBatch, toJaxBatch } from '../training/loss.ts';
import type { JaxForwardSettings, JaxLora, JaxWeights } from '../training/jaxForward.ts';
import { loraLossAndGradients } from '../training/trainStep.ts';

/** The model a gradient is taken at: the frozen base and one adapter (a kept checkpoint, or the final one). */
export type GradientModel = { settings: JaxForwardSettings; base: JaxWeights; lora: JaxLora };

/** Token ids and which of them are targets (lossMask[t] = 1: token t is predicted from those before it). */
export type GradientExample = { tokenIds: readonly number[]; lossMask: readonly number[] };

/** Sequence lengths are rounded up to a multiple of this, so a few shapes are compiled, not one per length. */
export const LENGTH_BUCKET = 32;

/**
 * The LoRA tree's values in one vector: layers in order, modules in LORA_TARGET_MODULES order, A then B, each
 * row-major. Consumes `lora`.
 */
export async function flattenLora(lora: JaxLora): Promise<Float32Array> {
	const parts: Float32Array[] = [];
	for (const array of loraFactorArrays(lora)) parts.push((await array.data()) as Float32Array);
	const flat = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		flat.set(part, at);
		at += part.length;
	}
	return flat;
}

/** Parameters in the flattened tree of `lora` (what a projection of its gradients takes). */
export function loraParameterCount(lora: JaxLora): number {
	return loraFactorArrays(lora).reduce((sum, array) => sum + array.size, 0);
}

/** The LoRA factors in the flattened order: layers, LORA_TARGET_MODULES, A then B. */
function loraFactorArrays(lora: JaxLora): np.Array[] {
	const arrays: np.Array[] = [];
	for (const layer of lora.layers)
		for (const module of LORA_TARGET_MODULES) {
			const factors = layer[module];
			if (factors) arrays.push(factors.a, factors.b);
		}
	return arrays;
}

/**
 * The gradient of `example`'s mean target-token loss with respect to the LoRA factors, flattened as
 * {@link flattenLora} does. An example with no targets has a zero gradient. Consumes nothing it is given.
 *
 * @example
 * const gradient = await loraExampleGradient({ settings, base, lora }, { tokenIds, lossMask });
 */
export async function loraExampleGradient(model: GradientModel, example: GradientExample): Promise<Float32Array> {
	if (example.tokenIds.length !== example.lossMask.length)
		throw new RangeError(
			`The example has ${example.tokenIds.length} tokens but ${example.lossMask.length} loss-mask entries.`
		);
	// Token 0 is never predicted: an example whose only targets are there (or none) has nothing to learn from.
	if (!example.lossMask.some((mask, t) => t > 0 && mask === 1)) return new Float32Array(loraParameterCount(model.lora));
	const seqLength = Math.max(LENGTH_BUCKET, Math.ceil(example.tokenIds.length / LENGTH_BUCKET) * LENGTH_BUCKET);
	const host = maskedTokenBatch(
		[{ tokenIds: [...example.tokenIds], lossMask: [...example.lossMask] }],
		{ batchSize: 1, seqLength },
		0
	);
	const batch = toJaxBatch(host);
	try {
		const [loss, gradients] = loraLossAndGradients(model.settings, model.base, model.lora, batch);
		loss.dispose();
		return await flattenLora(gradients);
	} finally {
		tree.dispose([batch.inputIds, batch.targets, batch.weights]);
	}
}
