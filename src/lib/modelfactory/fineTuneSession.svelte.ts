// The train step's state: one fine-tune in the training worker, from the measured estimate to the finished folder.
// Every checkpoint the worker reports is written to the checkpoint store before anything else happens, so a closed
// tab, a reload or a lost GPU resumes from it; pause aborts the call (the worker saves a checkpoint first), cancel
// also deletes the run. A NaN, an out-of-memory or a lost device stops the run at its last good checkpoint with the
// worker's advice, and the run can be resumed (with other settings when the advice says so, as a new run).
import { createProgressMeter, type ProgressMeter } from '$workers/shared/progress/downloadProgress.ts';
import { trainingWorker } from '../bridges/trainingBridge.ts';
import type {
	FineTuneEvent,
	FineTuneOutcome,
	FineTuneRequest,
	PreparedReport
} from '../../../workers/training.worker.ts';
import type { FolderSource } from '../../../workers/ml/model/folderSource.ts';
import type { FineTuneProgress } from '../../../workers/ml/factory/runFineTune.ts';
import type { StepTimeMeasurement } from '../../../workers/ml/factory/measureStepTime.ts';
import { NonFiniteLossError } from '../../../workers/ml/factory/errors.ts';
import { errorMessage } from '../../../workers/shared/errors/errorMessage.ts';
import type { LossPoint } from '../components/charts/lossSeries.ts';
import {
	openCheckpointStore,
	runKey,
	type CheckpointStore,
	type FineTuneRun,
	type Publication,
	type RunScope
} from './checkpointStore.ts';
import type { VersionRef } from './trainingVersions.ts';

/** Where the session is. */
export type SessionStatus =
	'idle' | 'measuring' | 'training' | 'pausing' | 'paused' | 'evaluating' | 'finished' | 'stopped';

/** What a run trains: the worker's request (its model read on demand), and what the store keeps to offer it again. */
export type SessionInputs = {
	scope: RunScope;
	baseModel: { address: string; label: string };
	data: readonly VersionRef[];
	/** The model folder as the worker reads it (an IPFS folder is read by the page first). */
	model: () => Promise<FolderSource>;
	request: Omit<FineTuneRequest, 'model'>;
};

async function requestOf(inputs: SessionInputs): Promise<FineTuneRequest> {
	return { ...inputs.request, model: await inputs.model() };
}

type StepReport = Extract<FineTuneProgress, { kind: 'step' }>;

export class FineTuneSession {
	status = $state<SessionStatus>('idle');
	measurement = $state.raw<StepTimeMeasurement>();
	prepared = $state.raw<PreparedReport>();
	latest = $state.raw<StepReport>();
	/** The last validation loss and its step. */
	validation = $state.raw<{ step: number; loss: number }>();
	checkpointStep = $state<number>();
	/** Building the attribution artifacts after evaluation: the stage, gradients done of total, and the ETA. */
	attribution = $state.raw<{ stage: 'spans' | 'gradients'; done: number; total: number; etaSeconds?: number }>();
	#attributionMeter: ProgressMeter | undefined;
	outcome = $state.raw<Extract<FineTuneOutcome, { kind: 'finished' }>>();
	error = $state<string>();
	/** A NaN's suggested learning rate, for a "Try again with …" button. */
	suggestedLearningRate = $state<number>();
	runId = $state<string>();

	/** The run's loss log, as the chart takes it (appended as points arrive). */
	points = $state<LossPoint[]>([]);
	#abort: AbortController | undefined;
	#cancelled = false;
	#store: Promise<CheckpointStore> | undefined;
	#run: FineTuneRun | undefined;

	#openStore(): Promise<CheckpointStore> {
		this.#store ??= openCheckpointStore();
		return this.#store;
	}

	/** Runs a few real steps of `inputs` to show time per step and the total before training. */
	async measure(inputs: SessionInputs): Promise<void> {
		this.#begin('measuring');
		const abort = (this.#abort = new AbortController());
		try {
			const measured = await trainingWorker.call(
				'measure',
				{ signal: abort.signal, onProgress: (event) => this.#onEvent(event) },
				await requestOf(inputs)
			);
			this.measurement = measured;
			this.prepared = measured.prepared;
			this.status = 'idle';
		} catch (error) {
			this.status = 'idle';
			if (!(error instanceof Error && error.name === 'AbortError')) this.error = errorMessage(error);
		}
	}

	/** Starts a new run, or resumes `resume` (a run from the store) from its checkpoint. */
	async train(inputs: SessionInputs, resume?: FineTuneRun): Promise<void> {
		this.#begin('training');
		this.#cancelled = false;
		const store = await this.#openStore();
		const now = Date.now();
		const runId = resume?.runId ?? crypto.randomUUID();
		this.runId = runId;
		this.#run = resume ?? {
			key: runKey({ ...inputs.scope, runId }),
			chainId: inputs.scope.chainId,
			account: inputs.scope.account?.toLowerCase(),
			runId,
			baseModel: inputs.baseModel,
			data: [...inputs.data],
			settings: inputs.request.settings,
			lossLog: [],
			status: 'training',
			createdAt: now,
			updatedAt: now
		};
		// Steps logged after the checkpoint are run again, so their points go.
		const from = resume?.checkpoint?.step ?? 0;
		this.points = this.#run.lossLog.filter((point) => point.step <= from);
		await store.put({ ...this.#stored(), status: 'training', updatedAt: now });
		const abort = (this.#abort = new AbortController());
		try {
			const request = await requestOf(inputs);
			if (resume?.checkpoint) request.resumeFrom = resume.checkpoint.bytes;
			const outcome = await trainingWorker.call(
				'fineTune',
				{ signal: abort.signal, onProgress: (event) => this.#onEvent(event) },
				request
			);
			await this.#settle(outcome);
		} catch (error) {
			await this.#fail(error);
		}
	}

	/** Resumes this session's own paused or stopped run from its last checkpoint. */
	async resumeCurrent(inputs: SessionInputs): Promise<void> {
		const run = this.#run;
		if (run?.checkpoint) await this.train(inputs, run);
		else await this.train(inputs);
	}

	/**
	 * Shows a saved run that finished training but is not registered yet: its evaluation and loss log come back and
	 * step 6 continues its publication from where it stopped (nothing is trained again).
	 */
	openTrained(run: FineTuneRun): void {
		if (!run.trained) return;
		this.#begin('idle');
		this.#run = run;
		this.runId = run.runId;
		this.points = [...run.lossLog];
		this.outcome = { kind: 'finished', ...run.trained };
		this.status = 'finished';
	}

	/** The finished run this session shows (its data versions, base model and publication so far). */
	get run(): FineTuneRun | undefined {
		return this.status === 'finished' ? this.#run : undefined;
	}

	/** Saves how far publishing the finished run got; a no-op when no run is finished here. */
	async savePublication(publication: Publication | undefined): Promise<void> {
		if (!this.#run || this.status !== 'finished') return;
		this.#run = { ...this.#run, publication, updatedAt: Date.now() };
		await (await this.#openStore()).put(this.#run);
	}

	/** Pauses after the worker saves a checkpoint. */
	pause(): void {
		if (this.status !== 'training') return;
		this.status = 'pausing';
		this.#abort?.abort();
	}

	/** Stops the run and deletes it and its checkpoints from this browser. */
	async cancel(): Promise<void> {
		this.#cancelled = true;
		this.#abort?.abort();
		if (this.#run) await (await this.#openStore()).delete(this.#run.key);
		this.#run = undefined;
		this.#begin('idle');
	}

	#begin(status: SessionStatus): void {
		this.status = status;
		this.error = undefined;
		this.suggestedLearningRate = undefined;
		if (status === 'training' || status === 'idle') {
			this.outcome = undefined;
			this.latest = undefined;
			this.validation = undefined;
			this.checkpointStep = undefined;
			this.points = [];
		}
		this.attribution = undefined;
		this.#attributionMeter = undefined;
	}

	#onEvent(event: FineTuneEvent): void {
		switch (event.kind) {
			case 'prepared':
				this.prepared = event;
				return;
			case 'step':
				this.latest = event;
				this.#point({ step: event.step, trainLoss: event.loss });
				return;
			case 'validation':
				this.validation = { step: event.step, loss: event.loss };
				this.#point({ step: event.step, validationLoss: event.loss });
				return;
			case 'checkpoint':
				void this.#saveCheckpoint(event.step, event.bytes);
				return;
			case 'evaluating':
				this.status = 'evaluating';
				return;
			case 'attribution': {
				if (event.stage === 'gradients')
					this.#attributionMeter ??= createProgressMeter('gradient sketches', event.total);
				const eta = event.stage === 'gradients' ? this.#attributionMeter!.update(event.done).etaSeconds : undefined;
				this.attribution = {
					stage: event.stage,
					done: event.done,
					total: event.total,
					...(eta !== undefined ? { etaSeconds: eta } : {})
				};
				return;
			}
		}
	}

	#point(point: LossPoint): void {
		this.points.push(point);
	}

	// Saves are chained, so an older checkpoint can never overwrite a newer one.
	#saving: Promise<void> = Promise.resolve();
	#saveCheckpoint(step: number, bytes: Uint8Array): Promise<void> {
		this.#saving = this.#saving.then(async () => {
			if (!this.#run || this.#cancelled) return;
			this.#run = { ...this.#run, checkpoint: { step, bytes }, updatedAt: Date.now() };
			await (await this.#openStore()).put(this.#stored());
			this.checkpointStep = step;
		});
		return this.#saving;
	}

	async #settle(outcome: FineTuneOutcome): Promise<void> {
		await this.#saving;
		if (this.#cancelled) return;
		if (outcome.kind === 'paused') {
			await this.#setRunStatus('paused');
			this.status = 'paused';
			return;
		}
		this.outcome = outcome;
		const { kind: _finished, ...trained } = outcome;
		// Kept until the model is registered: a reload or a refused signature must not cost the training.
		if (this.#run) this.#run = { ...this.#run, trained };
		await this.#setRunStatus('finished');
		this.status = 'finished';
	}

	async #fail(error: unknown): Promise<void> {
		await this.#saving;
		if (this.#cancelled) return;
		this.error = errorMessage(error);
		if (error instanceof NonFiniteLossError) this.suggestedLearningRate = error.suggestedLearningRate;
		await this.#setRunStatus('stopped', this.error);
		this.status = 'stopped';
	}

	/** The run as the store keeps it, its loss log taken from the chart's points (a plain copy, for IndexedDB). */
	#stored(): FineTuneRun {
		this.#run = { ...this.#run!, lossLog: $state.snapshot(this.points) };
		return this.#run;
	}

	async #setRunStatus(status: FineTuneRun['status'], error?: string): Promise<void> {
		if (!this.#run) return;
		// A stored error belongs to the stop it explains: a run that goes on (or finishes) drops it.
		const { error: _previous, ...run } = this.#run;
		this.#run = { ...run, status, ...(error ? { error } : {}), updatedAt: Date.now() };
		await (await this.#openStore()).put(this.#stored());
	}
}
