// Curating a datanet: read a pending contribution's records from IPFS, check them against the rest of the datanet
// (the ingest worker's duplicate check), then approve a batch — which publishes a version whose manifest goes to IPFS
// first — or reject it with a reason (its bond is slashed). Anyone may prove an exact copy and collect the bounty.
import type { Config } from '@wagmi/core';
import { CID } from 'multiformats/cid';
import { approveContributions, publishedVersion } from '$lib/chain/actions/approveContributions.ts';
import { proveDuplicate } from '$lib/chain/actions/proveDuplicate.ts';
import { getContribution } from '$lib/chain/actions/getContribution.ts';
import { readClientOf } from '$lib/chain/actions/readClient.ts';
import { rejectContributions } from '$lib/chain/actions/rejectContributions.ts';
import { getContractAddress } from '$lib/chain/deployments/index.ts';
import { TransactionFlow } from '$lib/chain/transactions/transactionFlow.svelte.ts';
import { readContributionFile } from '$lib/datanets/ipfs/contributionContent.ts';
import { encodeVersionManifest } from '$lib/datanets/ipfs/versionManifest.ts';
import type { ContributionView, DatanetState, DatanetView } from '$lib/datanets/state/datanetState.ts';
import { nextVersionManifest } from '$lib/datanets/versions/nextVersionManifest.ts';
import { ingestWorker } from '$lib/bridges/ingestBridge.ts';
import type { PreparedContribution } from '$workers/ingest/prepareContribution.ts';
import { parseRecordsJsonl, type ContributedRecord } from '$workers/ingest/records/parseRecordsJsonl.ts';
import { datanetTokenizerUrl } from './contributeFlow.svelte.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';
import { IpfsPublish } from './ipfsPublish.svelte.ts';
import { ipfsNode } from './ipfsNode.svelte.ts';

/** A contribution's records as read from IPFS, or why they could not be. */
export type LoadedRecords =
	| { status: 'loading' }
	| { status: 'ok'; records: ContributedRecord[]; bytes: Uint8Array; badLines: number }
	| { status: 'error'; message: string };

/** The duplicate check of one contribution against the rest of the datanet. */
export type DuplicateCheck =
	{ status: 'running' } | { status: 'ok'; result: PreparedContribution } | { status: 'error'; message: string };

/** IDatanetRegistry.ContributionStatus.Pending. */
const CONTRIBUTION_PENDING = 1;

export class CurationFlow {
	records = $state.raw<ReadonlyMap<string, LoadedRecords>>(new Map());
	checks = $state.raw<ReadonlyMap<string, DuplicateCheck>>(new Map());
	readonly tx: TransactionFlow;
	readonly manifest: IpfsPublish;
	readonly #config: Config;
	/** The call under review is an `approve` whose manifest was published for it (and for nothing else yet). */
	#manifestAwaitsApproval = false;

	constructor(config: Config, datanetId: string, onConfirmed: () => void) {
		this.#config = config;
		this.tx = new TransactionFlow(config, {
			onSent: () => (this.#manifestAwaitsApproval = false),
			onConfirmed
		});
		this.manifest = new IpfsPublish(`provena datanet ${datanetId} version manifest`);
	}

	get #chainId() {
		return this.#config.chains[0].id;
	}

	get #registry() {
		return getContractAddress(this.#chainId, 'DatanetRegistry');
	}

	/** The version the last confirmed approval published, read from its receipt; undefined for other calls. */
	get published() {
		return this.tx.status === 'confirmed' && this.tx.logs ? publishedVersion(this.tx.logs) : undefined;
	}

	/** Reads a contribution's records (once), for the curator to look at. */
	async loadRecords(contribution: ContributionView): Promise<LoadedRecords> {
		const known = this.records.get(contribution.id);
		if (known && known.status !== 'error') return known;
		this.#set('records', contribution.id, { status: 'loading' });
		let loaded: LoadedRecords;
		try {
			const helia = await ipfsNode.ready();
			const bytes = await readContributionFile(helia, CID.parse(contribution.contentCid), { blockTimeoutMs: 15_000 });
			const { records, badLines } = parseRecordsJsonl(bytes);
			loaded = { status: 'ok', records, bytes, badLines };
		} catch (error) {
			loaded = { status: 'error', message: errorMessage(error) };
		}
		this.#set('records', contribution.id, loaded);
		return loaded;
	}

	/** Checks a contribution's records for copies and near-copies among the datanet's other contributions. */
	async checkDuplicates(contribution: ContributionView, others: readonly ContributionView[]): Promise<void> {
		this.#set('checks', contribution.id, { status: 'running' });
		try {
			const subject = await this.loadRecords(contribution);
			if (subject.status !== 'ok') throw new Error(subject.status === 'error' ? subject.message : 'still loading');
			const against = [];
			for (const other of others) {
				if (other.id === contribution.id || (other.status !== 'approved' && other.status !== 'pending')) continue;
				const loaded = await this.loadRecords(other);
				if (loaded.status === 'ok') against.push({ contributionId: other.id, jsonl: loaded.bytes });
			}
			const file = new File([subject.bytes as BlobPart], `contribution-${contribution.id}.jsonl`);
			const result = await ingestWorker.call(
				'prepare',
				{},
				{
					files: [file],
					redact: false,
					tokenizerUrl: datanetTokenizerUrl(),
					against
				}
			);
			this.#set('checks', contribution.id, { status: 'ok', result });
		} catch (error) {
			this.#set('checks', contribution.id, { status: 'error', message: errorMessage(error) });
		}
	}

	/** Publishes the next version's manifest to IPFS, then reviews `approve` for the batch. */
	async approve(datanet: DatanetView, state: DatanetState, ids: readonly string[]): Promise<void> {
		if (ids.length === 0) return;
		await this.abandonTransaction();
		let bytes: Uint8Array;
		try {
			// The registry skips contributions settled meanwhile (withdrawn, proven copies), but the manifest would
			// still list them; so the batch is checked against the chain itself, not the synced logs, right before.
			await this.#checkStillPending(ids);
			bytes = encodeVersionManifest(
				nextVersionManifest({
					chainId: this.#chainId,
					registry: this.#registry,
					datanet,
					state,
					approve: ids
				})
			);
		} catch (error) {
			this.manifest.status = 'failed';
			this.manifest.error = errorMessage(error);
			return;
		}
		const cid = await this.manifest.publish(bytes);
		if (!cid) return;
		this.#manifestAwaitsApproval = true;
		await this.tx.review(
			approveContributions(this.#chainId, {
				datanetId: BigInt(datanet.id),
				contributionIds: ids.map(BigInt),
				manifestCid: cid,
				nextVersion: datanet.versions.length + 1
			})
		);
	}

	/** Throws, naming them, if any of `ids` is no longer pending on chain. */
	async #checkStillPending(ids: readonly string[]): Promise<void> {
		const client = readClientOf(this.#config);
		const read = await Promise.all(ids.map((id) => getContribution(client, { contributionId: BigInt(id) })));
		const settled = ids.filter((_, i) => read[i]!.status !== CONTRIBUTION_PENDING);
		if (settled.length) {
			throw new Error(
				`${settled.map((id) => `#${id}`).join(', ')} ${settled.length > 1 ? 'are' : 'is'} no longer pending (settled since the page last synced). Reload the list, then approve the rest.`
			);
		}
	}

	/**
	 * The call under review was given up before it was sent. An `approve`'s manifest was pinned only for it, so it is
	 * unpinned here and on the pinning service (a new approval publishes the manifest again).
	 */
	async abandonTransaction(): Promise<void> {
		if (!this.#manifestAwaitsApproval) return;
		this.#manifestAwaitsApproval = false;
		await this.manifest.release();
	}

	/** Reviews `reject` for the batch; the bonds go to the treasury. */
	async reject(datanet: DatanetView, ids: readonly string[], reason: string): Promise<void> {
		if (ids.length === 0) return;
		await this.abandonTransaction();
		await this.tx.review(
			rejectContributions(this.#chainId, { datanetId: BigInt(datanet.id), contributionIds: ids.map(BigInt), reason })
		);
	}

	/** Reviews `proveDuplicate`: a pending exact copy of an earlier submission loses its bond, partly to the prover. */
	async proveDuplicate(duplicateId: string, originalId: string): Promise<void> {
		await this.abandonTransaction();
		await this.tx.review(
			proveDuplicate(this.#chainId, { duplicateId: BigInt(duplicateId), originalId: BigInt(originalId) })
		);
	}

	#set<K extends 'records' | 'checks'>(
		which: K,
		id: string,
		value: K extends 'records' ? LoadedRecords : DuplicateCheck
	) {
		const next = new Map(this[which] as ReadonlyMap<string, unknown>);
		next.set(id, value);
		(this as unknown as Record<K, ReadonlyMap<string, unknown>>)[which] = next;
	}
}
