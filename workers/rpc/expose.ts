// Serves a worker's API to the page: each call runs with its own AbortSignal, and thrown errors travel back
// as { name, shortMessage, details } for the bridge to rebuild.
import type { CallMessage, AbortMessage, ProgressMessage, ReplyMessage, WorkerApi } from './protocol.ts';

type Port = {
	postMessage(message: ReplyMessage | ProgressMessage): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<CallMessage | AbortMessage>) => void): void;
};

// Each call's signal finds its progress channel here, so API functions keep their (signal, ...args) shape and
// only the ones that stream anything need to know about progress.
const progressBySignal = new WeakMap<AbortSignal, (value: unknown) => void>();

/**
 * Sends `value` to the page as progress of the call that owns `signal` (the bridge's `onProgress`). A signal
 * that belongs to no exposed call (a direct call in a test) drops it.
 *
 * @example
 * reportProgress(signal, { tokenId, text });
 */
export function reportProgress(signal: AbortSignal, value: unknown): void {
	progressBySignal.get(signal)?.(value);
}

/** Exposes `api` on `port` (the worker's global scope). */
export function expose(api: WorkerApi, port: Port = self as unknown as Port): void {
	const running = new Map<number, AbortController>();
	port.addEventListener('message', async ({ data }) => {
		if (data.kind === 'abort') return running.get(data.id)?.abort();
		if (data.kind !== 'call') return;
		const controller = new AbortController();
		running.set(data.id, controller);
		progressBySignal.set(controller.signal, (value) => port.postMessage({ kind: 'progress', id: data.id, value }));
		try {
			const fn = api[data.method];
			if (!fn) throw new Error(`The worker has no function "${data.method}".`);
			const value = await fn(controller.signal, ...(data.args as never[]));
			port.postMessage({ kind: 'reply', id: data.id, ok: true, value });
		} catch (error) {
			const e = error as { name?: string; shortMessage?: string; message?: string; details?: string };
			port.postMessage({
				kind: 'reply',
				id: data.id,
				ok: false,
				error: { name: e?.name ?? 'Error', shortMessage: e?.shortMessage ?? e?.message ?? String(error), details: e?.details }
			});
		} finally {
			running.delete(data.id);
		}
	});
}
