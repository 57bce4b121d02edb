// OpenLoRA in one object: a base model resident in a serving session, an LRU of adapter slots over it (GPU ←
// adapter file cache ← IPFS/URL), and the two ways the Models page asks for answers: a streamed chat with one
// adapter, and an arena that answers one prompt with many adapters in one batched pass. Plain TS with the engine
// injected (onnxruntime-web in the worker, onnxruntime-node in tests), so the whole path is tested in Node.
import { DeviceLostError, EngineRequestError } from './errors.ts';
import type { TensorMap } from '../core/hostTensor.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { loadAdapterFiles, type ModelFiles } from '../model/modelDirectory.ts';
import { stopTokenIds } from '../model/modelDirectory.ts';
import type { LoraAdapter } from '../core/loraAdapter.ts';
import { generate, type StopReason } from '../generation/generate.ts';
import type { SamplingOptions } from '../generation/sampling.ts';
import { fitPromptToContext } from '../generation/fitPromptToContext.ts';
import { generationDefaults, type GenerationDefaults } from '../generation/generationDefaults.ts';
import { createTextStream, type TextStream } from '../generation/streamingText.ts';
import { hfTokenizer, type ChatMessage, type ModelTokenizer } from '../tokenizer/hfTokenizer.ts';
import { AdapterSlotPool, type AdapterLease } from './adapterSlotPool.ts';
import type { AdapterFileCache, AdapterFiles } from './adapterFileCache.ts';
import { ADAPTER_WEIGHTS_FILE, checkAdapterIntegrity, type AdapterIntegrity } from './adapterIntegrity.ts';
import { generateBatch } from './generateBatch.ts';
import { rowDecoderSession, type ServingSession } from '../core/session.ts';
import { ALL_LORA_TARGETS, type ServingLayout } from './servingTargets.ts';

/** A serving session as the engine needs it; the web one adds its backend and GPU-loss signal. */
export type EngineServing = ServingSession & {
	readonly backend?: string;
	readonly fallbackReason?: string | undefined;
	readonly deviceLost?: Promise<unknown> | undefined;
	loseDeviceForTesting?(): void;
};

/** Opens a serving session for a model (injected: onnxruntime-web in the worker, onnxruntime-node in tests). */
export type OpenServing = (config: ModelConfig, weights: TensorMap, layout: ServingLayout) => Promise<EngineServing>;

/**
 * Where an adapter's files come from the first time: read by name through a reader (URL, IPFS, files). With
 * `integrity`, the weights must hash to the recorded SHA-256 whichever tier they load from (source or cache).
 */
export type AdapterSource = {
	read: (name: string) => Promise<Uint8Array | undefined>;
	label: string;
	integrity?: AdapterIntegrity;
};

/** Which tier an adapter came from for a request. */
export type AdapterTier = 'gpu' | 'cache' | 'source';

/** What every answer reports besides its text. */
export type AnswerStats = {
	promptTokens: number;
	generatedTokens: number;
	stoppedBy: StopReason | 'stop-string';
	/** Time to the first generated token, ms (includes loading the adapter if it was not resident). */
	ttftMs: number;
	/** Generated tokens per second after the first. */
	decodeTokensPerSecond: number;
	totalMs: number;
};

/** Sampling and length settings shared by chat and arena requests. */
export type AnswerSettings = {
	maxNewTokens: number;
	sampling: Omit<SamplingOptions, 'previousTokens'>;
	seed: number;
	stopStrings?: readonly string[];
};

/** Something an answer reports while it runs. */
export type AnswerEvent =
	| { kind: 'adapter'; row: number; adapterId: string; tier: AdapterTier; ms: number }
	| { kind: 'text'; row: number; delta: string }
	/** Something the user should know about the whole answer (e.g. the oldest messages were left out). */
	| { kind: 'notice'; message: string };

/** The engine's options. */
export type OpenLoraEngineOptions = {
	openServing: OpenServing;
	adapterCache: AdapterFileCache;
	/** Adapter slots besides the base model (the arena's width). Default 16. */
	capacity?: number;
	/** The pools' rank: adapters up to it fit. Default 16. */
	rank?: number;
};

/** The model an engine serves, as the page shows it. */
export type EngineModelInfo = {
	modelId: string;
	config: ModelConfig;
	backend: string;
	fallbackReason?: string;
	hasChatTemplate: boolean;
	capacity: number;
	rank: number;
	baseBytes: number;
	slotBytes: number;
	adapterCache: AdapterFileCache['kind'];
	adapterCacheNote?: string;
	/** The settings a conversation starts from: the model's generation_config.json over the library defaults. */
	generation: GenerationDefaults;
};

/**
 * Serves one base model and its adapters.
 *
 * @example
 * const engine = await OpenLoraEngine.open(modelFiles, 'provena/provena-tiny', { openServing, adapterCache });
 * engine.registerAdapter('weather', { read: urlReader('/models/provena-tiny/adapters/weather/'), label: 'weather' });
 * const { text } = await engine.chat([{ role: 'user', content: 'Forecast?' }], 'weather', settings, onEvent, signal);
 */
export class OpenLoraEngine {
	readonly #files: ModelFiles;
	readonly #modelId: string;
	readonly #tokenizer: ModelTokenizer;
	readonly #options: Required<Pick<OpenLoraEngineOptions, 'capacity' | 'rank'>> & OpenLoraEngineOptions;
	readonly #sources = new Map<string, AdapterSource>();
	#serving!: EngineServing;
	#pool!: AdapterSlotPool;
	#lost = false;
	#recoveries = 0;

	private constructor(files: ModelFiles, modelId: string, tokenizer: ModelTokenizer, options: OpenLoraEngineOptions) {
		this.#files = files;
		this.#modelId = modelId;
		this.#tokenizer = tokenizer;
		this.#options = { capacity: 16, rank: 16, ...options };
	}

	/** Opens `files` (from loadModelFiles; tokenizer files required) on the injected engine. */
	static async open(files: ModelFiles, modelId: string, options: OpenLoraEngineOptions): Promise<OpenLoraEngine> {
		if (!files.tokenizerJson || !files.tokenizerConfig)
			throw new EngineRequestError(
				'The model has no tokenizer.json / tokenizer_config.json; add the tokenizer files that came with it.'
			);
		const engine = new OpenLoraEngine(files, modelId, hfTokenizer(files.tokenizerJson, files.tokenizerConfig), options);
		await engine.#openServing();
		return engine;
	}

	async #openServing(): Promise<void> {
		const { capacity, rank } = this.#options;
		const serving = await this.#options.openServing(this.#files.config, this.#files.weights, {
			targets: ALL_LORA_TARGETS,
			rank,
			slots: capacity + 1
		});
		this.#serving = serving;
		this.#pool = new AdapterSlotPool(capacity, (slot, adapter) => serving.writeSlot(slot, adapter));
		this.#lost = false;
		void serving.deviceLost?.then(() => {
			if (this.#serving === serving) this.#lost = true;
		});
	}

	/** What the page shows about the model and the engine. */
	info(): EngineModelInfo {
		const serving = this.#serving;
		const cache = this.#options.adapterCache;
		return {
			modelId: this.#modelId,
			config: this.#files.config,
			backend: serving.backend ?? serving.memory,
			...(serving.fallbackReason ? { fallbackReason: serving.fallbackReason } : {}),
			hasChatTemplate: this.#tokenizer.hasChatTemplate,
			capacity: this.#pool.capacity,
			rank: serving.rank,
			baseBytes: serving.baseBytes,
			slotBytes: serving.slotBytes,
			adapterCache: cache.kind,
			...(cache.unavailableReason ? { adapterCacheNote: cache.unavailableReason } : {}),
			generation: generationDefaults(this.#files.generationConfig)
		};
	}

	/** How often the engine reopened the model after losing the GPU. */
	get recoveries(): number {
		return this.#recoveries;
	}

	/** Adapters in GPU slots now, most recently used first. */
	resident() {
		return this.#pool.resident();
	}

	/** Makes `adapterId` loadable from `source` (the first time; the cache serves it afterwards). */
	registerAdapter(adapterId: string, source: AdapterSource): void {
		this.#sources.set(adapterId, source);
	}

	/** Loads an adapter into a slot ahead of use (and into the cache), reporting where it came from. */
	async preload(adapterId: string): Promise<{ tier: AdapterTier; ms: number }> {
		const { lease, tier, ms } = await this.#lease(adapterId);
		lease.release();
		return { tier, ms };
	}

	/** Answers a conversation with one adapter (undefined: the base model), streaming text through `onEvent`. */
	async chat(
		messages: readonly ChatMessage[],
		adapterId: string | undefined,
		settings: AnswerSettings,
		onEvent: (event: AnswerEvent) => void,
		signal?: AbortSignal
	): Promise<{ text: string; stats: AnswerStats }> {
		const [result] = await this.#answer(messages, [adapterId], settings, onEvent, signal);
		return result!;
	}

	/** Answers one conversation with each of `adapterIds` in one batched pass per token (row i ↔ adapterIds[i]). */
	async arena(
		messages: readonly ChatMessage[],
		adapterIds: readonly (string | undefined)[],
		settings: AnswerSettings,
		onEvent: (event: AnswerEvent) => void,
		signal?: AbortSignal
	): Promise<{ text: string; stats: AnswerStats }[]> {
		if (adapterIds.length === 0) throw new EngineRequestError('Choose at least one adapter (or the base model) for the arena.');
		if (adapterIds.length > this.#pool.capacity + 1)
			throw new EngineRequestError(`The arena answers with at most ${this.#pool.capacity + 1} models at once.`);
		return this.#answer(messages, adapterIds, settings, onEvent, signal);
	}

	/** Loses the GPU device on purpose (tests of recovery). */
	loseDeviceForTesting(): void {
		this.#serving.loseDeviceForTesting?.();
	}

	async release(): Promise<void> {
		await this.#serving.release();
	}

	async #answer(
		messages: readonly ChatMessage[],
		adapterIds: readonly (string | undefined)[],
		settings: AnswerSettings,
		onEvent: (event: AnswerEvent) => void,
		signal: AbortSignal | undefined
	): Promise<{ text: string; stats: AnswerStats }[]> {
		if (this.#lost) await this.#recover();
		const started = performance.now();
		const prompt = this.#tokenizer.hasChatTemplate
			? this.#tokenizer.encodeChatSpans(messages)
			: this.#tokenizer.encode(messages.map((m) => m.content).join('\n'));
		// A conversation longer than the context loses its oldest turns (with a notice) instead of failing.
		const fit = fitPromptToContext(prompt, {
			maxPositionEmbeddings: this.#files.config.maxPositionEmbeddings,
			maxNewTokens: settings.maxNewTokens
		});
		for (const message of [fit.notice, fit.maxNewTokensNotice]) if (message) onEvent({ kind: 'notice', message });
		const promptIds = fit.tokenIds;
		settings = { ...settings, maxNewTokens: fit.maxNewTokens };
		const leases: AdapterLease[] = [];
		try {
			for (const [row, adapterId] of adapterIds.entries()) {
				const { lease, tier, ms } = await this.#lease(adapterId);
				leases.push(lease);
				if (adapterId !== undefined) onEvent({ kind: 'adapter', row, adapterId, tier, ms });
			}
			return await this.#run(promptIds, leases, settings, onEvent, signal, started);
		} catch (error) {
			if (this.#lost) {
				await this.#recover();
				throw new DeviceLostError(
					'The GPU stopped responding (its device was lost) and the answer was cut off. The engine has reopened the model on a new device: send your message again.',
					{ cause: error }
				);
			}
			throw error;
		} finally {
			for (const lease of leases) lease.release();
		}
	}

	async #run(
		promptIds: number[],
		leases: AdapterLease[],
		settings: AnswerSettings,
		onEvent: (event: AnswerEvent) => void,
		signal: AbortSignal | undefined,
		started: number
	): Promise<{ text: string; stats: AnswerStats }[]> {
		const rows = leases.length;
		const streams: TextStream[] = leases.map(() =>
			createTextStream((ids) => this.#tokenizer.decode(ids), settings.stopStrings ?? [])
		);
		const firstAt: (number | undefined)[] = leases.map(() => undefined);
		const lastAt: number[] = leases.map(() => started);
		const stringStopped = leases.map(() => false);
		// Stop strings end a row early; a batch ends when all its rows have, through this controller.
		const stopAll = new AbortController();
		const onAbort = () => stopAll.abort();
		signal?.addEventListener('abort', onAbort, { once: true });
		const onToken = (row: number, tokenId: number) => {
			const now = performance.now();
			firstAt[row] ??= now;
			lastAt[row] = now;
			if (stringStopped[row]) return;
			const { delta, stopped } = streams[row]!.push(tokenId);
			if (delta) onEvent({ kind: 'text', row, delta });
			if (stopped) {
				stringStopped[row] = true;
				if (stringStopped.every(Boolean)) stopAll.abort();
			}
		};
		const common = {
			maxNewTokens: settings.maxNewTokens,
			sampling: settings.sampling,
			seed: settings.seed,
			stopTokenIds: stopTokenIds(this.#files.config, this.#files.generationConfig),
			signal: stopAll.signal
		};
		try {
			const results =
				rows === 1
					? [
							await generate(rowDecoderSession(this.#serving, leases[0]!.slot), promptIds, {
								...common,
								onToken: (id) => onToken(0, id)
							})
						]
					: await generateBatch(
							this.#serving,
							leases.map((lease) => ({ promptIds, slot: lease.slot })),
							{ ...common, onToken }
						);
			const finished = performance.now();
			return results.map((result, row) => {
				const first = firstAt[row];
				const decodeSeconds = first === undefined ? 0 : (lastAt[row]! - first) / 1000;
				const stoppedBy = stringStopped[row] ? 'stop-string' : result.stoppedBy;
				return {
					text: streams[row]!.finish(),
					stats: {
						promptTokens: promptIds.length,
						generatedTokens: result.tokenIds.length,
						stoppedBy,
						ttftMs: first === undefined ? finished - started : first - started,
						decodeTokensPerSecond: decodeSeconds > 0 ? (result.tokenIds.length - 1) / decodeSeconds : 0,
						totalMs: finished - started
					}
				};
			});
		} finally {
			signal?.removeEventListener('abort', onAbort);
		}
	}

	async #lease(adapterId: string | undefined): Promise<{ lease: AdapterLease; tier: AdapterTier; ms: number }> {
		const start = performance.now();
		let tier: AdapterTier = 'gpu';
		const lease = await this.#pool.acquire(adapterId, async () => {
			const loaded = await this.#loadAdapter(adapterId!);
			tier = loaded.tier;
			return loaded.adapter;
		});
		return { lease, tier, ms: performance.now() - start };
	}

	async #loadAdapter(adapterId: string): Promise<{ adapter: LoraAdapter; tier: AdapterTier }> {
		const cache = this.#options.adapterCache;
		const base = { config: this.#files.config, modelId: this.#modelId };
		const source = this.#sources.get(adapterId);
		const integrity = source?.integrity;
		const cached = await cache.get(adapterId);
		if (cached) {
			try {
				if (integrity) await checkAdapterIntegrity(cached[ADAPTER_WEIGHTS_FILE], integrity, adapterId);
				return { adapter: await loadAdapterFiles(async (name) => cached[name], base, { source: adapterId }), tier: 'cache' };
			} catch {
				// A damaged (or unverifiable) cache entry is dropped and fetched again rather than failing the request.
				await cache.delete(adapterId);
			}
		}
		if (!source)
			throw new EngineRequestError(`No adapter "${adapterId}" is known to this page; add it by URL or IPFS CID first.`);
		const files: AdapterFiles = {};
		// Each file is read from the source once, though the hash check reads the weights before the loader does.
		const read = async (name: string) => {
			if (name in files) return files[name];
			const bytes = await source.read(name);
			if (bytes) files[name] = bytes;
			return bytes;
		};
		if (integrity) await checkAdapterIntegrity(await read(ADAPTER_WEIGHTS_FILE), integrity, source.label);
		const adapter = await loadAdapterFiles(read, base, { source: source.label });
		await cache.put(adapterId, files);
		return { adapter, tier: 'source' };
	}

	async #recover(): Promise<void> {
		const old = this.#serving;
		// The old device is gone; releasing its session only frees host-side bookkeeping.
		await old.release().catch(() => {});
		await this.#openServing();
		this.#recoveries++;
	}
}
