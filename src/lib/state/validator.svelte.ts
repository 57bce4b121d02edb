// The validator's desk: the AttributionLedger's events (a ChainLogView, synced into IndexedDB on first use and again
// on every block) folded into records, chain time (the ledger's deadlines count in block timestamps, which on a devnet
// may run ahead of the wall clock), and this page's re-checks of the records. Re-checking runs one record at a time
// in the attribution worker (pageAttribution), soonest deadline first (see workQueue). Check results are kept in
// memory for as long as the page is open: a reload checks again, which costs a recomputation, never a wrong state.
import { SvelteMap } from 'svelte/reactivity';
import type { Address } from 'viem';
import { CID } from 'multiformats/cid';
import { attributionLedgerAbi } from '$lib/chain/abis.ts';
import { getDeployments, NotDeployedError } from '$lib/chain/deployments/index.ts';
import { ChainLogView, type RefreshContext } from '$lib/chain/sync/chainLogView.svelte.ts';
import { syncLogs } from '$lib/chain/sync/syncLogs.ts';
import { readClientOf } from '$lib/chain/actions/readClient.ts';
import { getAdapterRelease } from '$lib/chain/actions/getAdapterRelease.ts';
import { getContribution } from '$lib/chain/actions/getContribution.ts';
import { getModelRegistration } from '$lib/chain/actions/getModelRegistration.ts';
import { readProtocolParameters } from '$lib/chain/actions/readProtocolParameters.ts';
import { verifyInference } from '$lib/attribution/verifyInference.ts';
import { parseInferenceEvidence, type InferenceEvidence } from '$lib/attribution/inferenceEvidence.ts';
import { attributeExampleInPage } from '$lib/attribution/pageAttribution.ts';
import { readUnixfsFile } from '$lib/datanets/ipfs/unixfsFile.ts';
import { ipfsNode } from '$lib/state/ipfsNode.svelte.ts';
import { ledgerRecordsOf, type LedgerRecord } from '$lib/validate/ledgerRecords.ts';
import { openDisputes, type CheckResult } from '$lib/validate/recordState.ts';
import { workQueue, type ModelFilter } from '$lib/validate/workQueue.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';

/** How long one evidence block may take to arrive before the evidence counts as unavailable. */
const evidenceBlockTimeoutMs = 20_000;

export class ValidatorDesk extends ChainLogView {
	records = $state.raw<LedgerRecord[]>();
	/** The latest block's timestamp, and the wall-clock time (ms) it was read at. */
	chainTime = $state<{ timestamp: number; readAt: number }>();
	/** This page's check of each record, by record id (memory only). */
	checks = new SvelteMap<string, CheckResult>();
	/** The disputing validator's evidence of each disputed record, by record id, or why it could not be read. */
	disputeEvidence = new SvelteMap<string, { evidence: InferenceEvidence } | { error: string }>();
	/** Who each contribution pays (its contributor), by id, for contributions a side names that the record does not. */
	contributors = new SvelteMap<string, Address>();
	/** Which models to re-check. */
	filter = $state<ModelFilter>({ kind: 'all' });
	/** Whether records are re-checked as they arrive. */
	watching = $state(false);
	/** The record being re-checked now. */
	current = $state<string>();

	protected readonly subject = 'recorded answers';
	#pumping = false;
	#readingDisputes = new Set<string>();

	protected missingDeployment(chainId: number): string | undefined {
		return getDeployments(chainId)?.contracts.AttributionLedger
			? undefined
			: new NotDeployedError('AttributionLedger', chainId).message;
	}

	/** Chain time now, estimated from the latest block and the time since it was read; undefined before a read. */
	nowAt(wallClockMs: number): number | undefined {
		if (!this.chainTime) return undefined;
		return this.chainTime.timestamp + Math.max(0, Math.floor((wallClockMs - this.chainTime.readAt) / 1000));
	}

	protected async refresh({ chainId, client, store, onProgress }: RefreshContext): Promise<number> {
		const ledger = getDeployments(chainId)!.contracts.AttributionLedger;
		const stream = `${chainId}:AttributionLedger:${ledger.address}`;
		const { head } = await syncLogs({
			client,
			store,
			stream,
			address: ledger.address,
			abi: attributionLedgerAbi,
			fromBlock: ledger.blockNumber,
			onProgress
		});
		const [logs, block] = await Promise.all([store.logs(stream), client.getBlock({ blockNumber: BigInt(head) })]);
		this.records = ledgerRecordsOf(logs);
		this.chainTime = { timestamp: Number(block.timestamp), readAt: Date.now() };
		this.#readOpenDisputes();
		void this.pump();
		return head;
	}

	/** Starts or stops re-checking. */
	setWatching(on: boolean): void {
		this.watching = on;
		if (on) void this.pump();
	}

	/** Forgets a record's result so it is checked again (after a failure to read its evidence, say). */
	recheck(recordId: string): void {
		if (this.current === recordId) return;
		this.checks.delete(recordId);
		this.disputeEvidence.delete(recordId);
		this.#readOpenDisputes();
		void this.pump();
	}

	/** Re-checks queued records one at a time until none is left (or watching stops). */
	async pump(): Promise<void> {
		if (this.#pumping) return;
		this.#pumping = true;
		try {
			while (this.watching && this.records && this.config) {
				const now = this.nowAt(Date.now());
				if (now === undefined) break;
				const next = workQueue(this.records, now, this.checks, this.filter)[0];
				if (!next) break;
				const id = next.id.toString();
				this.current = id;
				this.checks.set(id, { kind: 'checking' });
				this.checks.set(id, await this.#check(next));
			}
		} finally {
			this.current = undefined;
			this.#pumping = false;
		}
	}

	async #check(record: LedgerRecord): Promise<CheckResult> {
		const client = readClientOf(this.config!);
		const { args, blockNumber } = record.record;
		try {
			const [release, params, model] = await Promise.all([
				getAdapterRelease(client, { modelId: args.modelId, adapterVersion: args.answer.adapterVersion }),
				readProtocolParameters(client, { blockNumber }),
				getModelRegistration(client, { modelId: args.modelId })
			]);
			const target = { baseModelId: model.baseModelId, adapterCid: release.adapterCid };
			const verdict = await verifyInference({
				chainId: client.chain.id,
				record: record.record,
				adapterCid: release.adapterCid,
				payment: { thresholdBps: params.attributionThresholdBps, maxPaid: params.maxPaidContributions },
				readEvidence: (cid) => this.#read(cid, `evidence of answer record #${record.id}`),
				recompute: (evidence, _adapterCid, rules) => attributeExampleInPage(target, evidence.attribution.example, rules)
			});
			const checkedAt = Date.now();
			if (verdict.kind === 'unverifiable') return { ...verdict, checkedAt };
			return { ...verdict, adapterCid: release.adapterCid, checkedAt };
		} catch (error) {
			return { kind: 'unverifiable', reason: errorMessage(error), checkedAt: Date.now() };
		}
	}

	/** Reads the disputing evidence of every open dispute not read yet (in the background; no recomputation). */
	#readOpenDisputes(): void {
		for (const record of openDisputes(this.records ?? [])) {
			const id = record.id.toString();
			if (this.disputeEvidence.has(id) || this.#readingDisputes.has(id)) continue;
			this.#readingDisputes.add(id);
			void this.#readDisputeEvidence(record).finally(() => this.#readingDisputes.delete(id));
		}
	}

	async #readDisputeEvidence(record: LedgerRecord): Promise<void> {
		const cid = record.dispute!.evidenceCid;
		try {
			const evidence = parseInferenceEvidence(
				await this.#read(cid, `disputing evidence of answer record #${record.id}`)
			);
			this.disputeEvidence.set(record.id.toString(), { evidence });
		} catch (error) {
			this.disputeEvidence.set(record.id.toString(), { error: errorMessage(error) });
		}
	}

	/** Reads the contributors of `ids` not known yet (a failed read leaves the id unknown; the page shows "—"). */
	async loadContributors(ids: readonly string[]): Promise<void> {
		if (!this.config) return;
		const client = readClientOf(this.config);
		const missing = [...new Set(ids)].filter((id) => !this.contributors.has(id) && /^\d+$/.test(id));
		await Promise.all(
			missing.map(async (id) => {
				try {
					const contribution = await getContribution(client, { contributionId: BigInt(id) });
					this.contributors.set(id, contribution.contributor);
				} catch {
					// unknown: shown as "—"
				}
			})
		);
	}

	async #read(cid: string, what: string): Promise<Uint8Array> {
		const helia = await ipfsNode.ready();
		return readUnixfsFile(helia, CID.parse(cid), `${what} (${cid})`, { blockTimeoutMs: evidenceBlockTimeoutMs });
	}
}

export const validatorDesk = new ValidatorDesk();
