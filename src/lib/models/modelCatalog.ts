// The models the site ships (static/models/index.json, written by `provena make-model`): the default base model
// and its demo adapters, with folder paths relative to the site. Users add more by URL or IPFS CID on the page.

/** An adapter the catalog lists. */
export type CatalogAdapter = { id: string; name: string; path: string; description: string; domain?: string };

/** A base model the catalog lists, with its adapters. */
export type CatalogModel = { id: string; name: string; path: string; description: string; adapters: CatalogAdapter[] };

/** static/models/index.json. */
export type ModelCatalog = { models: CatalogModel[] };

/**
 * Reads and checks the catalog at `url`; throws with a message saying what is wrong with it.
 *
 * @example
 * const catalog = await fetchModelCatalog(`${base}/models/index.json`);
 */
export async function fetchModelCatalog(url: string, fetcher: typeof fetch = fetch): Promise<ModelCatalog> {
	const response = await fetcher(url);
	if (!response.ok) throw new Error(`The model list (${url}) could not be loaded (HTTP ${response.status}). Reload the page.`);
	const json = (await response.json()) as unknown;
	const models = (json as { models?: unknown })?.models;
	if (!Array.isArray(models) || models.some((m) => typeof m?.id !== 'string' || typeof m?.path !== 'string' || !Array.isArray(m?.adapters)))
		throw new Error(`The model list (${url}) is malformed: each model needs an id, a path and an adapters list.`);
	return { models: models as CatalogModel[] };
}
