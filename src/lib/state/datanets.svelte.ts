// The Datanets as the page sees them, rebuilt from the registry's and the ledger's events (a ChainLogView: synced
// into IndexedDB on first use, then on every new block), with each datanet's metadata read from IPFS once.
import type { Address } from 'viem';
import { attributionLedgerAbi, datanetRegistryAbi } from '$lib/chain/abis.ts';
import { getDeployments, NotDeployedError } from '$lib/chain/deployments/index.ts';
import { ChainLogView, type RefreshContext } from '$lib/chain/sync/chainLogView.svelte.ts';
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

export class Datanets extends ChainLogView {
	state = $state.raw<DatanetState>();
	metadata = $state.raw<ReadonlyMap<string, MetadataEntry>>(new Map());

	protected readonly subject = 'datanets';

	get registry(): Address | undefined {
		const chainId = this.config?.chains[0].id;
		return chainId === undefined ? undefined : getDeployments(chainId)?.contracts.DatanetRegistry.address;
	}

	protected missingDeployment(chainId: number): string | undefined {
		return getDeployments(chainId) ? undefined : new NotDeployedError('DatanetRegistry', chainId).message;
	}

	protected async refresh({ chainId, client, store, onProgress }: RefreshContext): Promise<number> {
		const { DatanetRegistry: registry, AttributionLedger: ledger } = getDeployments(chainId)!.contracts;
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
			const result = await syncLogs({ client, store, ...s, onProgress });
			head = Math.max(head, result.head);
		}
		const [registryLogs, ledgerLogs] = await Promise.all(streams.map((s) => store.logs(s.stream)));
		this.state = buildDatanetState(registryLogs!, ledgerLogs!);
		this.#loadMissingMetadata();
		return head;
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
