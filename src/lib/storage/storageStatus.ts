// Whether this browser can keep Provena's data: the storage quota, whether storage is persistent (not evicted
// under pressure), and whether IndexedDB opens at all (private windows may block it).

export type StorageStatus = {
	indexedDb: { available: true } | { available: false; reason: string };
	/** What this site stores against what the browser lets it store, or undefined where the browser will not say. */
	use: StorageUse | undefined;
	persisted: boolean | undefined;
};

/** This site's storage as the page shows it: bytes used and free out of its quota, and where the bytes are. */
export type StorageUse = {
	/** Bytes this site (origin) stores: IndexedDB (IPFS blocks, drafts, models), caches, service workers. */
	used: number;
	/** Bytes the browser lets this site store in all (a share of the free disk, not the disk's size). */
	quota: number;
	/** `quota - used`, never below 0. */
	free: number;
	/** `used / quota`, from 0 to 1 (0 when the quota is 0). */
	fraction: number;
	/** Chromium's per-kind split (non-standard `usageDetails`), largest first; empty elsewhere. */
	byKind: { kind: string; bytes: number }[];
	/** Less than {@link LOW_STORAGE_BYTES} free: a model or a large datanet version may not fit. */
	low: boolean;
};

/** Free space under which the page warns: a base model with its adapters takes a few hundred MiB. */
export const LOW_STORAGE_BYTES = 512 * 1024 * 1024;

const kindNames: Record<string, string> = {
	indexedDB: 'IndexedDB',
	caches: 'Cache storage',
	serviceWorkerRegistrations: 'Service workers',
	fileSystem: 'File system'
};

/**
 * Reads a StorageManager estimate. `usage` and `quota` are this origin's, in bytes; a browser may leave either out
 * (then there is nothing reliable to show) or round them (Chromium pads cross-origin responses).
 *
 * @example
 * describeStorageUse({ usage: 5 * 2 ** 20, quota: 2 ** 30 }); // { used: 5 MiB, free: 1019 MiB, fraction: ~0.005, … }
 */
export function describeStorageUse(estimate: StorageEstimate | undefined): StorageUse | undefined {
	const used = estimate?.usage;
	const quota = estimate?.quota;
	if (!isBytes(used) || !isBytes(quota)) return undefined;
	const details = (estimate as { usageDetails?: Record<string, unknown> }).usageDetails ?? {};
	const byKind = Object.entries(details)
		.filter((entry): entry is [string, number] => isBytes(entry[1]) && entry[1] > 0)
		.map(([kind, bytes]) => ({ kind: kindNames[kind] ?? kind, bytes }))
		.sort((a, b) => b.bytes - a.bytes);
	const free = Math.max(0, quota - used);
	return { used, quota, free, fraction: quota > 0 ? Math.min(1, used / quota) : 0, byKind, low: free < LOW_STORAGE_BYTES };
}

function isBytes(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Opens (and deletes) a throwaway IndexedDB database to learn whether IndexedDB works here. */
export async function probeIndexedDb(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<StorageStatus['indexedDb']> {
	const reason =
		'IndexedDB is blocked in this browser (private browsing, or site data disabled). Datasets, adapters and IPFS blocks cannot be stored: use a normal window and allow site data for this page.';
	if (!factory) return { available: false, reason };
	return new Promise((resolve) => {
		try {
			const request = factory.open('provena-probe');
			request.onsuccess = () => {
				request.result.close();
				factory.deleteDatabase('provena-probe');
				resolve({ available: true });
			};
			request.onerror = () => resolve({ available: false, reason });
			request.onblocked = () => resolve({ available: false, reason });
		} catch {
			resolve({ available: false, reason });
		}
	});
}

/** Reads this site's usage and quota, and whether its storage is persistent, from the StorageManager. */
export async function getStorageStatus(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<StorageStatus> {
	const [indexedDb, estimate, persisted] = await Promise.all([
		probeIndexedDb(),
		storage?.estimate?.().catch(() => undefined),
		storage?.persisted?.().catch(() => undefined)
	]);
	return { indexedDb, use: describeStorageUse(estimate), persisted };
}

/** Asks the browser to keep this site's data; resolves to whether it now will. */
export async function requestPersistence(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<boolean> {
	return (await storage?.persist?.()) ?? false;
}
