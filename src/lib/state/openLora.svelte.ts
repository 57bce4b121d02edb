// The Models page's state: which model is open in the inference worker and on which backend, the adapters it
// can serve and where each one is (GPU slot, this device, remote), one chat, and one arena. Everything heavy
// happens in the worker; this class only sends requests and folds the streamed events into reactive state.
import { inferenceWorker } from '$lib/bridges/inferenceBridge.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';
import { folderUrlOf, type CatalogAdapter, type CatalogModel } from '$lib/models/modelCatalog.ts';
import type { AnswerEvent, AnswerSettings, AnswerStats, EngineModelInfo } from '$workers/ml/serving/openLoraEngine.ts';
import { LIBRARY_GENERATION_DEFAULTS } from '$workers/ml/generation/generationDefaults.ts';
import type { ChatMessage } from '$workers/ml/tokenizer/hfTokenizer.ts';
import type { AdapterFiles } from '$workers/ml/serving/adapterFileCache.ts';
import type { AdapterIntegrity } from '$workers/ml/serving/adapterIntegrity.ts';
import { ipfsNode } from '$lib/state/ipfsNode.svelte.ts';
import {
	ADAPTER_FILE_NAMES,
	MODEL_FILE_NAMES,
	parseFolderAddress,
	readFolderFiles,
	type FolderAddress
} from '$lib/models/modelAddress.ts';

import type { DownloadProgress } from '$workers/shared/progress/downloadProgress.ts';

/** An adapter the page can use, and where its weights are now. */
export type AdapterEntry = CatalogAdapter & { where: 'remote' | 'device' | 'gpu'; source: string };

/** One side of the arena. */
export type ArenaColumn = {
	adapterId: string | undefined;
	label: string;
	text: string;
	stats?: AnswerStats;
	tier?: string;
	/** What the row was asked, and when its answer was complete (performance.now()), for its attribution. */
	prompt?: string;
	answeredAt?: number;
};

/** A chat turn as the page shows it; the assistant's carries its stats once done. */
export type ChatTurn = ChatMessage & {
	stats?: AnswerStats;
	adapterLabel?: string;
	error?: string;
	/** The assistant's: which adapter answered, what it was asked, and when its last token came (performance.now()). */
	adapterId?: string;
	prompt?: string;
	answeredAt?: number;
};

const BASE_LABEL = 'Base model (no adapter)';

export class OpenLora {
	model = $state.raw<EngineModelInfo>();
	modelError = $state<string>();
	opening = $state(false);
	download = $state.raw<DownloadProgress>();
	/** The model's memory need, known from its header before the weights download. */
	plannedBytes = $state<number>();
	compiling = $state(false);
	adapters = $state<AdapterEntry[]>([]);

	chatAdapterId = $state<string | undefined>(undefined);
	turns = $state<ChatTurn[]>([]);
	chatting = $state(false);
	chatNotice = $state<string>();

	/** The arena's rows: adapter ids, '' for the base model. */
	arenaChoice = $state<string[]>([]);
	arenaColumns = $state<ArenaColumn[]>([]);
	arenaRunning = $state(false);
	arenaError = $state<string>();
	arenaStats = $state.raw<{ tokens: number; seconds: number }>();

	// Until a model is open: the library defaults; then the model's own (resetSettings).
	settings = $state<AnswerSettings>({
		maxNewTokens: LIBRARY_GENERATION_DEFAULTS.maxNewTokens,
		sampling: { ...LIBRARY_GENERATION_DEFAULTS.sampling },
		seed: 1
	});

	#chatAbort: AbortController | undefined;
	#arenaAbort: AbortController | undefined;

	/** Puts sampling and length back to the open model's defaults (its generation_config.json, else the library's). */
	resetSettings(): void {
		const defaults = this.model?.generation ?? LIBRARY_GENERATION_DEFAULTS;
		this.settings.sampling = { ...defaults.sampling };
		this.settings.maxNewTokens = defaults.maxNewTokens;
	}

	/** Whether sampling and length are the open model's defaults. */
	get settingsAreDefaults(): boolean {
		const defaults = this.model?.generation ?? LIBRARY_GENERATION_DEFAULTS;
		const { sampling, maxNewTokens } = this.settings;
		const keys = ['temperature', 'topK', 'topP', 'repetitionPenalty'] as const;
		return maxNewTokens === defaults.maxNewTokens && keys.every((key) => sampling[key] === defaults.sampling[key]);
	}

	label(adapterId: string | undefined): string {
		return adapterId === undefined ? BASE_LABEL : (this.adapters.find((a) => a.id === adapterId)?.name ?? adapterId);
	}

	/** Opens `model` (its paths relative to the catalog at `catalog`) and registers its catalog adapters. */
	async open(model: CatalogModel, catalog: string): Promise<void> {
		await this.#open(
			model.id,
			async () => ({ kind: 'url', url: folderUrlOf(model.path, catalog) }),
			async () => {
				for (const adapter of model.adapters) {
					const source = folderUrlOf(adapter.path, catalog);
					await inferenceWorker.call('registerAdapter', {}, adapter.id, { kind: 'url', url: source });
					this.adapters.push({ ...adapter, where: 'remote', source });
				}
			}
		);
	}

	/** Opens a model folder the user named by URL or IPFS CID (without catalog adapters). */
	async openAddress(input: string): Promise<void> {
		let address: FolderAddress;
		try {
			address = parseFolderAddress(input);
		} catch (error) {
			this.modelError = errorMessage(error);
			return;
		}
		const id = address.kind === 'url' ? address.url : `ipfs://${address.cid}`;
		await this.#open(id, async () => {
			if (address.kind === 'url') return { kind: 'url', url: address.url };
			const files = await this.#readIpfs(address.cid, MODEL_FILE_NAMES);
			return { kind: 'files', files, label: id };
		});
	}

	async #open(
		modelId: string,
		source: () => Promise<{ kind: 'url'; url: string } | { kind: 'files'; files: AdapterFiles; label: string }>,
		afterOpen?: () => Promise<void>
	): Promise<void> {
		this.opening = true;
		this.modelError = undefined;
		this.download = undefined;
		this.plannedBytes = undefined;
		try {
			this.model = await inferenceWorker.call(
				'openModel',
				{
					onProgress: (event) => {
						if (event.kind === 'compile') this.compiling = true;
						else if (event.kind === 'plan') this.plannedBytes = event.totalBytes;
						else this.download = event;
					}
				},
				modelId,
				await source()
			);
			this.adapters = [];
			this.arenaChoice = [];
			this.chatAdapterId = undefined;
			this.resetSettings();
			await afterOpen?.();
			await this.refresh();
		} catch (error) {
			this.model = undefined;
			this.modelError = errorMessage(error);
		} finally {
			this.opening = false;
			this.compiling = false;
		}
	}

	async #readIpfs(cid: string, names: readonly string[]): Promise<AdapterFiles> {
		// A deep link may ask for an adapter while the page's node is still starting: wait for it (it says why it cannot).
		const helia = await ipfsNode.ready();
		const { unixfsModelReader } = await import('$lib/ipfs/unixfsModelReader.ts');
		return readFolderFiles(unixfsModelReader(helia, cid, { onProgress: (p) => (this.download = p) }), names);
	}

	/** Adds an adapter the user named by URL or IPFS CID; it is loaded at once, so a misfit is reported here. */
	async addAdapter(input: string, name: string): Promise<void> {
		const address = parseFolderAddress(input);
		const id = address.kind === 'url' ? address.url : `ipfs://${address.cid}`;
		if (this.adapters.some((a) => a.id === id)) throw new Error('This adapter is already in the list.');
		const fallbackName =
			address.kind === 'url' ? address.url.split('/').filter(Boolean).pop()! : `${address.cid.slice(0, 12)}…`;
		await this.#addFolder(id, address, { name: name.trim() || fallbackName, description: 'Added by you' });
	}

	/**
	 * Adds a registered model's adapter by its IPFS CID, as `addAdapter` does, but its weights must hash to the
	 * SHA-256 the chain records (checked in the worker; a mismatch rejects with AdapterHashMismatchError). An
	 * adapter already in the list under `id` passed that check when it was added.
	 */
	async addRegisteredAdapter(
		id: string,
		cid: string,
		entry: { name: string; description: string },
		integrity: AdapterIntegrity
	): Promise<void> {
		if (this.adapters.some((a) => a.id === id)) return;
		await this.#addFolder(id, { kind: 'ipfs', cid }, entry, integrity);
	}

	/** Puts an adapter in the arena's rows (the base model and every adapter first, when none are chosen yet). */
	chooseForArena(adapterId: string): void {
		const limit = (this.model?.capacity ?? 16) + 1;
		if (this.arenaChoice.length === 0) this.arenaChoice = ['', ...this.adapters.map((a) => a.id)].slice(0, limit);
		if (this.arenaChoice.includes(adapterId)) return;
		// Full: the new adapter takes the last row, so what the user asked for is always answered.
		this.arenaChoice = [...this.arenaChoice.slice(0, limit - 1), adapterId];
	}

	async #addFolder(
		id: string,
		address: FolderAddress,
		entry: { name: string; description: string },
		integrity?: AdapterIntegrity
	): Promise<void> {
		const source =
			address.kind === 'url'
				? ({ kind: 'url', url: address.url } as const)
				: ({
						kind: 'files',
						files: await this.#readIpfs(address.cid, ADAPTER_FILE_NAMES),
						label: `ipfs://${address.cid}`
					} as const);
		await inferenceWorker.call('registerAdapter', {}, id, source, integrity);
		await inferenceWorker.call('preloadAdapter', {}, id);
		this.adapters.push({ id, ...entry, path: id, where: 'gpu', source: id });
		await this.refresh();
	}

	/** Loses the GPU device on purpose, as a driver reset would (the e2e test of recovery). */
	async loseDeviceForTesting(): Promise<void> {
		await inferenceWorker.call('loseDeviceForTesting', {});
	}

	/** Re-reads which adapters sit in GPU slots. */
	async refresh(): Promise<void> {
		const status = await inferenceWorker.call('status', {});
		this.model = status.info;
		const resident = new Set(status.resident.map((r) => r.adapterId));
		for (const adapter of this.adapters) {
			if (resident.has(adapter.id)) adapter.where = 'gpu';
			else if (adapter.where === 'gpu') adapter.where = 'device';
		}
	}

	async send(text: string): Promise<void> {
		const content = text.trim();
		if (!content || this.chatting) return;
		this.chatNotice = undefined;
		this.turns.push({ role: 'user', content });
		const messages: ChatMessage[] = this.turns.filter((t) => !t.error).map(({ role, content }) => ({ role, content }));
		const adapterId = this.chatAdapterId;
		this.turns.push({ role: 'assistant', content: '', adapterLabel: this.label(adapterId), adapterId, prompt: content });
		const reply = this.turns[this.turns.length - 1]!;
		this.chatting = true;
		this.#chatAbort = new AbortController();
		try {
			const result = await inferenceWorker.call(
				'chat',
				{ signal: this.#chatAbort.signal, onProgress: (event) => this.#onChatEvent(reply, event) },
				messages,
				adapterId,
				$state.snapshot(this.settings)
			);
			reply.content = result.text;
			reply.stats = result.stats;
			reply.answeredAt = performance.now();
			if (result.stats.stoppedBy === 'aborted')
				this.chatNotice = 'Stopped: the answer above is cut where you stopped it.';
		} catch (error) {
			reply.error = errorMessage(error);
		} finally {
			this.chatting = false;
			this.#chatAbort = undefined;
			await this.refresh().catch(() => {});
		}
	}

	stopChat(): void {
		this.#chatAbort?.abort();
	}

	clearChat(): void {
		if (!this.chatting) this.turns = [];
	}

	async runArena(prompt: string, adapterIds: (string | undefined)[]): Promise<void> {
		const content = prompt.trim();
		if (!content || this.arenaRunning) return;
		this.arenaError = undefined;
		this.arenaStats = undefined;
		this.arenaColumns = adapterIds.map((adapterId) => ({ adapterId, label: this.label(adapterId), text: '' }));
		this.arenaRunning = true;
		this.#arenaAbort = new AbortController();
		const started = performance.now();
		try {
			const results = await inferenceWorker.call(
				'arena',
				{
					signal: this.#arenaAbort.signal,
					onProgress: (event) => {
						const column = 'row' in event ? this.arenaColumns[event.row] : undefined;
						if (event.kind === 'notice') this.arenaError = event.message;
						else if (!column) return;
						else if (event.kind === 'text') column.text += event.delta;
						else column.tier = event.tier;
					}
				},
				[{ role: 'user', content }],
				adapterIds,
				$state.snapshot(this.settings)
			);
			results.forEach((result, row) => {
				const column = this.arenaColumns[row]!;
				column.text = result.text;
				column.stats = result.stats;
				column.prompt = content;
				column.answeredAt = performance.now();
			});
			this.arenaStats = {
				tokens: results.reduce((sum, r) => sum + r.stats.generatedTokens, 0),
				seconds: (performance.now() - started) / 1000
			};
		} catch (error) {
			this.arenaError = errorMessage(error);
		} finally {
			this.arenaRunning = false;
			this.#arenaAbort = undefined;
			await this.refresh().catch(() => {});
		}
	}

	stopArena(): void {
		this.#arenaAbort?.abort();
	}

	/** Where an adapter's files are fetched from, in words: this site, IPFS, or another site's host name. */
	#origin(adapterId: string): string {
		const source = this.adapters.find((a) => a.id === adapterId)?.source ?? adapterId;
		if (source.startsWith('ipfs://')) return 'IPFS';
		try {
			const url = new URL(source, location.href);
			return url.origin === location.origin ? 'this site' : url.host;
		} catch {
			return 'its source';
		}
	}

	#onChatEvent(reply: ChatTurn, event: AnswerEvent): void {
		if (event.kind === 'text') reply.content += event.delta;
		else if (event.kind === 'notice') this.chatNotice = event.message;
		else if (event.tier !== 'gpu')
			this.chatNotice = `Loaded ${this.label(event.adapterId)} from ${event.tier === 'cache' ? 'this device' : this.#origin(event.adapterId)} in ${Math.round(event.ms)} ms.`;
	}
}

export const openLora = new OpenLora();
