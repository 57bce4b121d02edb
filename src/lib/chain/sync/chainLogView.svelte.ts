// A page-wide view rebuilt from contract events: synced into IndexedDB (in memory when that is blocked) on first
// use, then again on every new block, once for all the components that use it. The Datanets and the registered
// models are two such views; each says which streams it reads and how it rebuilds itself from them.
import { getPublicClient, watchBlockNumber, type Config } from '@wagmi/core';
import { getBlock } from 'viem/actions';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';
import { readClientOf } from '../actions/readClient.ts';
import { memoryLogStore, openIndexedDbLogStore, type LogStore } from './logStore.ts';

/** What a view's refresh is given: the chain, its client, the log store and where to report sync progress. */
export type RefreshContext = {
	chainId: number;
	client: NonNullable<ReturnType<typeof getPublicClient>>;
	store: LogStore;
	onProgress: (progress: { done: number; total: number }) => void;
};

export abstract class ChainLogView {
	syncing = $state(false);
	/** Blocks read of those to read, during a sync. */
	progress = $state<{ done: number; total: number }>();
	error = $state<string>();
	/** Why the page cannot show this view on this chain at all (nothing deployed). */
	unavailable = $state<string>();
	head = $state<number>();
	storeKind = $state<LogStore['kind']>();
	/** Timestamps (unix seconds) of the blocks a page asked for with {@link loadTimes}, by block number. */
	blockTimes = $state.raw<ReadonlyMap<number, number>>(new Map());

	protected config: Config | undefined;
	#store: LogStore | undefined;
	#syncing: Promise<void> | undefined;
	#again = false;
	#unwatch: (() => void) | undefined;
	#users = 0;
	#timesLoading = new Set<number>();

	/** What the view shows, for the error sentence ("Could not read datanets from the chain: …"). */
	protected abstract readonly subject: string;

	/** Why the view has nothing to read on `chainId` (its contracts are not deployed there); undefined when it has. */
	protected abstract missingDeployment(chainId: number): string | undefined;

	/** Syncs the view's streams into the store and rebuilds the view; resolves to the head block read to. */
	protected abstract refresh(context: RefreshContext): Promise<number>;

	/** Starts syncing (once for all components using it); the returned function stops when the last user leaves. */
	use(config: Config): () => void {
		this.config = config;
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
		const config = this.config;
		if (!config) return;
		const chainId = config.chains[0].id;
		const missing = this.missingDeployment(chainId);
		if (missing) {
			this.unavailable = missing;
			return;
		}
		const client = getPublicClient(config);
		if (!client) return;
		this.syncing = true;
		try {
			this.#store ??= await openIndexedDbLogStore(indexedDB).catch(() => memoryLogStore());
			this.storeKind = this.#store.kind;
			this.head = await this.refresh({
				chainId,
				client,
				store: this.#store,
				onProgress: (p) => (this.progress = p)
			});
			this.error = undefined;
		} catch (error) {
			this.error = `Could not read ${this.subject} from the chain: ${errorMessage(error)} The page retries on the next block.`;
		} finally {
			this.syncing = false;
			this.progress = undefined;
		}
	}

	/** Reads the timestamps of `blocks` not yet known, for "when" columns (a failed read is tried again on the next call). */
	async loadTimes(blocks: readonly number[]): Promise<void> {
		const config = this.config;
		const missing = [...new Set(blocks)].filter((b) => !this.blockTimes.has(b) && !this.#timesLoading.has(b));
		if (!config || missing.length === 0) return;
		missing.forEach((b) => this.#timesLoading.add(b));
		try {
			const client = readClientOf(config);
			const read = await Promise.all(
				missing.map((b) =>
					getBlock(client, { blockNumber: BigInt(b) }).then((block) => [b, Number(block.timestamp)] as const)
				)
			);
			this.blockTimes = new Map([...this.blockTimes, ...read]);
		} catch {
			// Shown by block number instead; the next call tries again.
		} finally {
			missing.forEach((b) => this.#timesLoading.delete(b));
		}
	}
}
