// Quality checks on the committed default model (static/models/provena-tiny): it loads, its tokenizer loads in
// transformers.js offline and agrees with Provena's own, greedy generation speaks the corpus's English, and each
// demo adapter fits its own domain clearly better than the base model and the other adapters do.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { generate } from '../../../workers/ml/generation/generate.ts';
import { createOrtNodeDecoderSession } from '../../../workers/ml/serving/ortNodeDecoderSession.ts';
import {
	loadAdapterFiles,
	loadModelFiles,
	stopTokenIds,
	type ModelFiles
} from '../../../workers/ml/model/modelDirectory.ts';
import type { LoraAdapter } from '../../../workers/ml/core/loraAdapter.ts';
import { referenceLogits } from '../../../workers/ml/reference/referenceForward.ts';
import { BpeTokenizer } from '../../../workers/ml/tokenizer/bpeTokenizer.ts';
import { nextTokenBatch, referenceCrossEntropy } from '../../../workers/ml/training/loss.ts';
import { baseCorpus } from './corpus.ts';
import { ADAPTER_DATASETS, adapterDocuments } from './datasets.ts';
import { BUILD_SETTINGS } from './settings.ts';
import { checkDomain } from './domainCheck.ts';
import { generationDefaults } from '../../../workers/ml/generation/generationDefaults.ts';
import { createTextStream } from '../../../workers/ml/generation/streamingText.ts';
import { hfTokenizer } from '../../../workers/ml/tokenizer/hfTokenizer.ts';

const modelDir = resolve('static/models/provena-tiny');
const reader = (dir: string) => async (name: string) => {
	try {
		return new Uint8Array(readFileSync(join(dir, name)));
	} catch {
		return undefined;
	}
};

let model: ModelFiles;
let tokenizer: BpeTokenizer;
const adapters = new Map<string, LoraAdapter>();

beforeAll(async () => {
	model = await loadModelFiles(reader(modelDir), { source: modelDir });
	tokenizer = BpeTokenizer.fromTokenizerJson(model.tokenizerJson as never);
	for (const dataset of ADAPTER_DATASETS) {
		const dir = join(modelDir, 'adapters', dataset.id);
		adapters.set(dataset.id, await loadAdapterFiles(reader(dir), { config: model.config, modelId: model.modelId! }));
	}
});

/** Mean next-token loss of the float64 reference over a few rows of held-out text. */
function heldOutLoss(rows: number[][], lora?: LoraAdapter): number {
	const logits = rows.flatMap((row) => [...referenceLogits(model.config, model.weights, row, lora ? { lora } : {})]);
	return referenceCrossEntropy(logits, nextTokenBatch(rows, 0));
}

describe('the default model', () => {
	it('has the agreed shape, a tokenizer transformers.js loads offline, and files matching its manifest', async () => {
		expect(model.modelId).toBe('provena/provena-tiny');
		expect(model.config).toMatchObject({
			modelType: 'llama',
			hiddenSize: 128,
			numLayers: 4,
			numHeads: 4,
			numKeyValueHeads: 2,
			headDim: 32,
			intermediateSize: 384,
			maxPositionEmbeddings: 512,
			tieWordEmbeddings: true
		});
		expect(model.config.vocabSize).toBeGreaterThanOrEqual(tokenizer.vocab.size);
		expect(stopTokenIds(model.config, model.generationConfig).sort()).toEqual([0, 2]);

		env.allowRemoteModels = false;
		env.allowLocalModels = true;
		env.localModelPath = dirname(modelDir) + '/';
		const hf = await AutoTokenizer.from_pretrained(basename(modelDir));
		const sentence = 'Once upon a time, there was a little cat named Lily. "What is this?" Lily asked.';
		expect(hf.encode(sentence)).toEqual(tokenizer.encode(sentence));
		const chat = hf.apply_chat_template([{ role: 'user', content: 'Hello!' }], {
			add_generation_prompt: true,
			tokenize: true,
			return_tensor: false,
			return_dict: false
		}) as number[];
		expect(chat).toEqual(tokenizer.encode('<|im_start|>user\nHello!<|im_end|>\n<|im_start|>assistant\n'));

		const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'));
		for (const [name, entry] of Object.entries(manifest.files) as [string, { bytes: number; sha256: string }][]) {
			const bytes = readFileSync(join(modelDir, name));
			expect(bytes.length, name).toBe(entry.bytes);
			expect(createHash('sha256').update(bytes).digest('hex'), name).toBe(entry.sha256);
		}
	});

	it('continues a story in the words of its corpus (greedy, onnxruntime-node)', async () => {
		const words = new Set(
			baseCorpus(BUILD_SETTINGS.seed, BUILD_SETTINGS.corpusChars)
				.join(' ')
				.toLowerCase()
				.match(/[a-z']+/g)
		);
		const session = await createOrtNodeDecoderSession(model.config, model.weights);
		try {
			const prompt = tokenizer.encode('Once upon a time, there was a little');
			const result = await generate(session, prompt, {
				maxNewTokens: 40,
				sampling: { temperature: 0 },
				seed: 1,
				stopTokenIds: stopTokenIds(model.config, model.generationConfig)
			});
			const text = tokenizer.decode(result.tokenIds);
			console.log(`default model, greedy: "Once upon a time, there was a little${text}"`);
			const generated = text.toLowerCase().match(/[a-z']+/g) ?? [];
			expect(generated.length).toBeGreaterThanOrEqual(8);
			const known = generated.filter((word) => words.has(word)).length;
			expect(known / generated.length).toBeGreaterThanOrEqual(0.95);
		} finally {
			await session.release();
		}
	});

	it("answers chat prompts in each adapter's domain at the model's own sampling defaults, with whole characters", async () => {
		const defaults = generationDefaults(model.generationConfig);
		expect(defaults.fromModel).toContain('temperature');
		expect(defaults.sampling.temperature).toBeGreaterThan(0);
		const hf = hfTokenizer(model.tokenizerJson!, model.tokenizerConfig!);
		const lines: string[] = [];
		let passed = 0;
		let total = 0;
		for (const dataset of ADAPTER_DATASETS) {
			const session = await createOrtNodeDecoderSession(model.config, model.weights, {}, { lora: adapters.get(dataset.id)! });
			try {
				for (const [index, prompt] of ['What should I do today?', 'Tell me something.', dataset.questions[0]!].entries()) {
					const stream = createTextStream((ids) => hf.decode(ids));
					const result = await generate(session, hf.encodeChatSpans([{ role: 'user', content: prompt }]).tokenIds, {
						maxNewTokens: defaults.maxNewTokens,
						sampling: defaults.sampling,
						seed: index + 1,
						stopTokenIds: stopTokenIds(model.config, model.generationConfig),
						onToken: (id) => stream.push(id)
					});
					const raw = hf.decode(result.tokenIds);
					const text = stream.finish();
					const check = checkDomain(text, dataset.id);
					total++;
					if (check.inDomain) passed++;
					lines.push(`${dataset.id} ${check.inDomain ? 'in ' : 'OUT'} ${JSON.stringify(text)}${raw === text ? '' : ' (raw had undisplayable characters)'}`);
					expect(text).not.toMatch(/[\uFFFD\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
				}
			} finally {
				await session.release();
			}
		}
		console.log(`at the model's defaults (${JSON.stringify(defaults.sampling)}):\n${lines.join('\n')}`);
		// Sampling is sampling: nearly all, not necessarily every one, of a dozen answers stay in their domain.
		expect(passed / total).toBeGreaterThanOrEqual(11 / 12);
	}, 120_000);

	it('each adapter fits its own domain clearly better than the base model and the other adapters', () => {
		const table: string[] = [];
		for (const [index, dataset] of ADAPTER_DATASETS.entries()) {
			// A seed the build never used: text the adapters have not seen.
			const text = adapterDocuments(dataset, 9000 + index, 2500).join('');
			const ids = tokenizer.encode(text);
			const rows = [ids.slice(0, 64), ids.slice(64, 128), ids.slice(128, 192)];
			const base = heldOutLoss(rows);
			const own = heldOutLoss(rows, adapters.get(dataset.id));
			const others = ADAPTER_DATASETS.filter((d) => d.id !== dataset.id).map((d) =>
				heldOutLoss(rows, adapters.get(d.id))
			);
			table.push(
				`${dataset.id}: own ${own.toFixed(3)}, base ${base.toFixed(3)}, others ${others.map((l) => l.toFixed(3)).join(' ')}`
			);
			expect(own, dataset.id).toBeLessThan(base * 0.8);
			expect(own, dataset.id).toBeLessThan(Math.min(...others) * 0.85);
		}
		console.log(`held-out loss on each domain:\n${table.join('\n')}`);
	}, 120_000);
});
