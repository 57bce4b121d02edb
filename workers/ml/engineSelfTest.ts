// The inference engine's self-test: tiny seeded models of each supported shape (Llama, GQA, Qwen2-like with
// biases and an untied head), and the site's default model with two of its adapters, served by onnxruntime-web (WebGPU, or Wasm without it) exactly as OpenLoRA serves
// them: LoRA adapters in slot pools, one batch mixing the base model and two different adapters, a prefill and
// two cached steps with the KV cache kept where the engine keeps it. Every row of every step is compared with the
// float64 reference, so a user learns on their own browser whether the engine computes the right numbers.
import type { ModelConfig } from './core/modelConfig.ts';
import { fixtureAdapter, fixtureConfigs, fixtureWeights, maxAbsDifference, tinyLlamaConfig } from './model/fixtureModels.ts';
import type { LoraAdapter } from './core/loraAdapter.ts';
import type { TensorMap } from './core/hostTensor.ts';
import { loadAdapterFiles, loadModelFiles } from './model/modelDirectory.ts';
import { fetchModelFiles } from './model/fetchModelFiles.ts';
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

const sequences: number[][] = [
	[1, 17, 42, 5, 63, 0, 9],
	[3, 3, 60, 21, 8, 44, 31],
	[1, 17, 42, 5, 63, 0, 9]
];
const prefillLength = 5;

/** A real model to check besides the fixtures: its folder URL and up to two of its adapters' folder URLs. */
export type SelfTestModel = { name: string; url: string; adapterUrls: string[] };

type SelfTestCaseInput = { name: string; config: ModelConfig; weights: TensorMap; adapters: LoraAdapter[]; sequences: number[][] };

/**
 * Runs the self-test on `gpu` (navigator.gpu; undefined tests the Wasm fallback): the fixtures, and `model` when given.
 *
 * @example
 * const { backend, maxError, cases } = await runEngineSelfTest(self.navigator.gpu);
 */
export async function runEngineSelfTest(
	gpu: GPU | undefined,
	signal?: AbortSignal,
	model?: SelfTestModel
): Promise<EngineSelfTestResult> {
	const inputs: (() => Promise<SelfTestCaseInput>)[] = Object.entries(fixtureConfigs)
		.filter(([name]) => name !== 'llama3 rope scaling')
		.map(([name, config], index) => async () => ({
			name,
			config,
			weights: fixtureWeights(config, 20240611 + index),
			adapters: [
				fixtureAdapter(config, 31 + index, { rank: 4, alpha: 8, targetModules: ['q_proj', 'v_proj', 'down_proj'] }),
				fixtureAdapter(config, 41 + index, { rank: 2, alpha: 3, useRsLora: true, targetModules: ['k_proj', 'o_proj', 'up_proj'], layers: [1] })
			],
			sequences
		}));
	if (model) inputs.push(() => loadSelfTestModel(model));
	const result: EngineSelfTestResult = { backend: 'wasm', maxError: 0, cases: [], tokensChecked: 0, engineMs: 0 };
	for (const input of inputs) {
		signal?.throwIfAborted();
		await checkCase(await input(), gpu, result, signal);
	}
	result.maxError = Math.max(...result.cases.map((c) => c.maxError));
	result.engineMs = Math.round(result.engineMs);
	return result;
}

async function loadSelfTestModel(model: SelfTestModel): Promise<SelfTestCaseInput> {
	const files = await loadModelFiles(fetchModelFiles(model.url), { source: model.url });
	const base = { config: files.config, modelId: files.modelId ?? model.name };
	const adapters = await Promise.all(
		model.adapterUrls.slice(0, 2).map((url) => loadAdapterFiles(fetchModelFiles(url), base, { source: url }))
	);
	// Ids spread over the vocabulary, the same length for every row.
	const vocab = files.config.vocabSize;
	const row = (offset: number) => Array.from({ length: 7 }, (_, i) => (offset + i * 97) % vocab);
	return { name: model.name, config: files.config, weights: files.weights, adapters, sequences: [row(3), row(11), row(3)] };
}

async function checkCase(
	{ name, config, weights, adapters, sequences: rows }: SelfTestCaseInput,
	gpu: GPU | undefined,
	result: EngineSelfTestResult,
	signal: AbortSignal | undefined
): Promise<void> {
	const rank = Math.max(1, ...adapters.map((a) => a.rank));
	const serving = await createOrtWebServingSession(config, weights, {
		gpu,
		layout: { targets: ALL_LORA_TARGETS, rank, slots: adapters.length + 1 }
	});
	result.backend = serving.backend;
	if (serving.fallbackReason) result.fallbackReason = serving.fallbackReason;
	// Rows 0 and 2 share their tokens but not their adapter: a batch that ignored adapter_index would fail.
	const slots = rows.map((_, row) => Math.min(row, adapters.length));
	let maxError = 0;
	try {
		for (const [i, adapter] of adapters.entries()) await serving.writeSlot(i + 1, adapter);
		const vocab = config.vocabSize;
		let start = performance.now();
		let step = await serving.forwardBatch(
			rows.map((ids) => ids.slice(0, prefillLength)),
			slots,
			undefined
		);
		result.engineMs += performance.now() - start;
		for (let length = prefillLength; ; length++) {
			for (const [row, ids] of rows.entries()) {
				const slot = slots[row]!;
				const all = referenceLogits(config, weights, ids.slice(0, length), slot ? { lora: adapters[slot - 1]! } : {});
				// A NaN stays NaN through maxAbsDifference and Math.max, and NaN < tolerance is false: it fails.
				maxError = Math.max(maxError, maxAbsDifference(step.lastLogits[row]!, all.subarray((length - 1) * vocab)));
				result.tokensChecked++;
			}
			if (length === rows[0]!.length) break;
			signal?.throwIfAborted();
			start = performance.now();
			const next = await serving.forwardBatch(
				rows.map((ids) => [ids[length]!]),
				slots,
				step.cache
			);
			result.engineMs += performance.now() - start;
			serving.releaseCache(step.cache);
			step = next;
		}
		serving.releaseCache(step.cache);
	} finally {
		await serving.release();
	}
	result.cases.push({ name, maxError });
}
