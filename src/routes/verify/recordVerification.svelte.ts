// The verify page's state: which record(s) the URL names, what each is checked against, the verification in progress
// (its step in words) and its verdict. A newer lookup or check makes an older one's results stale, so they are dropped.
import type { Config } from '@wagmi/core';
import { readClientOf } from '$lib/chain/actions/readClient.ts';
import type { InferenceRecord } from '$lib/chain/actions/getInferenceRecords.ts';
import type { InferenceEvidence } from '$lib/attribution/inferenceEvidence.ts';
import type { InferenceVerdict } from '$lib/attribution/verifyInference.ts';
import {
	recordContext,
	recordsOf,
	verifyRecordInPage,
	type RecordContext,
	type RecordLookup
} from '$lib/attribution/verifyRecordInPage.ts';

export type VerificationPhase = 'idle' | 'reading' | 'choose' | 'verifying' | 'done' | 'failed';

export class RecordVerification {
	#phase = $state<VerificationPhase>('idle');
	#records = $state.raw<InferenceRecord[]>([]);
	#context = $state.raw<RecordContext>();
	#progress = $state('');
	#verdict = $state.raw<InferenceVerdict>();
	#copyName = $state<string>();
	#error = $state.raw<unknown>();
	#run = 0;

	get phase() {
		return this.#phase;
	}
	/** The records the lookup found (several when a transaction recorded a batch). */
	get records() {
		return this.#records;
	}
	get context() {
		return this.#context;
	}
	get progress() {
		return this.#progress;
	}
	get verdict() {
		return this.#verdict;
	}
	/** The file name of the evidence copy checked, when a copy was. */
	get copyName() {
		return this.#copyName;
	}
	get error() {
		return this.#error;
	}

	/** Reads the record(s) `lookup` names; one record is verified at once. */
	async load(config: Config, lookup: RecordLookup): Promise<void> {
		const run = ++this.#run;
		this.#reset('reading');
		this.#progress = 'Reading the record from the chain…';
		try {
			const records = await recordsOf(readClientOf(config), lookup);
			if (run !== this.#run) return;
			this.#records = records;
			if (records.length === 1) await this.#check(config, records[0]!, run);
			else this.#phase = 'choose';
		} catch (error) {
			if (run === this.#run) this.#fail(error);
		}
	}

	/** Checks the loaded record against a copy of its evidence (from a file) instead of the CID's. */
	async checkCopy(config: Config, copy: InferenceEvidence, name: string): Promise<void> {
		const record = this.#context?.record;
		if (!record) return;
		const run = ++this.#run;
		await this.#check(config, record, run, { copy, name });
	}

	async #check(config: Config, record: InferenceRecord, run: number, copy?: { copy: InferenceEvidence; name: string }) {
		this.#verdict = undefined;
		this.#error = undefined;
		this.#copyName = copy?.name;
		this.#phase = 'verifying';
		try {
			this.#progress = 'Reading the model, its adapter release and the rules at the record’s block…';
			const context =
				this.#context?.record === record ? this.#context : await recordContext(readClientOf(config), record);
			if (run !== this.#run) return;
			this.#context = context;
			const verdict = await verifyRecordInPage(context, {
				chainId: config.chains[0].id,
				copy: copy?.copy,
				onProgress: (text) => {
					if (run === this.#run) this.#progress = text;
				}
			});
			if (run !== this.#run) return;
			this.#verdict = verdict;
			this.#phase = 'done';
		} catch (error) {
			if (run === this.#run) this.#fail(error);
		}
	}

	#reset(phase: VerificationPhase) {
		this.#phase = phase;
		this.#records = [];
		this.#context = undefined;
		this.#verdict = undefined;
		this.#copyName = undefined;
		this.#error = undefined;
	}

	#fail(error: unknown) {
		this.#error = error;
		this.#phase = 'failed';
	}
}
