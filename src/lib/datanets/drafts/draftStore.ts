// Where a contribution that is not yet on chain waits: the files the contributor dropped or pasted, the records the
// ingest worker made of them, and how far publishing got (CID, remote pin, transaction). Kept in IndexedDB so a
// closed tab or a reload loses nothing; in memory when IndexedDB is blocked, and the page says so.
import { openDB, type IDBPDatabase } from 'idb';
import type { Hex } from 'viem';
import type { RemotePinOutcome } from '../../ipfs/pinning/requestRemotePin.ts';

/** How far a draft got: edited, turned into records, added to IPFS, sent to the chain. */
export type DraftStage = 'editing' | 'prepared' | 'added' | 'submitted';

/**
 * A contribution in progress. `prepared` is whatever the ingest step returned (kept opaque here so this module does
 * not depend on the worker); `files` are the contributor's own File objects, which IndexedDB stores as blobs.
 */
export type ContributionDraft<Prepared = unknown> = {
	/** One draft per datanet and account: see {@link draftKey}. */
	key: string;
	datanetId: string;
	files: File[];
	redact: boolean;
	stage: DraftStage;
	prepared?: Prepared;
	cid?: string;
	/** What the remote pinning service said last about `cid`. */
	remotePin?: RemotePinOutcome;
	txHash?: Hex;
	updatedAt: number;
};

export type DraftStore = {
	readonly kind: 'indexeddb' | 'memory';
	get<P>(key: string): Promise<ContributionDraft<P> | undefined>;
	put<P>(draft: ContributionDraft<P>): Promise<void>;
	delete(key: string): Promise<void>;
	/** Every draft, newest first. */
	list(): Promise<ContributionDraft[]>;
};

/**
 * The key of a draft: the chain, the registry, the datanet and the account, so switching accounts or chains never
 * mixes drafts.
 *
 * @example
 * draftKey({ chainId: 31337, registry, datanetId: '1', account }); // '31337:0x5fc8…:1:0xf39f…'
 */
export function draftKey({
	chainId,
	registry,
	datanetId,
	account
}: {
	chainId: number;
	registry: string;
	datanetId: string;
	account: string;
}): string {
	return `${chainId}:${registry.toLowerCase()}:${datanetId}:${account.toLowerCase()}`;
}

const newestFirst = (a: ContributionDraft, b: ContributionDraft) => b.updatedAt - a.updatedAt;

/**
 * Drafts in memory, for tests and for browsers where IndexedDB is blocked.
 *
 * @example
 * const drafts = memoryDraftStore();
 */
export function memoryDraftStore(): DraftStore {
	const drafts = new Map<string, ContributionDraft>();
	return {
		kind: 'memory',
		get: async <P>(key: string) => drafts.get(key) as ContributionDraft<P> | undefined,
		put: async (draft) => void drafts.set(draft.key, { ...draft }),
		delete: async (key) => void drafts.delete(key),
		list: async () => [...drafts.values()].sort(newestFirst)
	};
}

/**
 * Drafts in IndexedDB (database `provena-drafts`).
 *
 * @example
 * const drafts = await openIndexedDbDraftStore(indexedDB);
 */
export async function openIndexedDbDraftStore(factory: IDBFactory, name = 'provena-drafts'): Promise<DraftStore> {
	// `idb` opens through the global indexedDB; checking the factory here makes a blocked one fail now, not later.
	if (!factory) throw new Error('IndexedDB is not available in this browser.');
	const db: IDBPDatabase = await openDB(name, 1, {
		upgrade(database) {
			database.createObjectStore('drafts', { keyPath: 'key' });
		}
	});
	return {
		kind: 'indexeddb',
		get: async <P>(key: string) => (await db.get('drafts', key)) as ContributionDraft<P> | undefined,
		put: async (draft) => void (await db.put('drafts', draft)),
		delete: (key) => db.delete('drafts', key),
		list: async () => ((await db.getAll('drafts')) as ContributionDraft[]).sort(newestFirst)
	};
}

/** IndexedDB when the browser allows it, memory otherwise (`kind` tells the page which). */
export async function openDraftStore(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<DraftStore> {
	try {
		if (!factory) return memoryDraftStore();
		return await openIndexedDbDraftStore(factory);
	} catch {
		return memoryDraftStore();
	}
}
