// The page's side of a worker: typed calls that return promises, an AbortSignal per call, progress typed by the
// worker function's ProgressSignal, buffers transferred both ways, and errors rebuilt as their own class. The worker
// starts on first use, is terminated after a quiet spell with no call pending (and started again, transparently, by
// the next call), and by `close()`.
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import { errorRegistry, rebuildError, type ErrorRegistry, type ProvenaErrorClass } from '../../../workers/shared/errors/rebuildError.ts';
import type {
	AbortMessage,
	ArgsOf,
	CallMessage,
	ProgressMessage,
	ProgressOf,
	ReplyMessage,
	ResultOf,
	WorkerApi
} from '../../../workers/rpc/protocol.ts';

/** What a bridge needs of a Worker; a MessagePort with a `terminate` does as well (the Node tests use one). */
export type WorkerLike = {
	postMessage(message: CallMessage | AbortMessage, transfer: Transferable[]): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<ReplyMessage | ProgressMessage>) => void): void;
	addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
	terminate(): void;
	start?(): void;
};

/** How one call runs. */
export type CallOptions<P> = {
	/** Aborts the call in the worker; it then rejects with the worker's AbortError. */
	signal?: AbortSignal;
	/** Receives what the worker reports with reportProgress while the call runs. */
	onProgress?: (value: P) => void;
	/** Buffers among the arguments to move to the worker rather than copy (they are detached here afterwards). */
	transfer?: Transferable[];
};

export type Bridge<Api extends WorkerApi> = {
	/** Calls `method` with `args`; resolves with its value or rejects with its error, rebuilt. */
	call<K extends keyof Api & string>(method: K, options: CallOptions<ProgressOf<Api[K]>>, ...args: ArgsOf<Api[K]>): Promise<ResultOf<Api[K]>>;
	/** Terminates the worker now; calls still pending reject, and a later call starts a new one. */
	close(): void;
	/** Whether a worker is running (false before the first call, after an idle stop and after `close()`). */
	readonly running: boolean;
};

export type BridgeOptions = {
	/**
	 * Milliseconds with no call pending after which the worker is terminated (default 60 000). `Infinity` for a worker
	 * whose state the page relies on between calls (the inference worker's open model).
	 */
	idleMs?: number;
	/** The worker's error classes, so its errors are rebuilt as themselves (others become ProvenaError by name). */
	errors?: readonly ProvenaErrorClass[];
};

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void; onProgress?: ((value: unknown) => void) | undefined };

/**
 * Creates a bridge to a worker made by `start` (e.g. a Vite `?worker` constructor).
 *
 * @example
 * const worker = createBridge<IngestApi>(() => new IngestWorker({ name: 'provena-ingest' }), { errors: ingestErrors });
 * const prepared = await worker.call('prepare', { signal, onProgress: (p) => show(p.phase) }, request);
 */
export function createBridge<Api extends WorkerApi>(start: () => WorkerLike, { idleMs = 60_000, errors = [] }: BridgeOptions = {}): Bridge<Api> {
	// Built on the first error, not at import: a bridge module is imported by pages that may never call it.
	let registry: ErrorRegistry | undefined;
	let worker: WorkerLike | undefined;
	let idleTimer: ReturnType<typeof setTimeout> | undefined;
	let nextId = 1;
	const pending = new Map<number, Pending>();

	function stop(reason?: ProvenaError) {
		clearTimeout(idleTimer);
		worker?.terminate();
		worker = undefined;
		if (reason) for (const entry of pending.values()) entry.reject(reason);
		pending.clear();
	}

	function settled() {
		if (pending.size > 0 || !Number.isFinite(idleMs)) return;
		clearTimeout(idleTimer);
		idleTimer = setTimeout(() => pending.size === 0 && stop(), idleMs);
	}

	function ensureWorker(): WorkerLike {
		clearTimeout(idleTimer);
		if (worker) return worker;
		const started = start();
		started.addEventListener('message', ({ data }) => {
			const entry = pending.get(data.id);
			if (!entry) return;
			if (data.kind === 'progress') return entry.onProgress?.(data.value);
			pending.delete(data.id);
			if (data.ok) entry.resolve(data.value);
			else entry.reject(rebuildError(data.error, (registry ??= errorRegistry(errors))));
			settled();
		});
		started.addEventListener('error', (event) => {
			const error = new ProvenaError('A background worker crashed. Reload the page; if it happens again, report it with the details.', {
				details: event.message
			});
			for (const entry of pending.values()) entry.reject(error);
			pending.clear();
			settled();
		});
		started.start?.();
		worker = started;
		return started;
	}

	return {
		call(method, { signal, onProgress, transfer }, ...args) {
			const id = nextId++;
			const target = ensureWorker();
			return new Promise((resolve, reject) => {
				// What arrives is what the worker function reported, typed by its ProgressSignal (the structured clone of it).
				const progress = onProgress && ((value: unknown) => onProgress(value as Parameters<typeof onProgress>[0]));
				pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress: progress });
				const abort = () => worker === target && target.postMessage({ kind: 'abort', id }, []);
				signal?.addEventListener('abort', abort, { once: true });
				target.postMessage({ kind: 'call', id, method, args }, transfer ?? []);
				// A signal aborted before the call fires no event: the worker is told right after the call.
				if (signal?.aborted) abort();
			});
		},
		close() {
			stop(new ProvenaError('The background worker was stopped before it answered. Try again.'));
		},
		get running() {
			return worker !== undefined;
		}
	};
}
