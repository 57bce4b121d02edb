// The inference engine's self-test: a tiny seeded Llama run on onnxruntime-web (WebGPU, or Wasm without it)
// through the real DecoderSession — a prefill and two cached steps — with every step's logits compared
// against the float64 reference forward pass. It tells a user, on their own browser, whether the engine
// computes the right numbers and on which backend.
import type { ModelConfig } from './model/modelConfig.ts';
import { fixtureWeights, tinyLlamaConfig } from './model/fixtureModels.ts';
import { referenceLogits } from './reference/referenceForward.ts';
import { createOrtWebDecoderSession, type OrtWebBackend } from './generation/ortWebDecoderSession.ts';

/** What {@link runEngineSelfTest} found. */
export type EngineSelfTestResult = {
	backend: OrtWebBackend;
	/** Why WebGPU was not used, when backend is 'wasm'. */
	fallbackReason?: string;
	/** Largest absolute difference between the engine's and the reference's logits, over every checked token. */
	maxError: number;
	/** The largest error at each checked position. */
	errors: number[];
	/** How many positions' logits were compared (the prefill's last token and each cached step). */
	tokensChecked: number;
	/** Wall time of the engine's forward passes, milliseconds. */
	engineMs: number;
};

/** The fixture: the shared tiny Llama (hidden 32, 4 heads of 8, 2 layers, vocabulary 64). */
export const selfTestConfig: ModelConfig = tinyLlamaConfig;

const prompt = [1, 17, 42, 5, 63, 0, 9];
const steps = [31, 8];

/**
 * Runs the self-test on `gpu` (navigator.gpu; undefined tests the Wasm fallback).
 *
 * @example
 * const { backend, maxError } = await runEngineSelfTest(self.navigator.gpu);
 */
export async function runEngineSelfTest(gpu: GPU | undefined, signal?: AbortSignal): Promise<EngineSelfTestResult> {
	const weights = fixtureWeights(selfTestConfig, 20240611);
	const session = await createOrtWebDecoderSession(selfTestConfig, weights, { gpu });
	const vocab = selfTestConfig.vocabSize;
	let maxError = 0;
	let tokensChecked = 0;
	const errors: number[] = [];
	let engineMs = 0;
	const check = (tokens: readonly number[], actual: Float32Array) => {
		const all = referenceLogits(selfTestConfig, weights, tokens);
		const expected = all.subarray((tokens.length - 1) * vocab);
		let error = 0;
		for (let i = 0; i < vocab; i++) {
			const diff = Math.abs(actual[i]! - expected[i]!);
			// NaN must fail the test, not vanish in Math.max.
			error = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : Math.max(error, diff);
		}
		errors.push(error);
		maxError = Math.max(maxError, error);
		tokensChecked++;
	};
	try {
		let start = performance.now();
		let result = await session.forward(prompt, undefined);
		engineMs += performance.now() - start;
		const seen = [...prompt];
		check(seen, result.lastLogits);
		for (const token of steps) {
			signal?.throwIfAborted();
			start = performance.now();
			result = await session.forward([token], result.cache);
			engineMs += performance.now() - start;
			seen.push(token);
			check(seen, result.lastLogits);
		}
	} finally {
		await session.release();
	}
	return {
		backend: session.backend,
		...(session.fallbackReason ? { fallbackReason: session.fallbackReason } : {}),
		maxError,
		errors,
		tokensChecked,
		engineMs: Math.round(engineMs)
	};
}
