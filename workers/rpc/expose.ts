// Serves a worker's API to the page: each call runs with its own AbortSignal, progress goes back typed by the
// function's ProgressSignal, a return value marked with `transfer()` moves its buffers, and thrown errors travel back
// serialized (details, meta messages, causes) for the bridge to rebuild as their own class.
import { serializeError } from '../shared/errors/ProvenaError.ts';
import type { AbortMessage, CallMessage, ProgressMessage, ProgressSignal, ReplyMessage, WorkerApi } from './protocol.ts';
import { takeTransferables } from './transfer.ts';

/** The worker's side of the channel: its global scope, or a MessagePort in tests. */
export type ExposePort = {
	postMessage(message: ReplyMessage | ProgressMessage, transfer?: Transferable[]): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<CallMessage | AbortMessage>) => void): void;
	/** A MessagePort delivers nothing until started; a worker's scope has no such method. */
	start?(): void;
};

// Each call's signal finds its progress channel here, so API functions keep their (signal, ...args) shape and
// only the ones that stream anything need to know about progress.
const progressBySignal = new WeakMap<AbortSignal, (value: unknown) => void>();

/**
 * Sends `value` to the page as progress of the call that owns `signal` (the bridge's `onProgress`, typed by the
 * signal's ProgressSignal<P>). A signal that belongs to no exposed call (a direct call in a test) drops it.
 *
 * @example
 * reportProgress(signal, { tokenId, text });
 */
export function reportProgress<P>(signal: ProgressSignal<P>, value: NoInfer<P>): void {
	progressBySignal.get(signal)?.(value);
}

/** Exposes `api` on `port` (the worker's global scope by default). */
export function expose(api: WorkerApi, port: ExposePort = self as unknown as ExposePort): void {
	const running = new Map<number, AbortController>();
	port.addEventListener('message', async ({ data }) => {
		if (data.kind === 'abort') return running.get(data.id)?.abort();
		if (data.kind !== 'call') return;
		const controller = new AbortController();
		running.set(data.id, controller);
		progressBySignal.set(controller.signal, (value) => port.postMessage({ kind: 'progress', id: data.id, value }));
		try {
			const fn = Object.hasOwn(api, data.method) ? api[data.method] : undefined;
			if (!fn) throw new Error(`The worker has no function "${data.method}".`);
			const value = await fn(controller.signal, ...data.args);
			port.postMessage({ kind: 'reply', id: data.id, ok: true, value }, takeTransferables(value));
		} catch (error) {
			port.postMessage({ kind: 'reply', id: data.id, ok: false, error: serializeError(error) });
		} finally {
			running.delete(data.id);
		}
	});
	port.start?.();
}
