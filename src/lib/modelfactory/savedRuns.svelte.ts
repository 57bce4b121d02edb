// The unfinished fine-tune runs this browser holds for the connected account on this chain (training to resume, or
// a trained adapter to publish), so the page can offer them on return; and deleting one the user gives up on.
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

	/**
	 * Lists the scope's unfinished runs, and with an account, also the runs started here before any wallet was
	 * connected (they belong to no account, and whoever trains in this browser may publish them).
	 */
	async load(scope: RunScope): Promise<void> {
		try {
			const store = await this.#open();
			const own = await store.listUnfinished(scope);
			const unowned = scope.account ? await store.listUnfinished({ chainId: scope.chainId, account: undefined }) : [];
			this.runs = [...own, ...unowned].sort((a, b) => b.updatedAt - a.updatedAt);
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
