// The page's side of a worker: typed calls that return promises, an AbortSignal per call, and errors rebuilt
// as ProvenaError. The worker is started on first use and terminated by `close()`.
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import type { AbortMessage, CallMessage, ProgressMessage, ReplyMessage, WorkerApi } from '../../../workers/rpc/protocol.ts';

type Drop1<F> = F extends (signal: AbortSignal, ...args: infer A) => infer R ? (...args: A) => R : never;

export type Bridge<Api extends WorkerApi> = {
	/** Calls `method`; `onProgress` receives what the worker reports with reportProgress while it runs. */
	call<K extends keyof Api & string>(
		method: K,
		options: { signal?: AbortSignal; onProgress?: (value: unknown) => void; transfer?: Transferable[] },
		...args: Parameters<Drop1<Api[K]>>
	): ReturnType<Api[K]>;
	close(): void;
};

/** Creates a bridge to a worker made by `start` (e.g. a Vite `?worker` constructor). */
export function createBridge<Api extends WorkerApi>(start: () => Worker): Bridge<Api> {
	let worker: Worker | undefined;
	let nextId = 1;
	const pending = new Map<
		number,
		{ resolve: (v: unknown) => void; reject: (e: unknown) => void; onProgress?: ((value: unknown) => void) | undefined }
	>();

	function ensureWorker(): Worker {
		if (worker) return worker;
		worker = start();
		worker.addEventListener('message', ({ data }: MessageEvent<ReplyMessage | ProgressMessage>) => {
			const entry = pending.get(data.id);
			if (!entry) return;
			if (data.kind === 'progress') return entry.onProgress?.(data.value);
			pending.delete(data.id);
			if (data.ok) entry.resolve(data.value);
			else entry.reject(ProvenaError.fromSerialized(data.error));
		});
		worker.addEventListener('error', (event) => {
			const error = new ProvenaError('A background worker crashed. Reload the page; if it happens again, report it with the details.', {
				details: event.message
			});
			for (const entry of pending.values()) entry.reject(error);
			pending.clear();
		});
		return worker;
	}

	return {
		call(method, { signal, onProgress, transfer }, ...args) {
			const id = nextId++;
			const target = ensureWorker();
			return new Promise((resolve, reject) => {
				pending.set(id, { resolve, reject, onProgress });
				signal?.addEventListener('abort', () => target.postMessage({ kind: 'abort', id } satisfies AbortMessage), { once: true });
				target.postMessage({ kind: 'call', id, method, args } satisfies CallMessage, transfer ?? []);
			}) as never;
		},
		close() {
			worker?.terminate();
			worker = undefined;
		}
	};
}
