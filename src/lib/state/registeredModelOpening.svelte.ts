// Opening a registered model in the chat or the arena: its base must be the base model the page has loaded (checked
// before anything is fetched), then its current adapter is fetched by CID and loaded by the inference worker, which
// refuses weights whose SHA-256 is not the one on chain. Each model's outcome is kept for its card to show.
import { checkRegisteredBase } from '$lib/models/registry/registeredBase.ts';
import { registeredAdapterId, registeredAdapterIntegrity } from '$lib/models/registry/registeredAdapter.ts';
import type { RegisteredModelView } from '$lib/models/registry/modelRegistryState.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';
import { openLora } from './openLora.svelte.ts';

/** Where a registered model is opened. */
export type OpenTarget = 'chat' | 'arena';

/** A model's last open: under way, refused (with the reason), or open under an adapter id. */
export type OpenStatus =
	{ kind: 'opening' } | { kind: 'refused'; message: string } | { kind: 'open'; adapterId: string };

export class RegisteredModelOpening {
	status = $state.raw<ReadonlyMap<string, OpenStatus>>(new Map());

	/** Whether `modelId` is being opened now. */
	busy(modelId: string): boolean {
		return this.status.get(modelId)?.kind === 'opening';
	}

	/** Opens `model`'s current adapter in `target` under `name`; resolves to whether it opened (the reason is kept). */
	async open(model: RegisteredModelView, name: string, target: OpenTarget): Promise<boolean> {
		if (this.busy(model.id)) return false;
		this.#set(model.id, { kind: 'opening' });
		try {
			const adapter = model.currentAdapter;
			if (!adapter) throw new Error(`Model #${model.id} has no adapter published yet; there is nothing to run.`);
			const loaded = openLora.model?.modelId;
			if (!loaded || openLora.opening) throw new Error('The base model is still opening; try again once it is loaded.');
			checkRegisteredBase(model, loaded);
			const id = registeredAdapterId(adapter);
			await openLora.addRegisteredAdapter(
				id,
				adapter.adapterCid,
				{ name, description: `Registered model #${model.id}, adapter version ${adapter.version}, from IPFS` },
				registeredAdapterIntegrity(model, adapter)
			);
			if (target === 'chat') openLora.chatAdapterId = id;
			else openLora.chooseForArena(id);
			this.#set(model.id, { kind: 'open', adapterId: id });
			return true;
		} catch (error) {
			this.#set(model.id, { kind: 'refused', message: errorMessage(error) });
			return false;
		}
	}

	#set(modelId: string, status: OpenStatus) {
		const next = new Map(this.status);
		next.set(modelId, status);
		this.status = next;
	}
}

export const registeredModelOpening = new RegisteredModelOpening();
