import { describe, expect, it } from 'vitest';
import { describeStorageUse, getStorageStatus, LOW_STORAGE_BYTES } from './storageStatus.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('describeStorageUse', () => {
	it('reads usage against this site’s quota, with the free space and the share used', () => {
		expect(describeStorageUse({ usage: 256 * MiB, quota: 4 * GiB })).toEqual({
			used: 256 * MiB,
			quota: 4 * GiB,
			free: 4 * GiB - 256 * MiB,
			fraction: 0.0625,
			byKind: [],
			low: false
		});
	});

	it('lists Chromium’s split by kind, largest first, without empty kinds', () => {
		const estimate = { usage: 30 * MiB, quota: GiB, usageDetails: { caches: 10 * MiB, indexedDB: 20 * MiB, serviceWorkerRegistrations: 0 } };
		expect(describeStorageUse(estimate)?.byKind).toEqual([
			{ kind: 'IndexedDB', bytes: 20 * MiB },
			{ kind: 'Cache storage', bytes: 10 * MiB }
		]);
	});

	it('warns when little is free, and never reports negative space or more than all of it used', () => {
		expect(describeStorageUse({ usage: GiB - 10 * MiB, quota: GiB })?.low).toBe(true);
		expect(describeStorageUse({ usage: 0, quota: LOW_STORAGE_BYTES })?.low).toBe(false);
		expect(describeStorageUse({ usage: 2 * GiB, quota: GiB })).toMatchObject({ free: 0, fraction: 1, low: true });
		expect(describeStorageUse({ usage: 0, quota: 0 })).toMatchObject({ fraction: 0, low: true });
	});

	it('has nothing to show when the browser leaves usage or quota out', () => {
		expect(describeStorageUse(undefined)).toBeUndefined();
		expect(describeStorageUse({ quota: GiB })).toBeUndefined();
		expect(describeStorageUse({ usage: 5, quota: Number.NaN })).toBeUndefined();
	});
});

describe('getStorageStatus', () => {
	// Node has no IndexedDB: the probe says so, in words that tell the user what to do.
	it('puts the estimate, persistence and IndexedDB together', async () => {
		const storage = {
			estimate: async () => ({ usage: MiB, quota: GiB }),
			persisted: async () => false
		} as unknown as StorageManager;
		const status = await getStorageStatus(storage);
		expect(status.indexedDb).toMatchObject({ available: false, reason: expect.stringMatching(/use a normal window/) });
		expect(status.use).toMatchObject({ used: MiB, quota: GiB });
		expect(status.persisted).toBe(false);
	});

	it('says unknown rather than failing where the StorageManager refuses', async () => {
		const storage = {
			estimate: async () => Promise.reject(new Error('SecurityError')),
			persisted: async () => Promise.reject(new Error('SecurityError'))
		} as unknown as StorageManager;
		expect(await getStorageStatus(storage)).toMatchObject({ use: undefined, persisted: undefined });
	});
});
