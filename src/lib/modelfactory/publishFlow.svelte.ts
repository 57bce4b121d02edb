// Step 6 as the user lives it: name the model and its fee; the trained folder goes to IPFS (pinned here, then on the
// pinning service), then a JSON model card naming it; then `register` (or `publishAdapter`, for a new version of a
// model this account owns) through the transaction panel with both fees shown before signing. Each part is saved
// with the run as soon as it exists, so a reload, a refused signature or a reverted registration keeps the adapter
// and its pins and offers the registration again; only the card is remade when the listing changes.
import type { Config } from '@wagmi/core';
import { formatEther, type Hash } from 'viem';
import { getMinInferenceFee } from '../chain/actions/getMinInferenceFee.ts';
import { getModelRegistrationFee } from '../chain/actions/getModelRegistrationFee.ts';
import { publishAdapter, publishedAdapterVersion } from '../chain/actions/publishAdapter.ts';
import { readClientOf } from '../chain/actions/readClient.ts';
import { registerModel } from '../chain/actions/registerModel.ts';
import { TransactionFlow } from '../chain/transactions/transactionFlow.svelte.ts';
import { IpfsPublish } from '../state/ipfsPublish.svelte.ts';
import { errorMessage } from '../../../workers/shared/errors/errorMessage.ts';
import type { FineTuneRun, Publication } from './checkpointStore.ts';
import {
	adapterReleaseOf,
	baseModelIdOf,
	checkListing,
	modelCardBytes,
	type ListingErrors,
	type ModelListing
} from './modelRelease.ts';

/** Where the model goes: a new registered model, or the next adapter version of a model this account owns. */
export type PublishTarget = { kind: 'new' } | { kind: 'version'; modelId: string; nextVersion: number };

export type PublishStage = 'form' | 'publishing' | 'sending' | 'registered';

export class PublishFlow {
	stage = $state<PublishStage>('form');
	listing = $state<ModelListing>({ name: '', summary: '', inferenceFee: '' });
	target = $state<PublishTarget>({ kind: 'new' });
	errors = $state<ListingErrors>({});
	registrationFee = $state<bigint>();
	minInferenceFee = $state<bigint>();
	/** How far publishing got (saved with the run). */
	publication = $state.raw<Publication>();
	/** What went wrong outside the transaction panel (a fee that cannot be read, a folder that cannot be added). */
	error = $state<string>();

	readonly folder = new IpfsPublish('provena fine-tuned adapter');
	readonly card = new IpfsPublish('provena model card');
	readonly tx: TransactionFlow;
	readonly #config: Config;
	readonly #save: (publication: Publication) => Promise<void>;
	#run: FineTuneRun | undefined;

	/** `save` keeps the publication with the run (see FineTuneSession.savePublication). */
	constructor(config: Config, save: (publication: Publication) => Promise<void>) {
		this.#config = config;
		this.#save = save;
		this.tx = new TransactionFlow(config, {
			onSent: (hash) => void this.#update({ txHash: hash }),
			onConfirmed: (hash) => void this.#confirmed(hash)
		});
	}

	get chainId(): number {
		return this.#config.chains[0].id;
	}

	/** Takes up `run` (a finished run), restoring what an earlier visit published; reads the current fees. */
	open(run: FineTuneRun, defaults: { name: string }): void {
		if (this.#run?.key === run.key) return;
		this.#run = run;
		this.publication = run.publication;
		this.folder.reset();
		this.card.reset();
		this.tx.dismiss();
		this.error = undefined;
		const p = run.publication;
		if (p) this.folder.restore(p.folderCid, p.remotePin);
		if (p?.card) {
			this.card.restore(p.card.cid, undefined);
			this.listing = { ...this.listing, name: p.card.name, summary: p.card.summary };
		} else if (!this.listing.name) this.listing = { ...this.listing, name: defaults.name };
		this.stage = p?.modelId ? 'registered' : 'form';
		void this.loadFees();
	}

	/** Reads the registration fee and the minimum inference fee (the default fee per answer is the minimum). */
	async loadFees(): Promise<void> {
		try {
			const client = readClientOf(this.#config);
			const [registration, minimum] = await Promise.all([getModelRegistrationFee(client), getMinInferenceFee(client)]);
			this.registrationFee = registration;
			this.minInferenceFee = minimum;
			if (!this.listing.inferenceFee) this.listing = { ...this.listing, inferenceFee: formatEther(minimum) };
		} catch (error) {
			this.error = `Could not read the registration fee from the chain: ${errorMessage(error)}. Check the network and try again.`;
		}
	}

	/**
	 * Publishes what is not yet on IPFS (the folder, a card for the current listing), then opens the transaction's
	 * review with the registration fee and the network fee. Called again after a refusal or a revert, it redoes only
	 * the review, with fees read afresh.
	 */
	async publish(): Promise<void> {
		const run = this.#run;
		if (!run?.trained || this.stage === 'publishing' || this.tx.busy) return;
		await this.loadFees();
		const { errors, inferenceFee } = checkListing(this.listing, this.minInferenceFee);
		this.errors = errors;
		if (Object.keys(errors).length > 0 || inferenceFee === undefined || this.registrationFee === undefined) return;
		this.error = undefined;
		this.stage = 'publishing';
		try {
			let publication = this.publication;
			if (!publication) {
				const added = await this.folder.publishFolder(run.trained.files);
				if (!added) return this.#back();
				publication = await this.#update({
					folderCid: added.cid,
					fileCids: added.fileCids,
					...(this.folder.remote ? { remotePin: $state.snapshot(this.folder.remote) } : {})
				});
			}
			const baseModelId = baseModelIdOf(run.trained.files);
			const name = this.listing.name.trim();
			const summary = this.listing.summary.trim();
			if (publication.card?.name !== name || publication.card.summary !== summary) {
				const cardCid = await this.card.publish(
					modelCardBytes({
						name,
						summary,
						baseModelId,
						adapterCid: publication.folderCid,
						readmeCid: publication.fileCids['README.md'],
						trainingConfigCid: publication.fileCids['training.json'] ?? '',
						data: run.data,
						evaluation: run.trained.evaluation
					})
				);
				if (!cardCid) return this.#back();
				publication = await this.#update({ card: { cid: cardCid, name, summary } });
			}
			const adapter = adapterReleaseOf({
				folderCid: publication.folderCid,
				fileCids: publication.fileCids,
				files: run.trained.files,
				data: run.data
			});
			this.stage = 'sending';
			const target = this.target;
			await this.tx.review(
				target.kind === 'version'
					? publishAdapter(this.chainId, { modelId: BigInt(target.modelId), adapter, nextVersion: target.nextVersion })
					: registerModel(this.chainId, {
							name,
							baseModelId,
							baseModelCid: '',
							metadataCid: publication.card!.cid,
							inferenceFee,
							adapter,
							registrationFee: this.registrationFee
						})
			);
		} catch (error) {
			this.error = errorMessage(error);
			this.#back();
		}
	}

	/** Asks the pinning service again to keep the folder (it stays pinned here meanwhile). */
	async retryFolderPin(): Promise<void> {
		const remote = await this.folder.retryRemotePin();
		if (remote && this.publication) await this.#update({ remotePin: $state.snapshot(remote) });
	}

	/**
	 * The transaction was given up before it was sent (a refused signature, Cancel, a failed review dismissed). Nothing
	 * is unpinned: the adapter and its card stay, and the form offers the registration again.
	 */
	abandoned(): void {
		if (this.stage === 'sending' && !this.tx.hash) this.stage = 'form';
	}

	/** After a revert: back to the form, where registering again reads the fees afresh. */
	tryAgain(): void {
		this.tx.dismiss();
		this.stage = 'form';
	}

	#back(): void {
		this.stage = 'form';
	}

	async #confirmed(hash: Hash): Promise<void> {
		const created = this.tx.logs ? publishedAdapterVersion(this.tx.logs) : undefined;
		if (!created) {
			this.error = `Transaction ${hash} was confirmed but announced no adapter; reload the Models page to find the model.`;
			return;
		}
		await this.#update({ modelId: created.modelId.toString(), adapterVersion: created.adapterVersion });
		this.stage = 'registered';
	}

	async #update(change: Partial<Publication>): Promise<Publication> {
		const next = { ...this.publication, ...change } as Publication;
		this.publication = next;
		try {
			await this.#save(next);
		} catch (error) {
			this.error = `Could not save the publication in this browser: ${errorMessage(error)}`;
		}
		return next;
	}
}
