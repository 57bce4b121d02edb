// Marks a value so that its buffers move to the other side instead of being copied (as comlink's `transfer`): a
// worker returns `transfer(result, [result.jsonl.buffer])` and the page gets the same bytes, while the worker's copy
// is detached. Only objects can be marked; a marked value is sent once, so the mark is removed when it is read.

const marks = new WeakMap<object, Transferable[]>();

/**
 * Returns `value`, marked so that `transferables` are transferred when it crosses to the page.
 *
 * @example
 * return transfer(prepared, [prepared.jsonl.buffer]);
 */
export function transfer<T extends object>(value: T, transferables: Transferable[]): T {
	marks.set(value, transferables);
	return value;
}

/** The buffers marked on `value` (and forgets the mark); none for an unmarked value. */
export function takeTransferables(value: unknown): Transferable[] {
	if (typeof value !== 'object' || value === null) return [];
	const transferables = marks.get(value) ?? [];
	marks.delete(value);
	return transferables;
}
