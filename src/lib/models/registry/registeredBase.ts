// A registered model's adapter only fits the base model it was trained on. The chain records that base (a name,
// an IPFS CID or both); before anything is fetched, the page compares it with the base model it has loaded and
// refuses the model with both names, as the adapter loader refuses a PEFT folder made for another model.
import { AdapterMismatchError, sameBaseModelId } from '../../../../workers/ml/model/parsePeftAdapter.ts';
import type { RegisteredModelView } from './modelRegistryState.ts';

type RegisteredBase = Pick<RegisteredModelView, 'id' | 'baseModelId' | 'baseModelCid'>;

/** The registered base model in words: its name, else `ipfs://<cid>` (how the page names a model opened by CID). */
export function registeredBaseLabel(model: Pick<RegisteredModelView, 'baseModelId' | 'baseModelCid'>): string {
	return model.baseModelId || `ipfs://${model.baseModelCid}`;
}

/** Whether `loadedModelId` (the page's open model: a catalog id, a folder URL or `ipfs://<cid>`) is `model`'s base. */
export function isRegisteredBase(model: RegisteredBase, loadedModelId: string): boolean {
	const byId = model.baseModelId !== '' && sameBaseModelId(model.baseModelId, loadedModelId);
	const byCid = model.baseModelCid !== '' && loadedModelId.replace(/\/+$/, '') === `ipfs://${model.baseModelCid}`;
	return byId || byCid;
}

/**
 * Throws {@link AdapterMismatchError} (field `baseModelId`) unless `loadedModelId` is `model`'s registered base.
 *
 * @example
 * checkRegisteredBase(model, openLora.model.modelId);
 */
export function checkRegisteredBase(model: RegisteredBase, loadedModelId: string): void {
	if (isRegisteredBase(model, loadedModelId)) return;
	const base = registeredBaseLabel(model);
	throw new AdapterMismatchError(
		`Model #${model.id} was trained on the base model "${base}" (as the ModelRegistry records it), but this page has ` +
			`"${loadedModelId}" loaded. Open ${base} under Base model first, then open model #${model.id} again.`,
		{ field: 'baseModelId' }
	);
}
