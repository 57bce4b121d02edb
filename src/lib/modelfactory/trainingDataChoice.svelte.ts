// The data step's state: the chosen versions (one per datanet) and each one's records as they load from IPFS,
// with progress, counts, or the error and what to do. Choosing another version of a datanet stops the load of
// the one it replaces.
import { datanetById, type DatanetState } from '../datanets/state/datanetState.ts';
import { ipfsNode } from '../state/ipfsNode.svelte.ts';
import { loadTrainingVersion, type TrainingDataProgress, type TrainingVersionData } from './loadTrainingVersion.ts';
import { addRecordCounts, type TrainingRecordCounts } from './trainingRecordCounts.ts';
import { chooseVersion, type DatanetOption, type VersionRef } from './trainingVersions.ts';

/** How far one chosen version has loaded. */
export type VersionLoad =
	| { status: 'loading'; progress?: TrainingDataProgress }
	| { status: 'ready'; data: TrainingVersionData }
	| { status: 'error'; error: unknown };

/** How the page names a version in messages: `version 2 of “Contract law”`. */
export const versionLabel = (version: number, name: string) => `version ${version} of “${name}”`;

export class TrainingDataChoice {
	selection = $state.raw<VersionRef[]>([]);
	/** By datanet id. */
	loads = $state.raw<ReadonlyMap<string, VersionLoad>>(new Map());

	#aborts = new Map<string, AbortController>();

	/** Sets `datanet` to `version` (undefined: not used) and loads its records. A refused licence is never chosen. */
	choose(datanet: DatanetOption, version: number | undefined, state: DatanetState): void {
		if (version !== undefined && !datanet.verdict.allowed) return;
		this.selection = chooseVersion(this.selection, datanet, version);
		this.#aborts.get(datanet.datanetId)?.abort();
		this.#aborts.delete(datanet.datanetId);
		const ref = this.selection.find((r) => r.datanetId === datanet.datanetId);
		if (!ref) return this.#setLoad(datanet.datanetId, undefined);
		void this.#load(ref, datanet.name, state);
	}

	/** Loads a chosen version again (after an error). */
	retry(datanet: DatanetOption, state: DatanetState): void {
		const ref = this.selection.find((r) => r.datanetId === datanet.datanetId);
		if (ref) void this.#load(ref, datanet.name, state);
	}

	async #load(ref: VersionRef, name: string, state: DatanetState): Promise<void> {
		const abort = new AbortController();
		this.#aborts.set(ref.datanetId, abort);
		this.#setLoad(ref.datanetId, { status: 'loading' });
		const label = versionLabel(ref.version, name);
		try {
			const version = datanetById(state, ref.datanetId)?.versions.find((v) => v.version === ref.version);
			if (!version)
				throw new Error(`The chain state has no ${label}; wait for the page to sync, then choose it again.`);
			const helia = await ipfsNode.ready();
			const data = await loadTrainingVersion(
				helia,
				ref,
				{ label, version, contributions: state.contributions },
				{
					signal: abort.signal,
					onProgress: (progress) => {
						if (!abort.signal.aborted) this.#setLoad(ref.datanetId, { status: 'loading', progress });
					}
				}
			);
			if (!abort.signal.aborted) this.#setLoad(ref.datanetId, { status: 'ready', data });
		} catch (error) {
			if (!abort.signal.aborted) this.#setLoad(ref.datanetId, { status: 'error', error });
		}
	}

	#setLoad(datanetId: string, load: VersionLoad | undefined): void {
		const next = new Map(this.loads);
		if (load) next.set(datanetId, load);
		else next.delete(datanetId);
		this.loads = next;
	}

	/** Every chosen version loaded, and at least one chosen. */
	get ready(): boolean {
		return (
			this.selection.length > 0 && this.selection.every((ref) => this.loads.get(ref.datanetId)?.status === 'ready')
		);
	}

	/** The loaded versions' counts added up. */
	get totals(): TrainingRecordCounts {
		return addRecordCounts(
			this.selection.flatMap((ref) => {
				const load = this.loads.get(ref.datanetId);
				return load?.status === 'ready' ? [load.data.counts] : [];
			})
		);
	}
}
