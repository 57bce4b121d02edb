// The Datanets as the page sees them, rebuilt from the registry's and the ledger's events: synced into IndexedDB
// on first use, then incrementally on every new block, with each datanet's metadata read from IPFS once.
import { getPublicClient, watchBlockNumber, type Config } from '@wagmi/core';
import type { Address } from 'viem';
import { attributionLedgerAbi, datanetRegistryAbi } from '$lib/chain/abis.ts';
import { getDeployments, NotDeployedError } from '$lib/chain/deployments/index.ts';
import { memoryLogStore, openIndexedDbLogStore, type LogStore } from '$lib/chain/sync/logStore.ts';
import { syncLogs } from '$lib/chain/sync/syncLogs.ts';
import { buildDatanetState, type DatanetState } from '$lib/datanets/state/datanetState.ts';
import { parseDatanetMetadata, type DatanetMetadata } from '$lib/datanets/state/datanetMetadata.ts';
import { readContributionFile } from '$lib/datanets/ipfs/contributionContent.ts';
import { CID } from 'multiformats/cid';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';
import { ipfsNode } from './ipfsNode.svelte.ts';

/** A datanet's metadata as loaded from IPFS: the document, or why it could not be read. */
export type MetadataEntry =
	{ status: 'loading' } | { status: 'ok'; value: DatanetMetadata } | { status: 'error'; message: string };

export class Datanets {
	state = $state.raw<DatanetState>();
	metadata = $state.raw<ReadonlyMap<string, MetadataEntry>>(new Map());
	syncing = $state(false);
	/** Blocks read of those to read, during a sync. */
	progress = $state<{ done: number; total: number }>();
	error = $state<string>();
	/** Why the page cannot show datanets on this chain at all (nothing deployed). */
	unavailable = $state<string>();
	head = $state<number>();
	storeKind = $state<LogStore['kind']>();

	#config: Config | undefined;
	#store: LogStore | undefined;
	#syncing: Promise<void> | undefined;
	#again = false;
	#unwatch: (() => void) | undefined;
	#users = 0;

	get registry(): Address | undefined {
		const chainId = this.#config?.chains[0].id;
		return chainId === undefined ? undefined : getDeployments(chainId)?.contracts.DatanetRegistry.address;
	}

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
		const deployments = getDeployments(chainId);
		if (!deployments) {
			this.unavailable = new NotDeployedError('DatanetRegistry', chainId).message;
			return;
		}
		const client = getPublicClient(config);
		if (!client) return;
		this.syncing = true;
		try {
			this.#store ??= await openIndexedDbLogStore(indexedDB).catch(() => memoryLogStore());
			this.storeKind = this.#store.kind;
			const { DatanetRegistry: registry, AttributionLedger: ledger } = deployments.contracts;
			const streams = [
				{
					stream: `${chainId}:DatanetRegistry:${registry.address}`,
					address: registry.address,
					abi: datanetRegistryAbi,
					fromBlock: registry.blockNumber
				},
				{
					stream: `${chainId}:AttributionLedger:${ledger.address}`,
					address: ledger.address,
					abi: attributionLedgerAbi,
					fromBlock: ledger.blockNumber
				}
			];
			let head = 0;
			for (const s of streams) {
				const result = await syncLogs({ client, store: this.#store, ...s, onProgress: (p) => (this.progress = p) });
				head = Math.max(head, result.head);
			}
			const [registryLogs, ledgerLogs] = await Promise.all(streams.map((s) => this.#store!.logs(s.stream)));
			this.state = buildDatanetState(registryLogs!, ledgerLogs!);
			this.head = head;
			this.error = undefined;
			this.#loadMissingMetadata();
		} catch (error) {
			this.error = `Could not read datanets from the chain: ${errorMessage(error)} The page retries on the next block.`;
		} finally {
			this.syncing = false;
			this.progress = undefined;
		}
	}

	/** Reads each datanet's metadata document from IPFS, once per CID, as soon as the page's node is online. */
	#loadMissingMetadata() {
		for (const datanet of this.state?.datanets ?? []) {
			const cid = datanet.metadataCid;
			const entry = this.metadata.get(cid);
			if (entry && entry.status !== 'error') continue;
			this.#setMetadata(cid, { status: 'loading' });
			void loadMetadata(cid).then((loaded) => this.#setMetadata(cid, loaded));
		}
	}

	#setMetadata(cid: string, entry: MetadataEntry) {
		const next = new Map(this.metadata);
		next.set(cid, entry);
		this.metadata = next;
	}

	/** The loaded metadata of a datanet, if any. */
	metadataOf(metadataCid: string): DatanetMetadata | undefined {
		const entry = this.metadata.get(metadataCid);
		return entry?.status === 'ok' ? entry.value : undefined;
	}

	/** Forgets a failed metadata read so the next sync tries again. */
	retryMetadata(cid: string) {
		const next = new Map(this.metadata);
		next.delete(cid);
		this.metadata = next;
		this.#loadMissingMetadata();
	}
}

async function loadMetadata(cid: string): Promise<MetadataEntry> {
	try {
		const helia = await ipfsNode.ready();
		const bytes = await readContributionFile(helia, CID.parse(cid), { blockTimeoutMs: 15_000 });
		return { status: 'ok', value: parseDatanetMetadata(bytes) };
	} catch (error) {
		return { status: 'error', message: errorMessage(error) };
	}
}

export const datanets = new Datanets();
