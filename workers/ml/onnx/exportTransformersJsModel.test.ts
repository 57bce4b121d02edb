// The transformers.js export is only worth benchmarking against if transformers.js runs it as we do: its own
// text-generation pipeline (onnxruntime-node, offline) must pick, greedily, the tokens our generate() picks.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { env, pipeline, type TextGenerationPipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSafetensors } from '../formats/safetensors.ts';
import { generate } from '../generation/generate.ts';
import { createOrtNodeDecoderSession } from '../serving/ortNodeDecoderSession.ts';
import { initializeWeights } from '../model/initializeWeights.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { loadModelFiles } from '../model/modelDirectory.ts';
import { writeModelConfig } from '../model/writeModelConfig.ts';
import { tokenizerJson } from '../tokenizer/tokenizerJson.ts';
import { trainBpe } from '../tokenizer/trainBpe.ts';
import { tokenRecorder } from '../../bench/tokenRecorder.ts';
import {
	exportTransformersJsModel,
	TransformersJsExportError,
	transformersJsModelPath
} from './exportTransformersJsModel.ts';
import { tinyLlamaConfig } from '../model/fixtureModels.ts';

const specialTokens = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'];
const corpus = Array.from(
	{ length: 200 },
	(_, i) => `community ${i % 7} datanet trains adapter ${i % 11} in the browser and pays contributor ${i % 5}.`
);
const prompt = 'community datanet trains adapter';
const newTokens = 24;

let root: string;
let modelDir: string;
let config: ModelConfig;
const read = (dir: string) => (name: string) =>
	readFile(join(dir, name)).then(
		(bytes) => new Uint8Array(bytes),
		() => undefined
	);

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'provena-tjs-'));
	modelDir = join(root, 'source');
	await mkdir(modelDir);
	const trained = trainBpe(corpus, { vocabSize: 400, specialTokens });
	config = { ...tinyLlamaConfig, vocabSize: trained.vocab.size, intermediateSize: 64, numKeyValueHeads: 2, eosTokenIds: [0] };
	const tokenizer = tokenizerJson(trained, { specialTokens });
	await writeFile(join(modelDir, 'config.json'), JSON.stringify(writeModelConfig(config)));
	await writeFile(
		join(modelDir, 'model.safetensors'),
		writeSafetensors(initializeWeights(config, { seed: 3, std: 0.3 }))
	);
	await writeFile(join(modelDir, 'tokenizer.json'), JSON.stringify(tokenizer.tokenizerJson));
	await writeFile(join(modelDir, 'tokenizer_config.json'), JSON.stringify(tokenizer.tokenizerConfig));
	await writeFile(join(modelDir, 'generation_config.json'), JSON.stringify({ eos_token_id: 0, do_sample: true }));
});

afterAll(async () => {
	if (root) await rm(root, { recursive: true, force: true });
});

describe('exportTransformersJsModel', () => {
	it("lays the model out as transformers.js' text-generation pipeline loads it", async () => {
		const files = await exportTransformersJsModel(read(modelDir), { source: modelDir });
		expect([...files.keys()].sort()).toEqual([
			'config.json',
			'generation_config.json',
			transformersJsModelPath,
			'tokenizer.json',
			'tokenizer_config.json'
		]);
		const exported = join(root, 'exported');
		for (const [path, bytes] of files) {
			await mkdir(dirname(join(exported, path)), { recursive: true });
			await writeFile(join(exported, path), bytes);
		}

		env.allowRemoteModels = false;
		env.allowLocalModels = true;
		env.localModelPath = `${root}/`;
		const generator = (await pipeline('text-generation', 'exported', {
			dtype: 'fp32',
			device: 'cpu'
		})) as TextGenerationPipeline;
		const recorder = tokenRecorder();
		// eos_token_id null: no early stop, so both sides generate exactly `newTokens`.
		const [output] = (await generator(prompt, {
			max_new_tokens: newTokens,
			do_sample: false,
			eos_token_id: null,
			return_full_text: false,
			streamer: recorder
		} as never)) as { generated_text: string }[];
		await generator.dispose();

		const { config: loadedConfig, weights } = await loadModelFiles(read(modelDir));
		const session = await createOrtNodeDecoderSession(loadedConfig, weights);
		const ours = await generate(session, recorder.promptIds, {
			maxNewTokens: newTokens,
			sampling: { temperature: 0 },
			seed: 1,
			stopTokenIds: []
		});
		await session.release();

		expect(recorder.promptIds.length).toBeGreaterThan(1);
		expect(recorder.tokenIds).toHaveLength(newTokens);
		expect(ours.tokenIds).toEqual(recorder.tokenIds);
		expect(output!.generated_text).toBe(generator.tokenizer.decode(ours.tokenIds, { skip_special_tokens: true }));
	});

	it('refuses a model without a tokenizer, saying what to add', async () => {
		const withoutTokenizer = (name: string) =>
			name.startsWith('tokenizer') ? Promise.resolve(undefined) : read(modelDir)(name);
		await expect(exportTransformersJsModel(withoutTokenizer, { source: 'models/x' })).rejects.toThrow(
			TransformersJsExportError
		);
	});
});
