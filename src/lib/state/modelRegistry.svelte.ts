// The registered models as the Models page sees them, rebuilt from the ModelRegistry's events with the same log
// sync the Datanets use: synced into IndexedDB on first use, then incrementally on every new block, with each
// model card read from IPFS once.
import { getPublicClient, watchBlockNumber, type Config } from '@wagmi/core';
import { CID } from 'multiformats/cid';
import { modelRegistryAbi } from '$lib/chain/abis.ts';
import { getDeployments, NotDeployedError } from '$lib/chain/deployments/index.ts';
import { memoryLogStore, openIndexedDbLogStore, type LogStore } from '$lib/chain/sync/logStore.ts';
import { syncLogs } from '$lib/chain/sync/syncLogs.ts';
import { readUnixfsFile } from '$lib/datanets/ipfs/unixfsFile.ts';
import { parseModelCard, type ModelCardSummary } from '$lib/models/registry/modelCard.ts';
import { buildModelRegistryState, type ModelRegistryState } from '$lib/models/registry/modelRegistryState.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';
import { ipfsNode } from './ipfsNode.svelte.ts';

/** A model card as loaded from IPFS: its name and summary, or why it could not be read. */
export type ModelCardEntry =
	{ status: 'loading' } | { status: 'ok'; value: ModelCardSummary } | { status: 'error'; message: string };

export class ModelRegistry {
	state = $state.raw<ModelRegistryState>();
	cards = $state.raw<ReadonlyMap<string, ModelCardEntry>>(new Map());
	syncing = $state(false);
	/** Blocks read of those to read, during a sync. */
	progress = $state<{ done: number; total: number }>();
	error = $state<string>();
	/** Why the page cannot show registered models on this chain at all (nothing deployed). */
	unavailable = $state<string>();
	head = $state<number>();
	storeKind = $state<LogStore['kind']>();

	#config: Config | undefined;
	#store: LogStore | undefined;
	#syncing: Promise<void> | undefined;
	#again = false;
	#unwatch: (() => void) | undefined;
	#users = 0;

	/** Starts syncing (once for all components using it); the returned function stops when the last user leaves. */
	use(config: Config): () => void {
		this.#config = config;
		this.#users++;
		if (this.#users === 1) {
			void this.sync();
			this.#unwatch = watchBlockNumber(config, {
				onBlockNumber: () => void this.sync(),
				onError: () => {},
				emitOnBegin: false
			});
		}
		return () => {
			this.#users--;
			if (this.#users === 0) {
				this.#unwatch?.();
				this.#unwatch = undefined;
			}
		};
	}

	/** Reads new events (a sync already running is followed by one more, so nothing mined meanwhile is missed). */
	sync(): Promise<void> {
		if (this.#syncing) {
			this.#again = true;
			return this.#syncing;
		}
		this.#syncing = this.#run().finally(() => {
			this.#syncing = undefined;
			if (this.#again) {
				this.#again = false;
				void this.sync();
			}
		});
		return this.#syncing;
	}

	async #run(): Promise<void> {
		const config = this.#config;
		if (!config) return;
		const chainId = config.chains[0].id;
		const registry = getDeployments(chainId)?.contracts.ModelRegistry;
		if (!registry) {
			this.unavailable = new NotDeployedError('ModelRegistry', chainId).message;
			return;
		}
		const client = getPublicClient(config);
		if (!client) return;
		this.syncing = true;
		try {
			this.#store ??= await openIndexedDbLogStore(indexedDB).catch(() => memoryLogStore());
			this.storeKind = this.#store.kind;
			const stream = `${chainId}:ModelRegistry:${registry.address}`;
			const { head } = await syncLogs({
				client,
				store: this.#store,
				stream,
				address: registry.address,
				abi: modelRegistryAbi,
				fromBlock: registry.blockNumber,
				onProgress: (p) => (this.progress = p)
			});
			this.state = buildModelRegistryState(await this.#store.logs(stream));
			this.head = head;
			this.error = undefined;
			this.#loadMissingCards();
		} catch (error) {
			this.error = `Could not read registered models from the chain: ${errorMessage(error)} The page retries on the next block.`;
		} finally {
			this.syncing = false;
			this.progress = undefined;
		}
	}

	/** Reads each model card from IPFS, once per CID (a failed read is tried again on a later sync). */
	#loadMissingCards() {
		for (const model of this.state?.models ?? []) {
			const cid = model.metadataCid;
			const entry = this.cards.get(cid);
			if (!cid || (entry && entry.status !== 'error')) continue;
			this.#setCard(cid, { status: 'loading' });
			void loadCard(cid).then((loaded) => this.#setCard(cid, loaded));
		}
	}

	#setCard(cid: string, entry: ModelCardEntry) {
		const next = new Map(this.cards);
		next.set(cid, entry);
		this.cards = next;
	}

	/** The model's name from its card, else "Model #id". */
	nameOf(model: { id: string; metadataCid: string }): string {
		const card = this.cards.get(model.metadataCid);
		return card?.status === 'ok' ? card.value.name : `Model #${model.id}`;
	}
}

async function loadCard(cid: string): Promise<ModelCardEntry> {
	try {
		const helia = await ipfsNode.ready();
		const bytes = await readUnixfsFile(helia, CID.parse(cid), `the model card ${cid}`, { blockTimeoutMs: 15_000 });
		return { status: 'ok', value: parseModelCard(bytes) };
	} catch (error) {
		return { status: 'error', message: errorMessage(error) };
	}
}

export const modelRegistry = new ModelRegistry();
