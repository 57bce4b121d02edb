// The pipeline behind `provena make-model`: corpus → byte-level BPE → config → seeded init → full pre-training
// → model files → one LoRA per demo dataset on the frozen base → adapter files → model card, manifest and the
// Models page index. Everything is seeded and runs on jax-js's Wasm backend, so the same code writes the same
// bytes; only the progress lines (timings) differ between runs.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { tree } from '@jax-js/jax';
import { writeSafetensors } from '../../../workers/ml/formats/safetensors.ts';
import { generate } from '../../../workers/ml/generation/generate.ts';
import { createOrtNodeDecoderSession } from '../../../workers/ml/serving/ortNodeDecoderSession.ts';
import { displayableText } from '../../../workers/ml/generation/streamingText.ts';
import { initializeWeights } from '../../../workers/ml/model/initializeWeights.ts';
import type { ModelConfig } from '../../../workers/ml/core/modelConfig.ts';
import { writeModelConfig } from '../../../workers/ml/model/writeModelConfig.ts';
import { loraScale, type LoraAdapter } from '../../../workers/ml/core/loraAdapter.ts';
import { BpeTokenizer } from '../../../workers/ml/tokenizer/bpeTokenizer.ts';
import { CHATML_CHAT_TEMPLATE, tokenizerJson } from '../../../workers/ml/tokenizer/tokenizerJson.ts';
import { trainBpe } from '../../../workers/ml/tokenizer/trainBpe.ts';
import { adamwInit, DEFAULT_ADAMW } from '../../../workers/ml/training/adamw.ts';
import {
	hostAdapterFromJax,
	hostWeightsFromJax,
	peftAdapterFiles
} from '../../../workers/ml/training/exportPeftAdapter.ts';
import { initLoraAdapter } from '../../../workers/ml/training/initLoraAdapter.ts';
import { jaxLoraFromAdapter, jaxWeightsFromHost, type JaxWeights } from '../../../workers/ml/training/jaxForward.ts';
import { releaseTrainSteps } from '../../../workers/ml/training/trainStep.ts';
import { evaluateLoss, packTokenRows, trainLoop, type TrainProgress } from '../../../workers/ml/training/trainLoop.ts';
import { baseCorpus } from './corpus.ts';
import { ADAPTER_DATASETS, adapterDocuments, type AdapterDataset } from './datasets.ts';
import { adapterCard, modelCard } from './modelCard.ts';
import { ADAPTER_SHAPES, BUILD_SETTINGS, MODEL_ID, SPECIAL_TOKENS, type BuildSettings } from './settings.ts';

/** Options of {@link buildDefaultModel}. */
export type BuildDefaultModelOptions = {
	/** The model directory to write (created if needed; existing files are overwritten). */
	outDir: string;
	/** Where the Models page index goes; none when absent. */
	indexFile?: string;
	settings?: BuildSettings;
	/** Progress lines (the CLI sends them to stderr). */
	log?: (line: string) => void;
	signal?: AbortSignal;
};

/** Per-adapter results, as the manifest and model card report them. */
export type AdapterReport = {
	id: string;
	dataset: AdapterDataset;
	adapter: LoraAdapter;
	trainLoss: number;
	heldOutLoss: number;
	baseHeldOutLoss: number;
};

/** What {@link buildDefaultModel} measured. */
export type BuildReport = {
	config: ModelConfig;
	settings: BuildSettings;
	corpusChars: number;
	corpusTokens: number;
	pretrainLosses: number[];
	heldOutLoss: number;
	adapters: AdapterReport[];
	/** Replies to the sample prompt, greedy and sampled at generation_config.json's defaults (seed 1). */
	samples: { adapter: string; prompt: string; text: string; sampling: 'greedy' | 'defaults' }[];
	files: Record<string, { bytes: number; sha256: string }>;
};

/**
 * Builds the default model and its demo adapters into `outDir`.
 *
 * @example
 * await initJaxWasm();
 * await buildDefaultModel({ outDir: 'static/models/provena-tiny', indexFile: 'static/models/index.json', log: console.error });
 */
export async function buildDefaultModel(options: BuildDefaultModelOptions): Promise<BuildReport> {
	const settings = options.settings ?? BUILD_SETTINGS;
	const log = options.log ?? (() => {});
	const { outDir } = options;
	const written = new Map<string, Uint8Array>();
	const write = async (name: string, content: Uint8Array | string | object) => {
		const bytes =
			content instanceof Uint8Array
				? content
				: new TextEncoder().encode(typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
		await mkdir(dirname(join(outDir, name)), { recursive: true });
		await writeFile(join(outDir, name), bytes);
		written.set(name, bytes);
	};

	// Corpus and tokenizer. The tokenizer sees only the base corpus, as a real base model's would.
	const documents = baseCorpus(settings.seed, settings.corpusChars);
	const corpusChars = documents.reduce((sum, d) => sum + d.length, 0);
	const trained = trainBpe(documents, { vocabSize: settings.vocabSize, specialTokens: SPECIAL_TOKENS });
	const tokenizer = new BpeTokenizer({ ...trained, specialTokens: SPECIAL_TOKENS });
	const [endOfText, , imEnd] = SPECIAL_TOKENS.map((token) => trained.vocab.get(token)!);
	log(`tokenizer: ${trained.vocab.size} tokens from ${(corpusChars / 1000).toFixed(0)} kB of corpus`);
	const { tokenizerJson: tokJson, tokenizerConfig } = tokenizerJson(trained, {
		specialTokens: SPECIAL_TOKENS,
		chatTemplate: CHATML_CHAT_TEMPLATE,
		bosToken: '<|endoftext|>',
		eosToken: '<|im_end|>',
		padToken: '<|endoftext|>',
		modelMaxLength: settings.model.maxPositionEmbeddings
	});
	const config: ModelConfig = { ...settings.model, vocabSize: trained.vocab.size, eosTokenIds: [imEnd!] };
	await write('config.json', { _name_or_path: MODEL_ID, ...writeModelConfig(config) });
	await write('generation_config.json', {
		bos_token_id: endOfText,
		eos_token_id: [imEnd, endOfText],
		pad_token_id: endOfText,
		...settings.generation
	});
	await write('tokenizer.json', tokJson);
	await write('tokenizer_config.json', tokenizerConfig);

	// Pre-training, every weight.
	const streams = documents.map((document) => tokenizer.encode(document));
	const corpusTokens = streams.reduce((sum, s) => sum + s.length, 0);
	const rows = packTokenRows(streams, settings.seqLength);
	const heldOutRows = packTokenRows(
		baseCorpus(settings.seed + 1, settings.heldOutChars).map((d) => tokenizer.encode(d)),
		settings.seqLength
	);
	log(
		`corpus: ${corpusTokens} tokens, ${rows.length} rows of ${settings.seqLength}; ${heldOutRows.length} held-out rows`
	);
	const weights = jaxWeightsFromHost(config, initializeWeights(config, { seed: settings.seed }));
	const baseSettings = { config, loraScale: 0 };
	const state = { settings: baseSettings, weights, optimizer: adamwInit(weights) };
	const pretrain = await trainLoop({ kind: 'full', state }, rows, {
		...settings.pretrain,
		adamw: { ...DEFAULT_ADAMW, weightDecay: settings.pretrain.weightDecay },
		seed: settings.seed,
		onProgress: progressLogger('pretrain', log, settings.logEvery),
		...(options.signal ? { signal: options.signal } : {})
	});
	tree.dispose([state.optimizer.m, state.optimizer.v]);
	releaseTrainSteps(baseSettings);
	const trainedWeights: JaxWeights = state.weights;
	const heldOutLoss = await evaluateLoss(
		baseSettings,
		trainedWeights,
		undefined,
		heldOutRows,
		settings.pretrain.batchSize
	);
	log(`pretrain: held-out loss ${heldOutLoss.toFixed(3)}`);
	const hostWeights = await hostWeightsFromJax(config, trainedWeights);
	await write('model.safetensors', writeSafetensors(hostWeights, { metadata: { format: 'pt' } }));

	// One LoRA per dataset on the frozen base.
	const adapters: AdapterReport[] = [];
	for (const [index, dataset] of ADAPTER_DATASETS.entries()) {
		const shape = ADAPTER_SHAPES[dataset.id]!;
		const seed = settings.seed + 100 * (index + 1);
		const encode = (docs: string[]) => docs.map((d) => tokenizer.encode(d));
		const trainRows = packTokenRows(encode(adapterDocuments(dataset, seed, settings.adapterChars)), settings.seqLength);
		const evalRows = packTokenRows(
			encode(adapterDocuments(dataset, seed + 1, settings.heldOutChars)),
			settings.seqLength
		);
		const initial = initLoraAdapter(config, shape, seed);
		const lora = jaxLoraFromAdapter(config, initial);
		const loraSettings = { config, loraScale: loraScale(initial) };
		const loraState = { settings: loraSettings, base: trainedWeights, lora, optimizer: adamwInit(lora) };
		const result = await trainLoop({ kind: 'lora', state: loraState }, trainRows, {
			...settings.adapter,
			adamw: { ...DEFAULT_ADAMW, weightDecay: settings.adapter.weightDecay },
			seed,
			onProgress: progressLogger(`adapter ${dataset.id}`, log, settings.logEvery),
			...(options.signal ? { signal: options.signal } : {})
		});
		releaseTrainSteps(loraSettings);
		const heldOut = await evaluateLoss(
			loraSettings,
			trainedWeights,
			loraState.lora,
			evalRows,
			settings.pretrain.batchSize
		);
		const baseHeldOut = await evaluateLoss(
			baseSettings,
			trainedWeights,
			undefined,
			evalRows,
			settings.pretrain.batchSize
		);
		log(`adapter ${dataset.id}: held-out loss ${heldOut.toFixed(3)} (base ${baseHeldOut.toFixed(3)})`);
		const adapter = await hostAdapterFromJax(loraState.lora, initial);
		tree.dispose([loraState.lora, loraState.optimizer.m, loraState.optimizer.v]);
		const trainLoss = mean(result.losses.slice(-10));
		adapters.push({ id: dataset.id, dataset, adapter, trainLoss, heldOutLoss: heldOut, baseHeldOutLoss: baseHeldOut });
	}
	tree.dispose(trainedWeights);

	// Sample chat replies, greedy and at the shipped defaults, through the same ORT path `provena generate` uses.
	const samples: BuildReport['samples'] = [];
	const { temperature, top_k, top_p, repetition_penalty } = settings.generation;
	const modes = [
		['greedy', { temperature: 0 }],
		['defaults', { temperature, topK: top_k, topP: top_p, repetitionPenalty: repetition_penalty }]
	] as const;
	for (const entry of [undefined, ...adapters]) {
		const prompt = settings.samplePrompt;
		const ids = tokenizer.encode(`<|im_start|>user\n${prompt}<|im_end|>\n<|im_start|>assistant\n`);
		const session = await createOrtNodeDecoderSession(config, hostWeights, {}, entry ? { lora: entry.adapter } : {});
		try {
			for (const [mode, sampling] of modes) {
				const result = await generate(session, ids, {
					maxNewTokens: settings.sampleTokens,
					sampling,
					seed: 1,
					stopTokenIds: [imEnd!, endOfText!]
				});
				const text = displayableText(tokenizer.decode(result.tokenIds));
				samples.push({ adapter: entry?.id ?? 'base', prompt, text, sampling: mode });
			}
		} finally {
			await session.release();
		}
	}

	for (const entry of adapters) {
		const { adapterConfig, safetensors } = peftAdapterFiles(entry.adapter, MODEL_ID);
		await write(`adapters/${entry.id}/adapter_config.json`, adapterConfig);
		await write(`adapters/${entry.id}/adapter_model.safetensors`, safetensors);
		await write(`adapters/${entry.id}/README.md`, adapterCard(entry, samples, settings));
	}
	const report: BuildReport = {
		config,
		settings,
		corpusChars,
		corpusTokens,
		pretrainLosses: pretrain.losses,
		heldOutLoss,
		adapters,
		samples,
		files: {}
	};
	await write('README.md', modelCard(report));
	for (const [name, bytes] of [...written].sort(([a], [b]) => (a < b ? -1 : 1)))
		report.files[name] = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
	await write('manifest.json', manifest(report));
	if (options.indexFile) await writeIndex(options.indexFile, outDir);
	return report;
}

function mean(values: number[]): number {
	return values.reduce((sum, v) => sum + v, 0) / Math.max(values.length, 1);
}

const round = (value: number) => Math.round(value * 10000) / 10000;

function manifest(report: BuildReport): Record<string, unknown> {
	const losses = report.pretrainLosses;
	// The curve as means over 20 equal stretches: enough to see its shape without every step.
	const stretches = Math.min(20, losses.length);
	const curve = Array.from({ length: stretches }, (_, i) => {
		const from = Math.floor((i * losses.length) / stretches);
		const to = Math.floor(((i + 1) * losses.length) / stretches);
		return { step: to, loss: round(mean(losses.slice(from, to))) };
	});
	return {
		id: MODEL_ID,
		files: report.files,
		settings: report.settings,
		corpus: { chars: report.corpusChars, tokens: report.corpusTokens },
		pretrain: {
			steps: losses.length,
			firstLoss: round(losses[0] ?? NaN),
			finalLoss: round(mean(losses.slice(-10))),
			heldOutLoss: round(report.heldOutLoss),
			curve
		},
		adapters: Object.fromEntries(
			report.adapters.map((a) => [
				a.id,
				{ trainLoss: round(a.trainLoss), heldOutLoss: round(a.heldOutLoss), baseHeldOutLoss: round(a.baseHeldOutLoss) }
			])
		)
	};
}

async function writeIndex(indexFile: string, outDir: string): Promise<void> {
	const modelPath = relative(dirname(indexFile), outDir).split('\\').join('/');
	const entry = {
		id: MODEL_ID,
		name: 'Provena Tiny',
		path: modelPath,
		description:
			'A ~1M-parameter Llama-architecture model pre-trained by Provena on its own simple-English stories and chats.',
		adapters: ADAPTER_DATASETS.map((d) => ({
			id: d.id,
			name: d.name,
			path: `${modelPath}/adapters/${d.id}`,
			description: d.description,
			domain: d.domain
		}))
	};
	let models: { id: string }[] = [];
	try {
		models = (JSON.parse(await readFile(indexFile, 'utf8')) as { models: { id: string }[] }).models ?? [];
	} catch {
		// No index yet (or an unreadable one): start a new one.
	}
	const next = [...models.filter((m) => m.id !== MODEL_ID), entry].sort((a, b) => (a.id < b.id ? -1 : 1));
	await mkdir(dirname(indexFile), { recursive: true });
	await writeFile(indexFile, JSON.stringify({ models: next }, null, 2) + '\n');
}

function progressLogger(phase: string, log: (line: string) => void, every: number) {
	return (p: TrainProgress) => {
		if (p.step % every !== 0 && p.step !== p.totalSteps && p.step !== 1) return;
		log(
			`${phase} step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(3)} lr ${p.learningRate.toExponential(2)} ` +
				`elapsed ${duration(p.elapsed)} eta ${duration(p.eta)}`
		);
	};
}

function duration(seconds: number): string {
	const s = Math.round(seconds);
	return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
