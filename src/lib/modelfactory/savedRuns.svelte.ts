// The unfinished fine-tune runs this browser holds for the connected account on this chain, so the page can
// offer them on return; and deleting one the user gives up on.
import { errorMessage } from '../../../workers/shared/errors/errorMessage.ts';
import { openCheckpointStore, type CheckpointStore, type FineTuneRun, type RunScope } from './checkpointStore.ts';

export class SavedRuns {
	runs = $state.raw<FineTuneRun[]>([]);
	storeKind = $state<CheckpointStore['kind']>();
	error = $state<string>();

	#store: Promise<CheckpointStore> | undefined;

	#open(): Promise<CheckpointStore> {
		this.#store ??= openCheckpointStore().then((store) => {
			this.storeKind = store.kind;
			return store;
		});
		return this.#store;
	}

	/** Lists the scope's unfinished runs. */
	async load(scope: RunScope): Promise<void> {
		try {
			this.runs = await (await this.#open()).listUnfinished(scope);
			this.error = undefined;
		} catch (error) {
			this.error = `Saved runs could not be read from this browser: ${errorMessage(error)}`;
		}
	}

	/** Deletes a run and its checkpoints from this browser. */
	async remove(run: FineTuneRun, scope: RunScope): Promise<void> {
		try {
			await (await this.#open()).delete(run.key);
			await this.load(scope);
		} catch (error) {
			this.error = `The run could not be deleted: ${errorMessage(error)}`;
		}
	}
}
