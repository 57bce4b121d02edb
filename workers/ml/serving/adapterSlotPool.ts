// OpenLoRA's GPU tier: which adapter sits in which slot of a serving session's pools. Adapters are loaded into
// free slots, or over the least recently used one that no running request holds; a lease pins its slot until the
// request ends, so an answer never changes adapter halfway. Loading (IndexedDB, IPFS, a URL) is the caller's
// `load` function; this file only decides slots, and is plain TS so it is tested in Node without a GPU.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import type { LoraAdapter } from '../core/loraAdapter.ts';

/** Every adapter slot is held by a running request, so no adapter can be loaded now. */
export class AdapterPoolFullError extends ProvenaError {
	override name = 'AdapterPoolFullError';
}

/** A slot held for one request: release it when the request ends (idempotent). */
export type AdapterLease = {
	/** The slot to put in `adapter_index` (0: the base model). */
	readonly slot: number;
	/** The adapter's id; undefined for the base model. */
	readonly adapterId: string | undefined;
	release(): void;
};

/** One resident adapter, as the Models page shows it. */
export type ResidentAdapter = { adapterId: string; slot: number; inUse: number };

type Entry = { slot: number; pins: number; lastUsed: number; ready: Promise<void> };

/**
 * An LRU over `capacity` adapter slots (1…capacity; slot 0 is the base model and never holds an adapter).
 *
 * @example
 * const pool = new AdapterSlotPool(16, (slot, adapter) => serving.writeSlot(slot, adapter));
 * const lease = await pool.acquire('weather', () => loadAdapter('weather'));
 * try { await generate(rowDecoderSession(serving, lease.slot), ids, options); } finally { lease.release(); }
 */
export class AdapterSlotPool {
	readonly #capacity: number;
	readonly #write: (slot: number, adapter: LoraAdapter) => Promise<void>;
	readonly #entries = new Map<string, Entry>();
	readonly #freeSlots: number[];
	#clock = 0;

	constructor(capacity: number, write: (slot: number, adapter: LoraAdapter) => Promise<void>) {
		if (!Number.isInteger(capacity) || capacity < 0)
			throw new ProvenaError(`An adapter pool needs a whole number of slots, got ${capacity}.`);
		this.#capacity = capacity;
		this.#write = write;
		this.#freeSlots = Array.from({ length: capacity }, (_, i) => capacity - i);
	}

	/** How many adapters fit at once. */
	get capacity(): number {
		return this.#capacity;
	}

	/** The adapters on the GPU now, most recently used first. */
	resident(): ResidentAdapter[] {
		return [...this.#entries]
			.sort(([, a], [, b]) => b.lastUsed - a.lastUsed)
			.map(([adapterId, entry]) => ({ adapterId, slot: entry.slot, inUse: entry.pins }));
	}

	/** Whether `adapterId` is in a slot (or being loaded into one). */
	has(adapterId: string): boolean {
		return this.#entries.has(adapterId);
	}

	/**
	 * A lease on `adapterId`'s slot, loading it with `load` when it is not resident; `undefined` leases the base
	 * model (slot 0). Concurrent acquires of one adapter share one load. Throws AdapterPoolFullError when every
	 * slot is held by a running request.
	 */
	async acquire(adapterId: string | undefined, load: () => Promise<LoraAdapter>): Promise<AdapterLease> {
		if (adapterId === undefined) return { slot: 0, adapterId: undefined, release() {} };
		let entry = this.#entries.get(adapterId);
		if (!entry) {
			const slot = this.#takeSlot();
			const ready = load().then((adapter) => this.#write(slot, adapter));
			entry = { slot, pins: 0, lastUsed: 0, ready };
			this.#entries.set(adapterId, entry);
			const created = entry;
			ready.catch(() => {
				// A failed load leaves nothing behind: the slot is free again and the next acquire retries.
				if (this.#entries.get(adapterId) === created) this.#entries.delete(adapterId);
				this.#freeSlots.push(slot);
			});
		}
		entry.pins++;
		entry.lastUsed = ++this.#clock;
		const held = entry;
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			held.pins--;
		};
		try {
			await held.ready;
		} catch (error) {
			release();
			throw error;
		}
		return { slot: held.slot, adapterId, release };
	}

	/**
	 * Leases for several adapters at once (the arena): all or none, so a batch never starts with half its slots.
	 *
	 * @example
	 * const leases = await pool.acquireAll(['weather', undefined, 'recipes'], load);
	 */
	async acquireAll(
		adapterIds: readonly (string | undefined)[],
		load: (adapterId: string) => Promise<LoraAdapter>
	): Promise<AdapterLease[]> {
		const distinct = new Set(adapterIds.filter((id): id is string => id !== undefined));
		if (distinct.size > this.#capacity)
			throw new AdapterPoolFullError(
				`${distinct.size} different adapters do not fit the ${this.#capacity} adapter slots; choose at most ${this.#capacity}.`
			);
		const leases: AdapterLease[] = [];
		try {
			for (const id of adapterIds) leases.push(await this.acquire(id, () => load(id!)));
			return leases;
		} catch (error) {
			for (const lease of leases) lease.release();
			throw error;
		}
	}

	#takeSlot(): number {
		const free = this.#freeSlots.pop();
		if (free !== undefined) return free;
		let victim: [string, Entry] | undefined;
		for (const candidate of this.#entries) {
			if (candidate[1].pins > 0) continue;
			if (!victim || candidate[1].lastUsed < victim[1].lastUsed) victim = candidate;
		}
		if (!victim)
			throw new AdapterPoolFullError(
				`All ${this.#capacity} adapter slots are in use by running answers. Wait for one to finish, or stop it, and try again.`
			);
		this.#entries.delete(victim[0]);
		return victim[1].slot;
	}
}
