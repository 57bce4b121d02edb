// Pin requests of the local pinning service, kept in memory and written through to the node's datastore
// (one JSON value per request under /provena/pinning/requests/) so they survive a restart.
import { Key } from 'interface-datastore';
import type { Datastore } from 'interface-datastore';
import type { PinStatus } from '../../lib/ipfs/pinning/pinningClient.ts';

/** A stored pin request: a PinStatus without `delegates`, which are the node's addresses at answer time. */
export type PinRecord = Omit<PinStatus, 'delegates'>;

const PREFIX = '/provena/pinning/requests';

export type PinRecords = {
	get(requestid: string): PinRecord | undefined;
	/** Every request, newest first. */
	all(): PinRecord[];
	put(record: PinRecord): Promise<void>;
	delete(requestid: string): Promise<void>;
};

/** Loads every stored pin request from `datastore`. */
export async function loadPinRecords(datastore: Datastore): Promise<PinRecords> {
	const records = new Map<string, PinRecord>();
	const decoder = new TextDecoder();
	for await (const { value } of datastore.query({ prefix: PREFIX })) {
		const record = JSON.parse(decoder.decode(value)) as PinRecord;
		records.set(record.requestid, record);
	}
	const keyOf = (requestid: string) => new Key(`${PREFIX}/${requestid}`);
	const encoder = new TextEncoder();
	// Writes run one after another so a delete can never be overtaken by an earlier put on disk.
	let writes: Promise<unknown> = Promise.resolve();
	const write = (op: () => Promise<unknown>) => {
		const next = writes.then(op);
		writes = next.catch(() => undefined);
		return next.then(() => undefined);
	};

	return {
		get: (requestid) => records.get(requestid),
		all: () => [...records.values()].sort((a, b) => b.created.localeCompare(a.created)),
		put(record) {
			records.set(record.requestid, record);
			const bytes = encoder.encode(JSON.stringify(record));
			return write(async () => datastore.put(keyOf(record.requestid), bytes));
		},
		delete(requestid) {
			records.delete(requestid);
			return write(async () => datastore.delete(keyOf(requestid)));
		}
	};
}
