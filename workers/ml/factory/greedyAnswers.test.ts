// The evaluation's greedy answers come from the trainer's jax forward without a KV cache; the project's serving path
// (onnxruntime-node with a KV cache, generate at temperature 0) must give the same tokens for the same weights.
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { tree } from '@jax-js/jax';
import { loraScale, type LoraAdapter } from '../core/loraAdapter.ts';
import { generate } from '../generation/generate.ts';
import { loadAdapterFiles } from '../model/modelDirectory.ts';
import { createOrtNodeDecoderSession } from '../serving/ortNodeDecoderSession.ts';
import { initJaxWasm } from '../training/initJaxWasm.ts';
import { jaxLoraFromAdapter, jaxWeightsFromHost } from '../training/jaxForward.ts';
import { DEFAULT_MODEL_DIR, loadDefaultModel, type DefaultModel } from './defaultModel.testing.ts';
import { greedyAnswers } from './greedyAnswers.ts';
import { encodePrompt } from './trainingExamples.ts';

let model: DefaultModel;
let weather: LoraAdapter;
beforeAll(async () => {
	await initJaxWasm();
	model = await loadDefaultModel();
	const dir = join(DEFAULT_MODEL_DIR, 'adapters', 'weather');
	weather = await loadAdapterFiles(
		(name) =>
			readFile(join(dir, name)).then(
				(bytes) => new Uint8Array(bytes),
				() => undefined
			),
		{ config: model.files.config, modelId: model.files.modelId! }
	);
});

describe('greedyAnswers', () => {
	it('answers as the serving engine does greedily, for the base model and with an adapter, rows side by side', async () => {
		const { files, tokenizer, stopTokenIds } = model;
		const prompts = ['What should I wear today?', 'Is it going to rain tomorrow in the hills?'].map((p) =>
			encodePrompt(tokenizer, p)
		);
		const base = jaxWeightsFromHost(files.config, files.weights);
		const lora = jaxLoraFromAdapter(files.config, weather);
		try {
			for (const adapter of [undefined, weather]) {
				const answers = await greedyAnswers({
					forward: { config: files.config, loraScale: adapter ? loraScale(adapter) : 0 },
					base,
					...(adapter ? { lora } : {}),
					prompts,
					maxNewTokens: 12,
					stopTokenIds
				});
				const session = await createOrtNodeDecoderSession(
					files.config,
					files.weights,
					{},
					adapter ? { lora: adapter } : {}
				);
				try {
					for (const [i, prompt] of prompts.entries()) {
						const served = await generate(session, prompt, {
							maxNewTokens: 12,
							sampling: { temperature: 0 },
							seed: 1,
							stopTokenIds
						});
						// generate leaves the stop token out; greedyAnswers keeps it.
						const answer = answers[i]!;
						const stopped = stopTokenIds.includes(answer.at(-1)!);
						expect(stopped ? answer.slice(0, -1) : answer).toEqual(served.tokenIds);
						expect(served.stoppedBy).toBe(stopped ? 'stop-token' : 'length');
					}
				} finally {
					await session.release();
				}
			}
		} finally {
			tree.dispose([base, lora]);
		}
	});
});
