// One answer of a registered model, from its attribution to its payment: the attribution worker traces it under the
// protocol's threshold, the page shows whose data shaped it and who the fee would pay; "Pay & record" puts the
// evidence on IPFS (pinned), reads the fee and bond, re-reads the rules (recomputing and asking again when governance
// changed them in between) and sends recordInference; the record is then followed until it is settled. A refused
// signature or a revert keeps the answer, its report and its pinned evidence, so paying again starts from there.
import type { Config } from '@wagmi/core';
import { parseEventLogs, type Hash, type Log } from 'viem';
import { attributionLedgerAbi } from '$lib/chain/abis.ts';
import { getPaymentFor, type PaymentFor } from '$lib/chain/actions/getPaymentFor.ts';
import { getRecordStatus, type RecordStatus } from '$lib/chain/actions/getRecordStatus.ts';
import { readClientOf } from '$lib/chain/actions/readClient.ts';
import { readProtocolParameters } from '$lib/chain/actions/readProtocolParameters.ts';
import { recordInference } from '$lib/chain/actions/recordInference.ts';
import { TransactionFlow } from '$lib/chain/transactions/transactionFlow.svelte.ts';
import { attributeTextInPage, type AttributionTarget } from '$lib/attribution/pageAttribution.ts';
import {
	encodeInferenceEvidence,
	inferenceEvidenceOf,
	type InferenceEvidence
} from '$lib/attribution/inferenceEvidence.ts';
import { ledgerAnswerOf, type LedgerAnswer } from '$lib/attribution/ledgerAnswer.ts';
import { protocolAttributionRules } from '$lib/attribution/verifyInference.ts';
import type { AttributionReport } from '$workers/ml/attribution/attributionReport.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';
import { describeChange, type AttributionTerms } from './answerPaymentTerms.ts';
import { IpfsPublish } from './ipfsPublish.svelte.ts';

/** The registered model and adapter version that gave the answer. */
export type AnsweringModel = AttributionTarget & { modelId: string; adapterVersion: number; name: string; fee: bigint };

/** The answer once recorded: its record and where it stands. */
export type RecordedAnswer = {
	recordId: bigint;
	hash: Hash;
	/** When its challenge window closes (unix seconds); 0 for the pool, which nothing waits on. */
	deadline: number;
	evidenceCid: string;
	pooled: boolean;
};

const FOLLOW_EVERY_MS = 4_000;

export class AnswerPayment {
	readonly model: AnsweringModel;
	readonly prompt: string;
	readonly answer: string;
	/** When the answer's last token arrived (performance.now()), for the time to its attribution. */
	readonly answeredAt: number;

	status = $state<'attributing' | 'attributed' | 'failed'>('attributing');
	report = $state.raw<AttributionReport>();
	terms = $state.raw<AttributionTerms>();
	/** Milliseconds from the last token to the attribution shown. */
	attributionMs = $state<number>();
	error = $state<string>();
	/** Something the user must read before paying (the rules changed and the attribution was recomputed). */
	notice = $state<string>();
	/** The fee and bond read for the answer as it would be sent. */
	payment = $state.raw<PaymentFor>();
	/** Pay & record's own step before the wallet: pinning the evidence, reading the fee. */
	preparing = $state<string>();
	readonly evidence = new IpfsPublish('Provena answer evidence');
	readonly tx: TransactionFlow;
	recorded = $state.raw<RecordedAnswer>();
	recordStatus = $state.raw<RecordStatus>();
	/** The chain's clock at the last follow (unix seconds). */
	chainNow = $state<number>();

	readonly #config: Config;
	#following: ReturnType<typeof setInterval> | undefined;

	constructor(config: Config, model: AnsweringModel, turn: { prompt: string; answer: string; answeredAt: number }) {
		this.#config = config;
		this.model = model;
		this.prompt = turn.prompt;
		this.answer = turn.answer;
		this.answeredAt = turn.answeredAt;
		this.tx = new TransactionFlow(config, { onConfirmed: () => this.#onRecorded(this.tx.hash!, this.tx.logs ?? []) });
	}

	get chainId(): number {
		return this.#config.chains[0].id;
	}

	/** Whether the answer can be paid now (attributed, not recorded, nothing under way). */
	get payable(): boolean {
		return (
			this.status === 'attributed' && !this.recorded && !this.preparing && !this.tx.busy && this.tx.status !== 'review'
		);
	}

	/** Reads the rules and attributes the answer under them. */
	async attribute(): Promise<void> {
		this.status = 'attributing';
		this.error = undefined;
		try {
			const terms = await this.#readTerms();
			const report = await attributeTextInPage(
				this.model,
				{ prompt: this.prompt, answer: this.answer, chat: true },
				protocolAttributionRules(terms.payment)
			);
			this.terms = terms;
			this.report = report;
			this.attributionMs ??= performance.now() - this.answeredAt;
			this.status = 'attributed';
		} catch (error) {
			this.error = `Could not attribute this answer: ${errorMessage(error)}`;
			this.status = 'failed';
		}
	}

	/**
	 * Pay & record: checks the rules are still those the attribution used (else recomputes and asks again), pins the
	 * evidence, reads the fee and bond, and opens the review (fee, bond and network fee before signing).
	 */
	async pay(): Promise<void> {
		const prepared = await this.prepare();
		if (prepared) await this.tx.review(recordInference(this.chainId, prepared));
	}

	/**
	 * Everything before the wallet, shared with batched payment: the answer to send and what it costs, or undefined
	 * when the user must look again (the rules changed) or something failed (`error` says what).
	 */
	async prepare(): Promise<{ answer: LedgerAnswer; payment: PaymentFor } | undefined> {
		if (!this.report || !this.terms || this.recorded) return undefined;
		this.error = undefined;
		this.notice = undefined;
		try {
			this.preparing = 'Checking the protocol rules…';
			const now = await this.#readTerms();
			const changed = describeChange(this.terms, now);
			if (changed) {
				this.preparing = 'The rules changed: attributing again…';
				this.evidence.reset();
				await this.attribute();
				this.notice = `Governance changed ${changed} since this answer was attributed. It was recomputed under the new rules; check who is paid, then press Pay & record again.`;
				return undefined;
			}
			const evidence = this.#evidence();
			this.preparing = 'Putting the evidence on IPFS…';
			const cid = this.evidence.cid ?? (await this.evidence.publish(encodeInferenceEvidence(evidence)));
			if (!cid) throw new Error(this.evidence.error ?? 'the evidence could not be added to IPFS');
			const answer = ledgerAnswerOf(evidence, cid);
			this.preparing = 'Reading the fee…';
			this.payment = await getPaymentFor(readClientOf(this.#config), { answer });
			return { answer, payment: this.payment };
		} catch (error) {
			this.error = `Could not prepare the payment: ${errorMessage(error)}. The answer and its attribution are kept; try again.`;
			return undefined;
		} finally {
			this.preparing = undefined;
		}
	}

	/** Takes the record from a confirmed recordInference(s) (`index`: this answer's place in a batch). */
	takeRecord(hash: Hash, logs: readonly Log[], index = 0): void {
		const recorded = parseEventLogs({ abi: attributionLedgerAbi, eventName: 'InferenceRecorded', logs: [...logs] })[
			index
		];
		if (!recorded) return;
		const { recordId, deadline, answer } = recorded.args;
		this.recorded = {
			recordId,
			hash,
			deadline: Number(deadline),
			evidenceCid: answer.evidenceCid,
			pooled: answer.contributionIds.length === 0
		};
		this.#follow();
	}

	/** Stops following the record (the answer left the page). */
	dispose(): void {
		clearInterval(this.#following);
	}

	#onRecorded(hash: Hash, logs: readonly Log[]) {
		this.takeRecord(hash, logs);
	}

	#follow() {
		clearInterval(this.#following);
		const tick = async () => {
			const recorded = this.recorded;
			if (!recorded) return;
			try {
				const client = readClientOf(this.#config);
				const block = await client.request({ method: 'eth_getBlockByNumber', params: ['latest', false] });
				this.chainNow = Number(BigInt(block!.timestamp));
				this.recordStatus = recorded.pooled ? { kind: 'settled' } : await getRecordStatus(client, recorded);
				if (this.recordStatus.kind === 'settled') clearInterval(this.#following);
			} catch {
				// A missed read is retried on the next tick; the record is on chain whatever the RPC says now.
			}
		};
		void tick();
		this.#following = setInterval(tick, FOLLOW_EVERY_MS);
	}

	#evidence(): InferenceEvidence {
		return inferenceEvidenceOf(this.report!, {
			chainId: this.chainId,
			modelId: this.model.modelId,
			adapterVersion: this.model.adapterVersion,
			adapterCid: this.model.adapterCid
		});
	}

	async #readTerms(): Promise<AttributionTerms> {
		const p = await readProtocolParameters(readClientOf(this.#config));
		return {
			payment: { thresholdBps: p.attributionThresholdBps, maxPaid: p.maxPaidContributions },
			split: { ...p.feeSplit },
			challengeWindow: p.challengeWindow
		};
	}
}
