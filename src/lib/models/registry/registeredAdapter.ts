// How the page names a registered model's adapter to the inference engine: fetched by its CID (the add-by-CID
// path), checked against the SHA-256 the chain records. The hash is part of the id, so a copy verified for one
// registration never stands in, from a GPU slot or the device cache, for another that claims other bytes.
import type { AdapterIntegrity } from '../../../../workers/ml/serving/adapterIntegrity.ts';
import type { AdapterVersionView, RegisteredModelView } from './modelRegistryState.ts';

/** The engine id of an adapter version: `ipfs://<cid>#sha256=<hash>`. */
export function registeredAdapterId(adapter: Pick<AdapterVersionView, 'adapterCid' | 'adapterHash'>): string {
	return `ipfs://${adapter.adapterCid}#sha256=${adapter.adapterHash.toLowerCase()}`;
}

/** What the adapter's weights must hash to, and who says so. */
export function registeredAdapterIntegrity(
	model: Pick<RegisteredModelView, 'id'>,
	adapter: Pick<AdapterVersionView, 'version' | 'adapterHash'>
): AdapterIntegrity {
	return {
		sha256: adapter.adapterHash,
		recordedBy: `the ModelRegistry (model #${model.id}, adapter version ${adapter.version})`
	};
}
