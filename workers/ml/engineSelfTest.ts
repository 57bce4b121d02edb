// The inference engine's self-test: tiny seeded models of each supported shape (Llama, GQA, Qwen2-like with
// biases and an untied head) served by onnxruntime-web (WebGPU, or Wasm without it) exactly as OpenLoRA serves
// them: LoRA adapters in slot pools, one batch mixing the base model and two different adapters, a prefill and
// two cached steps with the KV cache kept where the engine keeps it. Every row of every step is compared with the
// float64 reference, so a user learns on their own browser whether the engine computes the right numbers.
import type { ModelConfig } from './model/modelConfig.ts';
import { fixtureAdapter, fixtureConfigs, fixtureWeights, tinyLlamaConfig } from './model/fixtureModels.ts';
import type { LoraAdapter } from './reference/loraAdapter.ts';
import { referenceLogits } from './reference/referenceForward.ts';
import { createOrtWebServingSession, type OrtWebBackend } from './serving/ortWebServingSession.ts';
import { ALL_LORA_TARGETS } from './serving/servingTargets.ts';

/** One model shape's outcome. */
export type EngineSelfTestCase = { name: string; maxError: number };

/** What {@link runEngineSelfTest} found. */
export type EngineSelfTestResult = {
	backend: OrtWebBackend;
	/** Why WebGPU was not used, when backend is 'wasm'. */
	fallbackReason?: string;
	/** Largest absolute difference between the engine's and the reference's logits, over every checked token. */
	maxError: number;
	/** The largest error of each model shape. */
	cases: EngineSelfTestCase[];
	/** How many (row, position) logit vectors were compared. */
	tokensChecked: number;
	/** Wall time of the engine's forward passes, milliseconds. */
	engineMs: number;
};

/** The shared tiny Llama (hidden 32, 4 heads of 8, 2 layers, vocabulary 64), the first case. */
export const selfTestConfig: ModelConfig = tinyLlamaConfig;

const sequences = [
	[1, 17, 42, 5, 63, 0, 9],
	[3, 3, 60, 21, 8, 44, 31],
	[1, 17, 42, 5, 63, 0, 9]
];
// Rows 0 and 2 share their tokens but not their adapter: a batch that ignored adapter_index would fail.
const slotOfRow = [0, 1, 2];
const prefillLength = 5;

function largestError(actual: Float32Array, expected: Float64Array): number {
	let error = 0;
	for (let i = 0; i < actual.length; i++) {
		const diff = Math.abs(actual[i]! - expected[i]!);
		// NaN must fail the test, not vanish in Math.max.
		error = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : Math.max(error, diff);
	}
	return error;
}

/**
 * Runs the self-test on `gpu` (navigator.gpu; undefined tests the Wasm fallback).
 *
 * @example
 * const { backend, maxError, cases } = await runEngineSelfTest(self.navigator.gpu);
 */
export async function runEngineSelfTest(gpu: GPU | undefined, signal?: AbortSignal): Promise<EngineSelfTestResult> {
	const cases: EngineSelfTestCase[] = [];
	let backend: OrtWebBackend = 'wasm';
	let fallbackReason: string | undefined;
	let tokensChecked = 0;
	let engineMs = 0;
	const shapes = Object.entries(fixtureConfigs).filter(([name]) => name !== 'llama3 rope scaling');
	for (const [index, [name, config]] of shapes.entries()) {
		signal?.throwIfAborted();
		const weights = fixtureWeights(config, 20240611 + index);
		const adapters: LoraAdapter[] = [
			fixtureAdapter(config, 31 + index, { rank: 4, alpha: 8, targetModules: ['q_proj', 'v_proj', 'down_proj'] }),
			fixtureAdapter(config, 41 + index, { rank: 2, alpha: 3, useRsLora: true, targetModules: ['k_proj', 'o_proj', 'up_proj'], layers: [1] })
		];
		const serving = await createOrtWebServingSession(config, weights, {
			gpu,
			layout: { targets: ALL_LORA_TARGETS, rank: 4, slots: 3 }
		});
		backend = serving.backend;
		fallbackReason = serving.fallbackReason;
		let maxError = 0;
		try {
			await serving.writeSlot(1, adapters[0]);
			await serving.writeSlot(2, adapters[1]);
			const vocab = config.vocabSize;
			let start = performance.now();
			let result = await serving.forwardBatch(
				sequences.map((ids) => ids.slice(0, prefillLength)),
				slotOfRow,
				undefined
			);
			engineMs += performance.now() - start;
			for (let length = prefillLength; ; length++) {
				for (const [row, ids] of sequences.entries()) {
					const slot = slotOfRow[row]!;
					const all = referenceLogits(config, weights, ids.slice(0, length), slot ? { lora: adapters[slot - 1]! } : {});
					maxError = Math.max(maxError, largestError(result.lastLogits[row]!, all.subarray((length - 1) * vocab)));
					tokensChecked++;
				}
				if (length === sequences[0]!.length) break;
				signal?.throwIfAborted();
				start = performance.now();
				const next = await serving.forwardBatch(
					sequences.map((ids) => [ids[length]!]),
					slotOfRow,
					result.cache
				);
				engineMs += performance.now() - start;
				serving.releaseCache(result.cache);
				result = next;
			}
			serving.releaseCache(result.cache);
		} finally {
			await serving.release();
		}
		cases.push({ name, maxError });
	}
	return {
		backend,
		...(fallbackReason ? { fallbackReason } : {}),
		maxError: Math.max(...cases.map((c) => c.maxError)),
		cases,
		tokensChecked,
		engineMs: Math.round(engineMs)
	};
}
