import { describe, expect, it } from 'vitest';
import { fixtureAdapter, tinyLlamaConfig } from '../model/fixtureModels.ts';
import type { LoraAdapter } from '../core/loraAdapter.ts';
import { AdapterPoolFullError, AdapterSlotPool } from './adapterSlotPool.ts';

function recordingPool(capacity: number) {
	const writes: [number, LoraAdapter][] = [];
	const loads: string[] = [];
	const pool = new AdapterSlotPool(capacity, async (slot, adapter) => {
		writes.push([slot, adapter]);
	});
	const load = (id: string) => async () => {
		loads.push(id);
		return fixtureAdapter(tinyLlamaConfig, id.length, { rank: 2 });
	};
	return { pool, writes, loads, load };
}

describe('AdapterSlotPool', () => {
	it('gives the base model slot 0 without loading anything', async () => {
		const { pool, loads } = recordingPool(2);
		const lease = await pool.acquire(undefined, async () => {
			throw new Error('never called');
		});
		expect(lease.slot).toBe(0);
		expect(loads).toEqual([]);
	});

	it('loads an adapter once and reuses its slot', async () => {
		const { pool, writes, loads, load } = recordingPool(2);
		const first = await pool.acquire('weather', load('weather'));
		first.release();
		const again = await pool.acquire('weather', load('weather'));
		expect(again.slot).toBe(first.slot);
		expect(loads).toEqual(['weather']);
		expect(writes.map(([slot]) => slot)).toEqual([first.slot]);
		expect(first.slot).toBeGreaterThanOrEqual(1);
	});

	it('evicts the least recently used adapter that no request holds', async () => {
		const { pool, loads, load } = recordingPool(2);
		(await pool.acquire('a', load('a'))).release();
		(await pool.acquire('b', load('b'))).release();
		// Touch a, so b is the least recently used.
		(await pool.acquire('a', load('a'))).release();
		const c = await pool.acquire('c', load('c'));
		expect(pool.has('b')).toBe(false);
		expect(pool.has('a')).toBe(true);
		expect(pool.resident().map((r) => r.adapterId)).toEqual(['c', 'a']);
		expect(loads).toEqual(['a', 'b', 'c']);
		c.release();
	});

	it('never evicts an adapter a running request holds, and says so when every slot is held', async () => {
		const { pool, load } = recordingPool(2);
		const a = await pool.acquire('a', load('a'));
		const b = await pool.acquire('b', load('b'));
		await expect(pool.acquire('c', load('c'))).rejects.toThrow(AdapterPoolFullError);
		await expect(pool.acquire('c', load('c'))).rejects.toThrow(/All 2 adapter slots are in use/);
		expect(pool.has('a') && pool.has('b')).toBe(true);
		// Once b's request ends, c takes b's slot; a stays.
		b.release();
		b.release(); // idempotent: a's pin is not touched
		const c = await pool.acquire('c', load('c'));
		expect(c.slot).toBe(b.slot);
		expect(pool.has('a')).toBe(true);
		a.release();
		c.release();
	});

	it('shares one load between concurrent acquires of one adapter', async () => {
		const { pool, loads, load } = recordingPool(3);
		const [x, y] = await Promise.all([pool.acquire('x', load('x')), pool.acquire('x', load('x'))]);
		expect(x.slot).toBe(y.slot);
		expect(loads).toEqual(['x']);
		expect(pool.resident()).toEqual([{ adapterId: 'x', slot: x.slot, inUse: 2 }]);
	});

	it('frees the slot when a load fails, and retries on the next acquire', async () => {
		const { pool, load } = recordingPool(1);
		await expect(
			pool.acquire('broken', async () => {
				throw new Error('block not found');
			})
		).rejects.toThrow('block not found');
		expect(pool.has('broken')).toBe(false);
		const ok = await pool.acquire('broken', load('broken'));
		expect(ok.slot).toBe(1);
	});

	it('acquires an arena all or none', async () => {
		const { pool, load } = recordingPool(2);
		const leases = await pool.acquireAll(['a', undefined, 'b', 'a'], (id) => load(id)());
		expect(leases.map((l) => l.slot)).toEqual([leases[0]!.slot, 0, leases[2]!.slot, leases[0]!.slot]);
		await expect(pool.acquireAll(['a', 'b', 'c'], (id) => load(id)())).rejects.toThrow(/3 different adapters do not fit the 2/);
		for (const lease of leases) lease.release();
		// A failure part-way releases what was taken.
		const failing = pool.acquireAll(['a', 'zzz'], async (id) => {
			if (id === 'zzz') throw new Error('no such adapter');
			return load(id)();
		});
		await expect(failing).rejects.toThrow('no such adapter');
		expect(pool.resident().every((r) => r.inUse === 0)).toBe(true);
	});
});
