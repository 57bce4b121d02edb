import { describe, expect, it } from 'vitest';
import { writeSafetensors } from '../formats/safetensors.ts';
import { fixtureAdapter, fixtureWeights, tinyLlamaConfig } from '../model/fixtureModels.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { TensorMap } from '../core/hostTensor.ts';
import type { ModelFiles } from '../model/modelDirectory.ts';
import type { LoraAdapter } from '../core/loraAdapter.ts';
import { generate } from '../generation/generate.ts';
import { displayableText } from '../generation/streamingText.ts';
import { CHATML_CHAT_TEMPLATE, tokenizerJson } from '../tokenizer/tokenizerJson.ts';
import { trainBpe } from '../tokenizer/trainBpe.ts';
import { hfTokenizer } from '../tokenizer/hfTokenizer.ts';
import { memoryAdapterFileCache } from './adapterFileCache.ts';
import { createOrtNodeServingSession } from './ortNodeServingSession.ts';
import { rowDecoderSession } from '../core/session.ts';
import { DeviceLostError } from './errors.ts';
import { AdapterHashMismatchError, sha256Hex } from './adapterIntegrity.ts';
import { OpenLoraEngine, type AnswerEvent, type EngineServing } from './openLoraEngine.ts';

const specialTokens = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'];
const trained = trainBpe(['the cat sat on the mat. the dog ran to the park. sunny and warm today.'], {
	vocabSize: 300,
	specialTokens,
	minFrequency: 1
});
const tokenizerFiles = tokenizerJson(trained, { specialTokens, chatTemplate: CHATML_CHAT_TEMPLATE, eosToken: '<|im_end|>' });
const config: ModelConfig = { ...tinyLlamaConfig, vocabSize: trained.vocab.size, eosTokenIds: [2] };
const modelFiles: ModelFiles = {
	config,
	modelId: 'test/chat-fixture',
	weights: new Map(fixtureWeights(config, 77)),
	tokenizerJson: tokenizerFiles.tokenizerJson,
	tokenizerConfig: tokenizerFiles.tokenizerConfig
};
const adapters: Record<string, LoraAdapter> = {
	weather: fixtureAdapter(config, 1, { rank: 4, alpha: 8, targetModules: ['q_proj', 'v_proj'] }),
	recipes: fixtureAdapter(config, 2, { rank: 2, alpha: 4, useRsLora: true, targetModules: ['down_proj'] }),
	shanties: fixtureAdapter(config, 3, { rank: 4, alpha: 4, targetModules: ['o_proj', 'up_proj'], layers: [1] })
};

/** PEFT files for an adapter, as a reader counts how often the "network" is asked. */
function peftSource(adapter: LoraAdapter, reads: string[]) {
	const files: Record<string, Uint8Array> = {
		'adapter_config.json': new TextEncoder().encode(
			JSON.stringify({
				peft_type: 'LORA',
				base_model_name_or_path: 'test/chat-fixture',
				r: adapter.rank,
				lora_alpha: adapter.alpha,
				use_rslora: adapter.useRsLora,
				target_modules: adapter.targetModules,
				...(adapter.layers ? { layers_to_transform: adapter.layers } : {})
			})
		),
		'adapter_model.safetensors': writeSafetensors(adapter.tensors, { dtype: 'BF16' })
	};
	return {
		label: 'test',
		read: async (name: string) => {
			reads.push(name);
			return files[name];
		}
	};
}

const openServing = (c: ModelConfig, w: TensorMap, layout: Parameters<typeof createOrtNodeServingSession>[2]) =>
	createOrtNodeServingSession(c, w, layout) as Promise<EngineServing>;
const settings = { maxNewTokens: 10, sampling: { temperature: 0 }, seed: 3 };
const messages = [{ role: 'user' as const, content: 'the cat' }];

async function openEngine(capacity = 4) {
	const reads: string[] = [];
	const cache = memoryAdapterFileCache();
	const engine = await OpenLoraEngine.open(modelFiles, 'test/chat-fixture', { openServing, adapterCache: cache, capacity, rank: 4 });
	for (const [id, adapter] of Object.entries(adapters)) engine.registerAdapter(id, peftSource(adapter, reads));
	return { engine, reads, cache };
}

describe('OpenLoraEngine', () => {
	it('streams a chat answer whose text is the decoded tokens a plain generate() gives', async () => {
		const { engine } = await openEngine();
		const events: AnswerEvent[] = [];
		const { text, stats } = await engine.chat(messages, 'weather', settings, (e) => events.push(e));
		const streamed = events.filter((e) => e.kind === 'text').map((e) => (e as { delta: string }).delta).join('');
		expect(text.startsWith(streamed)).toBe(true);
		expect(stats.promptTokens).toBeGreaterThan(3);
		expect(stats.generatedTokens).toBeGreaterThan(0);
		expect(stats.ttftMs).toBeGreaterThan(0);

		// The same answer by hand: chat template, adapter alone in its own session, greedy generate.
		const tokenizer = hfTokenizer(tokenizerFiles.tokenizerJson, tokenizerFiles.tokenizerConfig);
		const serving = await createOrtNodeServingSession(config, modelFiles.weights, {
			targets: { targetModules: adapters.weather!.targetModules },
			rank: 4,
			slots: 2
		});
		await serving.writeSlot(1, adapters.weather);
		const alone = await generate(rowDecoderSession(serving, 1), tokenizer.encodeChat(messages), {
			...settings,
			stopTokenIds: [2]
		});
		expect(stats.generatedTokens).toBe(alone.tokenIds.length);
		// What the page shows: the decoded tokens without the broken characters this random model writes.
		expect(text).toBe(displayableText(tokenizer.decode(alone.tokenIds)));
		await serving.release();
		await engine.release();
	});

	it('loads an adapter from its source once, then from the GPU slot, then from the cache after eviction', async () => {
		const { engine, reads } = await openEngine(1);
		const tiers: string[] = [];
		const note = (e: AnswerEvent) => e.kind === 'adapter' && tiers.push(`${e.adapterId}:${e.tier}`);
		await engine.chat(messages, 'weather', settings, note);
		await engine.chat(messages, 'weather', settings, note);
		// One slot: recipes evicts weather, which then comes back from the file cache, not the source.
		await engine.chat(messages, 'recipes', settings, note);
		await engine.chat(messages, 'weather', settings, note);
		expect(tiers).toEqual(['weather:source', 'weather:gpu', 'recipes:source', 'weather:cache']);
		expect(reads.filter((name) => name === 'adapter_model.safetensors')).toHaveLength(2);
		expect(engine.resident().map((r) => r.adapterId)).toEqual(['weather']);
		await engine.release();
	});

	it("refuses a registered adapter whose weights do not hash to the chain's SHA-256, from its source and from the cache", async () => {
		const { engine, cache } = await openEngine(2);
		const weights = writeSafetensors(adapters.weather!.tensors, { dtype: 'BF16' });
		const sha256 = await sha256Hex(weights);
		const wrong = `0x${'0'.repeat(63)}1`;
		const recordedBy = 'the ModelRegistry (model #7, adapter version 1)';
		const reads: string[] = [];
		engine.registerAdapter('registered-wrong', {
			...peftSource(adapters.weather!, reads),
			integrity: { sha256: wrong, recordedBy }
		});
		const refused = engine.preload('registered-wrong');
		await expect(refused).rejects.toBeInstanceOf(AdapterHashMismatchError);
		await expect(refused).rejects.toThrow(`has SHA-256 ${sha256}, but ${recordedBy} records ${wrong}`);
		expect(await cache.keys()).not.toContain('registered-wrong');

		// The right hash loads, reading each file from the source once, and is cached.
		engine.registerAdapter('registered', {
			...peftSource(adapters.weather!, reads),
			integrity: { sha256, recordedBy }
		});
		reads.length = 0;
		expect((await engine.preload('registered')).tier).toBe('source');
		expect(reads).toEqual(['adapter_model.safetensors', 'adapter_config.json']);
		await engine.release();

		// A later visit (same device cache) that expects another hash drops the cached copy and refuses the source's.
		const later = await OpenLoraEngine.open(modelFiles, 'test/chat-fixture', {
			openServing,
			adapterCache: cache,
			capacity: 2,
			rank: 4
		});
		later.registerAdapter('registered', {
			...peftSource(adapters.weather!, []),
			integrity: { sha256: wrong, recordedBy }
		});
		await expect(later.preload('registered')).rejects.toBeInstanceOf(AdapterHashMismatchError);
		expect(await cache.keys()).not.toContain('registered');
		await later.release();
	});

	it('answers an arena in one batch, each column equal to that adapter chatting alone', async () => {
		const { engine } = await openEngine();
		const ids = ['weather', undefined, 'recipes', 'shanties'];
		const columns: string[] = ids.map(() => '');
		const arena = await engine.arena(messages, ids, settings, (e) => {
			if (e.kind === 'text') columns[e.row] += e.delta;
		});
		for (const [row, id] of ids.entries()) {
			const alone = await engine.chat(messages, id, settings, () => {});
			expect(arena[row]!.text).toBe(alone.text);
			expect(arena[row]!.text.startsWith(columns[row]!)).toBe(true);
		}
		expect(new Set(arena.map((a) => a.text)).size).toBeGreaterThan(1);
		await engine.release();
	});

	it('says what is wrong with a request', async () => {
		const { engine } = await openEngine(2);
		await expect(engine.chat(messages, 'unknown', settings, () => {})).rejects.toThrow(/No adapter "unknown" is known/);
		await expect(engine.arena(messages, [], settings, () => {})).rejects.toThrow(/at least one/);
		await expect(engine.arena(messages, ['weather', 'recipes', 'shanties'], settings, () => {})).rejects.toThrow(
			/All 2 adapter slots are in use/
		);
		// A failed arena leaves no slot pinned: the next request gets them.
		await expect(engine.chat(messages, 'shanties', settings, () => {})).resolves.toBeTruthy();
		await engine.release();
	});

	it('ends an answer at a stop string, leaving it out', async () => {
		const { engine } = await openEngine();
		const free = await engine.chat(messages, 'weather', settings, () => {});
		const stop = free.text.trim().slice(2, 5);
		expect(stop.length).toBe(3);
		const stopped = await engine.chat(messages, 'weather', { ...settings, stopStrings: [stop] }, () => {});
		expect(stopped.stats.stoppedBy).toBe('stop-string');
		expect(stopped.text).toBe(free.text.slice(0, free.text.indexOf(stop)));
		await engine.release();
	});

	it('leaves out the oldest turns of a chat longer than the context, and says so', async () => {
		const { engine } = await openEngine();
		const long = Array.from({ length: 12 }, (_, i) => ({
			role: (i % 2 === 0 ? 'user' : 'assistant') as 'user' | 'assistant',
			content: 'the dog ran to the park and the cat sat on the mat '.repeat(2)
		}));
		const notices: string[] = [];
		const { stats } = await engine.chat(long, undefined, settings, (e) => e.kind === 'notice' && notices.push(e.message));
		expect(notices.join(' ')).toMatch(/oldest messages were left out/);
		expect(stats.promptTokens + settings.maxNewTokens).toBeLessThanOrEqual(config.maxPositionEmbeddings);
		expect(stats.generatedTokens).toBeGreaterThan(0);
		await engine.release();
	});

	it('recovers when the device is lost mid-answer, and says so', async () => {
		// onnxruntime-node has no device to lose; this serving session loses one on its third forward pass.
		let loseDevice!: () => void;
		let forwards = 0;
		const openLosing = async (...args: Parameters<typeof openServing>) => {
			const serving = await openServing(...args);
			const lost = new Promise<unknown>((resolve) => (loseDevice = () => resolve({ reason: 'unknown' })));
			return {
				...serving,
				deviceLost: lost,
				forwardBatch: async (...call: Parameters<typeof serving.forwardBatch>) => {
					if (++forwards === 3) {
						loseDevice();
						await Promise.resolve();
						throw new Error('GPU device lost');
					}
					return serving.forwardBatch(...call);
				}
			} satisfies EngineServing;
		};
		const engine = await OpenLoraEngine.open(modelFiles, 'test/chat-fixture', {
			openServing: openLosing,
			adapterCache: memoryAdapterFileCache(),
			capacity: 2,
			rank: 4
		});
		await expect(engine.chat(messages, undefined, settings, () => {})).rejects.toThrow(DeviceLostError);
		expect(engine.recoveries).toBe(1);
		const after = await engine.chat(messages, undefined, settings, () => {});
		expect(after.stats.generatedTokens).toBeGreaterThan(0);
		await engine.release();
	});
});
