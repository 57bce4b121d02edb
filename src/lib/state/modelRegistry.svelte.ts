// The registered models as the Models page sees them, rebuilt from the ModelRegistry's events (a ChainLogView, as
// the Datanets are: synced into IndexedDB on first use, then on every new block), with each model card read from
// IPFS once.
import { CID } from 'multiformats/cid';
import { modelRegistryAbi } from '$lib/chain/abis.ts';
import { getDeployments, NotDeployedError } from '$lib/chain/deployments/index.ts';
import { ChainLogView, type RefreshContext } from '$lib/chain/sync/chainLogView.svelte.ts';
import { syncLogs } from '$lib/chain/sync/syncLogs.ts';
import { readUnixfsFile } from '$lib/datanets/ipfs/unixfsFile.ts';
import { parseModelCard, type ModelCardSummary } from '$lib/models/registry/modelCard.ts';
import { buildModelRegistryState, type ModelRegistryState } from '$lib/models/registry/modelRegistryState.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';
import { ipfsNode } from './ipfsNode.svelte.ts';

/** A model card as loaded from IPFS: its name and summary, or why it could not be read. */
export type ModelCardEntry =
	{ status: 'loading' } | { status: 'ok'; value: ModelCardSummary } | { status: 'error'; message: string };

export class ModelRegistry extends ChainLogView {
	state = $state.raw<ModelRegistryState>();
	cards = $state.raw<ReadonlyMap<string, ModelCardEntry>>(new Map());

	protected readonly subject = 'registered models';

	protected missingDeployment(chainId: number): string | undefined {
		return getDeployments(chainId)?.contracts.ModelRegistry
			? undefined
			: new NotDeployedError('ModelRegistry', chainId).message;
	}

	protected async refresh({ chainId, client, store, onProgress }: RefreshContext): Promise<number> {
		const registry = getDeployments(chainId)!.contracts.ModelRegistry;
		const stream = `${chainId}:ModelRegistry:${registry.address}`;
		const { head } = await syncLogs({
			client,
			store,
			stream,
			address: registry.address,
			abi: modelRegistryAbi,
			fromBlock: registry.blockNumber,
			onProgress
		});
		this.state = buildModelRegistryState(await store.logs(stream));
		this.#loadMissingCards();
		return head;
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
