// Whether this browser can keep Provena's data: the storage quota, whether storage is persistent (not evicted
// under pressure), and whether IndexedDB opens at all (private windows may block it).

export type StorageStatus = {
	indexedDb: { available: true } | { available: false; reason: string };
	usage: number | undefined;
	quota: number | undefined;
	persisted: boolean | undefined;
};

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

/** Reads quota, usage and persistence from the StorageManager. */
export async function getStorageStatus(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<StorageStatus> {
	const [indexedDb, estimate, persisted] = await Promise.all([
		probeIndexedDb(),
		storage?.estimate?.().catch(() => undefined),
		storage?.persisted?.().catch(() => undefined)
	]);
	return { indexedDb, usage: estimate?.usage, quota: estimate?.quota, persisted };
}

/** Asks the browser to keep this site's data; resolves to whether it now will. */
export async function requestPersistence(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<boolean> {
	return (await storage?.persist?.()) ?? false;
}
