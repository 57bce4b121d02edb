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

/**
 * The catalog's URL on this site; the paths in it are relative to it (e.g. `provena-tiny/adapters/weather`).
 *
 * @example
 * const url = catalogUrl(base, location.origin);
 * const modelUrl = new URL(`${model.path}/`, url).href;
 */
export function catalogUrl(base: string, origin: string): string {
	return new URL(`${base}/models/index.json`, origin).href;
}

/**
 * A catalog path as a folder URL (ending in '/', so file names resolve inside it).
 *
 * @example
 * folderUrlOf('provena-tiny', catalogUrl(base, location.origin)); // 'http://…/models/provena-tiny/'
 */
export function folderUrlOf(path: string, catalog: string): string {
	return new URL(path.endsWith('/') ? path : `${path}/`, catalog).href;
}
