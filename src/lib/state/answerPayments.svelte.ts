// The answers of registered models on the Models page (chat turns and arena rows), each with its AnswerPayment, and
// paying several in one recordInferences. An answer is tracked once it is complete and its adapter is the current
// adapter of a registered model; answers of catalog adapters or the bare base model are not paid for.
import type { Config } from '@wagmi/core';
import { recordInferences } from '$lib/chain/actions/recordInferences.ts';
import { TransactionFlow } from '$lib/chain/transactions/transactionFlow.svelte.ts';
import { registeredAdapterId } from '$lib/models/registry/registeredAdapter.ts';
import type { RegisteredModelView } from '$lib/models/registry/modelRegistryState.ts';
import { AnswerPayment, type AnsweringModel } from './answerPayment.svelte.ts';
import { modelRegistry } from './modelRegistry.svelte.ts';
import { getWagmiConfig } from '$lib/chain/wagmiConfig.ts';

/** A complete answer the page may pay for. */
export type TrackedAnswer = { adapterId: string | undefined; prompt: string; answer: string; answeredAt: number };

export class AnswerPayments {
	/** By the answer object (a chat turn or an arena row). */
	#byAnswer = $state.raw(new Map<object, AnswerPayment>());
	batchError = $state<string>();
	batchPreparing = $state(false);
	readonly batchTx: TransactionFlow;
	#batch: AnswerPayment[] = [];
	readonly #config: Config;

	constructor(config: Config) {
		this.#config = config;
		this.batchTx = new TransactionFlow(config, {
			onConfirmed: (hash) =>
				this.#batch.forEach((payment, index) => payment.takeRecord(hash, this.batchTx.logs ?? [], index))
		});
	}

	/** The payment of `answer`, when it is tracked. */
	of(answer: object): AnswerPayment | undefined {
		return this.#byAnswer.get(answer);
	}

	/** Every answer attributed and not yet recorded. */
	get unpaid(): AnswerPayment[] {
		return [...this.#byAnswer.values()].filter((p) => p.payable);
	}

	/**
	 * Starts attributing `answer` (key: the chat turn or arena row it belongs to) when a registered model gave it;
	 * returns its payment, or undefined for an answer nobody is paid for.
	 */
	track(key: object, answer: TrackedAnswer): AnswerPayment | undefined {
		const existing = this.#byAnswer.get(key);
		if (existing) return existing;
		const model = answer.adapterId ? answeringModel(answer.adapterId) : undefined;
		if (!model || !answer.answer.trim()) return undefined;
		const payment = new AnswerPayment(this.#config, model, answer);
		this.#byAnswer = new Map(this.#byAnswer).set(key, payment);
		void payment.attribute();
		return payment;
	}

	/** Forgets answers no longer on the page (a cleared chat, a new arena round). */
	keepOnly(keys: readonly object[]): void {
		const keep = new Set(keys);
		const next = new Map<object, AnswerPayment>();
		for (const [key, payment] of this.#byAnswer)
			if (keep.has(key) || payment.tx.busy) next.set(key, payment);
			else payment.dispose();
		this.#byAnswer = next;
	}

	/** Pays every unpaid answer in one recordInferences (each prepared as alone: evidence pinned, fee read). */
	async payAll(): Promise<void> {
		const batch = this.unpaid;
		if (batch.length === 0) return;
		this.batchError = undefined;
		this.batchPreparing = true;
		try {
			const prepared = [];
			for (const payment of batch) {
				const ready = await payment.prepare();
				if (!ready) {
					this.batchError = `${payment.model.name}'s answer needs your attention first (${payment.notice ?? payment.error ?? 'see it above'}).`;
					return;
				}
				prepared.push(ready);
			}
			this.#batch = batch;
			await this.batchTx.review(recordInferences(this.#config.chains[0].id, { answers: prepared }));
		} finally {
			this.batchPreparing = false;
		}
	}
}

/** The registered model whose current adapter is `adapterId`, as the page loaded it. */
function answeringModel(adapterId: string): AnsweringModel | undefined {
	for (const model of modelRegistry.state?.models ?? []) {
		const adapter = model.currentAdapter;
		if (!adapter || model.retired || registeredAdapterId(adapter) !== adapterId) continue;
		return answeringModelOf(model, adapter);
	}
	return undefined;
}

function answeringModelOf(
	model: RegisteredModelView,
	adapter: NonNullable<RegisteredModelView['currentAdapter']>
): AnsweringModel {
	return {
		modelId: model.id,
		adapterVersion: adapter.version,
		adapterCid: adapter.adapterCid,
		baseModelId: model.baseModelId,
		name: modelRegistry.nameOf(model),
		fee: model.inferenceFee
	};
}

const shared = new Map<'chat' | 'arena', AnswerPayments>();

/** The answers of the chat or of the arena, made on first use (the wagmi config needs the browser). */
export function answerPayments(where: 'chat' | 'arena'): AnswerPayments {
	let payments = shared.get(where);
	if (!payments) shared.set(where, (payments = new AnswerPayments(getWagmiConfig())));
	return payments;
}
