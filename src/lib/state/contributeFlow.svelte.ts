// Contributing to a datanet, as the contributor lives it: drop or paste files; the ingest worker turns them into
// records, with the filter report, redactions and duplicates against this datanet; the contributor reviews; the
// records go to IPFS (pinned here, then remotely) and `contribute` goes on chain with the bond. Every step is saved
// as a draft in IndexedDB, so a reload or a closed tab resumes where it stopped and nothing is lost.
import { getPublicClient, type Config } from '@wagmi/core';
import type { Address, Hash } from 'viem';
import { CID } from 'multiformats/cid';
import { contribute } from '$lib/chain/actions/contribute.ts';
import { getContributionBond } from '$lib/chain/actions/getContributionBond.ts';
import { readClientOf } from '$lib/chain/actions/readClient.ts';
import { getContractAddress } from '$lib/chain/deployments/index.ts';
import { TransactionFlow } from '$lib/chain/transactions/transactionFlow.svelte.ts';
import { draftKey, openDraftStore, type ContributionDraft, type DraftStore } from '$lib/datanets/drafts/draftStore.ts';
import { readContributionFile } from '$lib/datanets/ipfs/contributionContent.ts';
import type { ContributionView } from '$lib/datanets/state/datanetState.ts';
import { ingestWorker } from '$lib/bridges/ingestBridge.ts';
import { prepareAgainstDatanet, type DatanetContributions } from '$lib/bridges/prepareAgainstDatanet.ts';
import type { PreparedContribution } from '$workers/ingest/prepareContribution.ts';
import type { ContributionRecords, ContributionRef } from '$workers/ingest/dedupe/datanetIndex.ts';
import { createProgressMeter } from '$workers/shared/progress/downloadProgress.ts';
import { formatEta } from '$workers/shared/format/formatEta.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';
import { base } from '$app/paths';
import { catalogUrl, folderUrlOf } from '$lib/models/modelCatalog.ts';
import { IpfsPublish } from './ipfsPublish.svelte.ts';
import { ipfsNode } from './ipfsNode.svelte.ts';

export type ContributeStage = 'editing' | 'preparing' | 'review' | 'publishing' | 'sending' | 'submitted';

/** A step of work in progress, for a progress bar. */
export type StepProgress = { label: string; done: number; total: number; eta: string };

/** Files a contributor may drop: the formats the pipeline reads. */
export const CONTRIBUTABLE_EXTENSIONS = ['txt', 'md', 'markdown', 'jsonl', 'csv', 'pdf', 'docx'];

/**
 * The folder of the tokenizer datanet records are counted with: the default base model's, which every ModelFactory run
 * starts from.
 */
export function datanetTokenizerUrl(): string {
	return folderUrlOf('provena-tiny', catalogUrl(base, location.origin));
}

const extensionOf = (name: string) => name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';

export class ContributeFlow {
	stage = $state<ContributeStage>('editing');
	files = $state.raw<File[]>([]);
	pasted = $state('');
	redact = $state(false);
	prepared = $state.raw<PreparedContribution>();
	progress = $state<StepProgress>();
	error = $state<string>();
	/** Things the contributor should know that are not errors ("restored your draft", "could not check #3"). */
	notices = $state.raw<string[]>([]);
	/** Where drafts are kept: IndexedDB, or memory when it is blocked (said on the page). */
	storeKind = $state<DraftStore['kind']>();
	bond = $state<bigint>();
	submittedTx = $state<Hash>();

	readonly publish: IpfsPublish;
	readonly tx: TransactionFlow;
	readonly #config: Config;
	readonly #datanetId: string;
	readonly #acceptedFormats: readonly string[];
	#key: string | undefined;
	#store: DraftStore | undefined;
	// Draft writes run one after another: a save is a read then a write, and the transaction's callbacks start a save
	// (sent) and a delete (confirmed) without waiting, so on a fast chain the save could land after the delete and
	// leave a finished contribution behind as an "unsent draft".
	#writes: Promise<unknown> = Promise.resolve();
	#controller: AbortController | undefined;

	constructor(config: Config, datanetId: string, acceptedFormats: readonly string[]) {
		this.#config = config;
		this.#datanetId = datanetId;
		this.#acceptedFormats = acceptedFormats;
		this.publish = new IpfsPublish(`provena datanet ${datanetId} contribution`);
		this.tx = new TransactionFlow(config, {
			onSent: (hash) => void this.#save({ stage: 'submitted', txHash: hash }),
			onConfirmed: (hash) => void this.#finish(hash)
		});
	}

	/** Opens this account's draft for the datanet, if there is one. Call again when the account changes. */
	async open(account: Address): Promise<void> {
		this.#store ??= await openDraftStore();
		this.storeKind = this.#store.kind;
		const registry = getContractAddress(this.#config.chains[0].id, 'DatanetRegistry');
		this.#key = draftKey({ chainId: this.#config.chains[0].id, registry, datanetId: this.#datanetId, account });
		this.#reset();
		void this.#loadBond();
		const draft = await this.#store.get<PreparedContribution>(this.#key);
		if (!draft) return;
		this.files = draft.files;
		this.redact = draft.redact;
		this.prepared = draft.prepared;
		const when = new Date(draft.updatedAt).toLocaleString();
		this.notices = [`Restored your unsent draft from ${when}.`];
		if (draft.stage === 'submitted' && draft.txHash) return this.#followSent(draft.txHash);
		if (draft.cid) this.publish.restore(draft.cid, draft.remotePin);
		this.stage = draft.prepared ? 'review' : 'editing';
	}

	/** Adds dropped or picked files; refuses formats the pipeline or the datanet does not take, saying why. */
	addFiles(list: Iterable<File>): void {
		const refused: string[] = [];
		const added: File[] = [];
		for (const file of list) {
			const ext = extensionOf(file.name);
			if (!CONTRIBUTABLE_EXTENSIONS.includes(ext))
				refused.push(`${file.name}: .${ext || '?'} files cannot be read; use ${CONTRIBUTABLE_EXTENSIONS.join(', ')}.`);
			else if (this.#acceptedFormats.length && !this.#acceptedFormats.includes(ext === 'markdown' ? 'md' : ext))
				refused.push(`${file.name}: this datanet accepts only ${this.#acceptedFormats.join(', ')}.`);
			else added.push(file);
		}
		this.error = refused.length ? refused.join(' ') : undefined;
		if (added.length === 0) return;
		this.files = [...this.files.filter((f) => !added.some((a) => a.name === f.name)), ...added];
		this.#edited();
	}

	removeFile(index: number): void {
		this.files = this.files.filter((_, i) => i !== index);
		this.#edited();
	}

	setRedact(redact: boolean): void {
		this.redact = redact;
		this.#edited();
	}

	/** Turns the pasted text into a file of the upload, so it goes through the same pipeline. */
	addPasted(): void {
		const text = this.pasted.trim();
		if (!text) return;
		const n = this.files.filter((f) => f.name.startsWith('pasted-')).length + 1;
		this.files = [...this.files, new File([text + '\n'], `pasted-${n}.txt`, { type: 'text/plain' })];
		this.pasted = '';
		this.#edited();
	}

	/** Runs the ingest pipeline in its worker against this datanet's existing contributions. */
	async prepare(existing: readonly ContributionView[]): Promise<void> {
		this.addPasted();
		if (this.files.length === 0) {
			this.error = 'Add at least one file, or paste some text, first.';
			return;
		}
		this.error = undefined;
		this.stage = 'preparing';
		this.#controller = new AbortController();
		const signal = this.#controller.signal;
		try {
			const bytesTotal = this.files.reduce((sum, f) => sum + f.size, 0);
			const meter = createProgressMeter('upload', bytesTotal);
			const prepared = await prepareAgainstDatanet(
				ingestWorker,
				{ files: this.files, redact: this.redact, tokenizerUrl: datanetTokenizerUrl() },
				this.#datanetContributions(existing),
				{
					signal,
					onProgress: (p) => {
						const label =
							p.phase === 'extract'
								? `Extracting and cleaning${p.file ? ` ${p.file}` : ''}`
								: p.phase === 'index'
									? 'Indexing this datanet for duplicates'
									: 'Looking for duplicates';
						const eta = p.phase === 'extract' ? formatEta(meter.update(p.done).etaSeconds) : '';
						this.progress = { label, done: p.done, total: p.total, eta };
					}
				}
			);
			this.prepared = prepared;
			this.stage = 'review';
			await this.#save({ stage: 'prepared', prepared });
		} catch (error) {
			this.stage = 'editing';
			if (!signal.aborted) this.error = errorMessage(error);
		} finally {
			this.progress = undefined;
		}
	}

	cancel(): void {
		this.#controller?.abort(new DOMException('Cancelled', 'AbortError'));
	}

	backToEditing(): void {
		this.stage = 'editing';
	}

	/** Adds the records to IPFS (unless a reload already did), then asks for the contribute transaction's review. */
	async submit(): Promise<void> {
		const prepared = this.prepared;
		if (!prepared) return;
		if (prepared.recordCount === 0) {
			this.error = 'No record is left to contribute: every record was dropped or is a duplicate. Add other files.';
			return;
		}
		this.error = undefined;
		this.stage = 'publishing';
		const cid = this.publish.cid ?? (await this.publish.publish(prepared.jsonl));
		if (!cid) {
			this.stage = 'review';
			return;
		}
		// A snapshot: IndexedDB cannot clone the reactive proxy.
		await this.#save({ stage: 'added', cid, remotePin: $state.snapshot(this.publish.remote) });
		await this.reviewTransaction();
	}

	/** (Re)opens the contribute transaction's review, with the fee and the bond. */
	async reviewTransaction(): Promise<void> {
		const prepared = this.prepared;
		const cid = this.publish.cid;
		if (!prepared || !cid) return;
		await this.#loadBond();
		this.stage = 'sending';
		await this.tx.review(
			contribute(this.#config.chains[0].id, {
				datanetId: BigInt(this.#datanetId),
				contentCid: cid,
				contentHash: prepared.contentHash,
				byteSize: prepared.byteSize,
				tokenCount: prepared.tokenCount,
				recordCount: prepared.recordCount,
				bond: this.bond ?? 0n
			})
		);
	}

	/**
	 * The contribute transaction was given up before it was sent (Cancel, Escape, a refused signature, a failed review
	 * dismissed). The records were pinned only for it, so they are unpinned here and on the pinning service; the draft
	 * keeps them and goes back to its review, and Submit publishes them again (same bytes, same CID).
	 */
	async abandonTransaction(): Promise<void> {
		if (this.submittedTx || this.stage !== 'sending') return;
		this.stage = 'review';
		await this.publish.release();
		await this.#save({ stage: 'prepared', cid: undefined, remotePin: undefined, txHash: undefined });
	}

	/** Throws the draft away (the records stay pinned in this browser until it clears its storage). */
	async discard(): Promise<void> {
		this.cancel();
		await this.#deleteDraft();
		this.#reset();
	}

	/** This datanet's pending and approved contributions; the ingest worker keeps their index between uploads. */
	#datanetContributions(existing: readonly ContributionView[]): DatanetContributions {
		return {
			key: `${this.#config.chains[0].id}/${this.#datanetId}`,
			contributions: existing
				.filter((c) => c.status === 'pending' || c.status === 'approved')
				.map((c) => ({ contributionId: c.id, cid: c.contentCid })),
			read: (missing, signal) => this.#readContributions(missing, signal)
		};
	}

	/** The records of the contributions the ingest worker lacks; one it cannot read is named in a notice. */
	async #readContributions(
		wanted: readonly ContributionRef[],
		signal: AbortSignal | undefined
	): Promise<ContributionRecords[]> {
		const helia = await ipfsNode.ready();
		const against: ContributionRecords[] = [];
		const unreachable: string[] = [];
		let done = 0;
		for (const c of wanted) {
			this.progress = {
				label: 'Reading this datanet’s contributions for duplicate checks',
				done,
				total: wanted.length,
				eta: ''
			};
			try {
				const jsonl = await readContributionFile(helia, CID.parse(c.cid), {
					...(signal ? { signal } : {}),
					blockTimeoutMs: 10_000
				});
				against.push({ ...c, jsonl });
			} catch (error) {
				signal?.throwIfAborted();
				unreachable.push(`#${c.contributionId} (${errorMessage(error)})`);
			}
			done++;
		}
		if (unreachable.length)
			this.notices = [
				...this.notices,
				`Could not check against contribution${unreachable.length > 1 ? 's' : ''} ${unreachable.join(', ')}: its data is not reachable on IPFS right now. Curators will still see any duplicate.`
			];
		return against;
	}

	async #loadBond() {
		try {
			this.bond = await getContributionBond(readClientOf(this.#config));
		} catch {
			// The chain-health banner explains an unreachable RPC; the review step reads it again.
		}
	}

	/** After a reload with a transaction already sent: wait for it instead of sending another. */
	async #followSent(hash: Hash) {
		this.stage = 'sending';
		this.submittedTx = hash;
		try {
			const client = getPublicClient(this.#config);
			const receipt = await client!.waitForTransactionReceipt({ hash, timeout: 60_000 });
			if (receipt.status === 'success') return this.#finish(hash);
			this.error = 'The contribute transaction sent before the reload failed on chain. Review it and send it again.';
			await this.#save({ stage: 'added', txHash: undefined });
			this.stage = 'review';
		} catch (error) {
			this.error = `Could not find the transaction sent before the reload (${errorMessage(error)}). If it never reached the chain, send it again.`;
			this.stage = 'review';
		}
	}

	async #finish(hash: Hash) {
		this.submittedTx = hash;
		this.stage = 'submitted';
		await this.#deleteDraft();
	}

	/** A change to the upload invalidates the prepared records. */
	#edited() {
		this.prepared = undefined;
		this.stage = 'editing';
		this.publish.reset();
		void this.#save({ stage: 'editing', prepared: undefined, cid: undefined, remotePin: undefined, txHash: undefined });
	}

	#save(change: Partial<ContributionDraft<PreparedContribution>>): Promise<void> {
		return this.#queued(() => this.#write(change));
	}

	async #write(change: Partial<ContributionDraft<PreparedContribution>>) {
		if (!this.#key || !this.#store) return;
		const current = (await this.#store.get<PreparedContribution>(this.#key)) ?? {
			key: this.#key,
			datanetId: this.#datanetId,
			files: [],
			redact: false,
			stage: 'editing' as const,
			updatedAt: Date.now()
		};
		const next: ContributionDraft<PreparedContribution> = {
			...current,
			files: this.files,
			redact: this.redact,
			...change,
			updatedAt: Date.now()
		};
		for (const k of Object.keys(next) as (keyof typeof next)[]) if (next[k] === undefined) delete next[k];
		await this.#store.put(next);
	}

	#deleteDraft(): Promise<void> {
		return this.#queued(async () => {
			if (this.#key) await this.#store?.delete(this.#key);
		});
	}

	/** Runs `write` after every draft write before it (one that failed does not hold the next back). */
	#queued(write: () => Promise<void>): Promise<void> {
		const next = this.#writes.then(write, write);
		this.#writes = next.catch(() => undefined);
		return next;
	}

	#reset() {
		this.stage = 'editing';
		this.files = [];
		this.pasted = '';
		this.redact = false;
		this.prepared = undefined;
		this.error = undefined;
		this.notices = [];
		this.submittedTx = undefined;
		this.publish.reset();
		this.tx.dismiss();
	}
}
