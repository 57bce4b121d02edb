// OpenLoRA's middle tier: adapter files kept in the browser between visits (IndexedDB through `idb`), so an
// adapter fetched once from IPFS or a URL loads from disk afterwards. When IndexedDB is blocked (private windows)
// the files are kept in memory for the session instead, and the cache says so.
import { openDB, type IDBPDatabase } from 'idb';

/** An adapter's files by name (adapter_config.json, adapter_model.safetensors). */
export type AdapterFiles = Record<string, Uint8Array>;

/** Where adapter files are kept between loads. */
export type AdapterFileCache = {
	/** 'indexeddb', or 'memory' when IndexedDB could not be opened (with the reason). */
	readonly kind: 'indexeddb' | 'memory';
	readonly unavailableReason?: string;
	get(adapterId: string): Promise<AdapterFiles | undefined>;
	put(adapterId: string, files: AdapterFiles): Promise<void>;
	delete(adapterId: string): Promise<void>;
	/** Ids of the cached adapters. */
	keys(): Promise<string[]>;
};

/**
 * A cache that lives only as long as the page: the fallback without IndexedDB, and the Node tests' cache.
 *
 * @example
 * const cache = memoryAdapterFileCache('IndexedDB is blocked in this window.');
 */
export function memoryAdapterFileCache(unavailableReason?: string): AdapterFileCache {
	const entries = new Map<string, AdapterFiles>();
	return {
		kind: 'memory',
		...(unavailableReason ? { unavailableReason } : {}),
		get: async (id) => entries.get(id),
		put: async (id, files) => void entries.set(id, files),
		delete: async (id) => void entries.delete(id),
		keys: async () => [...entries.keys()]
	};
}

const STORE = 'adapters';

/**
 * The IndexedDB cache (database `provena-adapters`), or the memory cache when IndexedDB cannot be opened.
 *
 * @example
 * const cache = await openAdapterFileCache(self.indexedDB);
 */
export async function openAdapterFileCache(factory: IDBFactory | undefined): Promise<AdapterFileCache> {
	if (!factory) return memoryAdapterFileCache('This browser has no IndexedDB here; adapters are kept until the page closes.');
	let db: IDBPDatabase;
	try {
		db = await openDB('provena-adapters', 1, {
			upgrade(database) {
				database.createObjectStore(STORE);
			}
		});
	} catch (error) {
		return memoryAdapterFileCache(
			`IndexedDB is blocked (${error instanceof Error ? error.message : String(error)}); adapters are kept until the page closes.`
		);
	}
	return {
		kind: 'indexeddb',
		get: async (id) => (await db.get(STORE, id)) as AdapterFiles | undefined,
		put: async (id, files) => void (await db.put(STORE, files, id)),
		delete: async (id) => db.delete(STORE, id),
		keys: async () => (await db.getAllKeys(STORE)).map(String)
	};
}
