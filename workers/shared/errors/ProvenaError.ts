// The base of every error Provena raises on purpose. `shortMessage` says what happened and what to do next;
// `details` carries the technical cause. Errors cross the worker boundary as plain objects (`serialize()`, with their
// meta messages and cause chain) and are rebuilt on the main thread as their own class (rebuildError.ts).

/** An error as plain data, for structured cloning: what `serialize()` gives and `rebuildError` takes. */
export type SerializedError = {
	name: string;
	shortMessage: string;
	details?: string | undefined;
	metaMessages?: string[] | undefined;
	/** The cause, serialized the same way (a non-Provena error keeps its name and message). */
	cause?: SerializedError | undefined;
	/** Facts the page acts on (see {@link ProvenaErrorOptions.data}). */
	data?: ErrorData | undefined;
};

/** Small plain facts an error carries for the page to act on, such as a learning rate to offer. */
export type ErrorData = Readonly<Record<string, string | number | boolean>>;

export type ProvenaErrorOptions = {
	/** The underlying error. */
	cause?: unknown;
	/** Technical detail (an HTTP body, a DOMException message) for logs and bug reports. */
	details?: string;
	/** Further lines that help the user act. */
	metaMessages?: string[];
	/**
	 * Facts a page acts on (a button's value, not text to read), kept across the worker boundary where the error's
	 * own fields are not: a subclass exposes them as typed getters.
	 */
	data?: ErrorData;
};

export class ProvenaError extends Error {
	override name = 'ProvenaError';
	readonly shortMessage: string;
	readonly details: string | undefined;
	readonly metaMessages: string[];
	readonly data: ErrorData | undefined;

	constructor(shortMessage: string, options: ProvenaErrorOptions = {}) {
		const details =
			options.details ??
			(options.cause instanceof Error ? options.cause.message : options.cause ? String(options.cause) : undefined);
		super(
			[shortMessage, ...(options.metaMessages ?? []), details ? `Details: ${details}` : ''].filter(Boolean).join('\n'),
			{
				cause: options.cause
			}
		);
		this.shortMessage = shortMessage;
		this.details = details;
		this.metaMessages = options.metaMessages ?? [];
		this.data = options.data;
	}

	/** Walks the cause chain; returns the first error `predicate` accepts, or the deepest one. */
	walk(predicate?: (error: unknown) => boolean): unknown {
		let current: unknown = this;
		while (current instanceof Error) {
			if (predicate?.(current)) return current;
			if (!current.cause) break;
			current = current.cause;
		}
		return predicate ? undefined : current;
	}

	/** This error and its cause chain as plain data, to send across a worker boundary. */
	serialize(): SerializedError {
		return serializeError(this);
	}
}

// A cause chain longer than this is cut: it is for reading, and a cycle must not hang the worker.
const MAX_CAUSE_DEPTH = 8;

/**
 * Any thrown value as a {@link SerializedError}: a ProvenaError with its details, meta messages, data and causes; another
 * Error with its name and message; anything else as its text.
 *
 * @example
 * port.postMessage({ ok: false, error: serializeError(caught) });
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
	if (error instanceof ProvenaError) {
		return {
			name: error.name,
			shortMessage: error.shortMessage,
			details: error.details,
			...(error.metaMessages.length ? { metaMessages: error.metaMessages } : {}),
			...(error.data ? { data: { ...error.data } } : {}),
			...causeOf(error, depth)
		};
	}
	if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
		const e = error as { name?: unknown; message?: unknown; shortMessage?: unknown; details?: unknown };
		return {
			name: typeof e.name === 'string' ? e.name : 'Error',
			shortMessage: String(typeof e.shortMessage === 'string' ? e.shortMessage : e.message),
			...(typeof e.details === 'string' ? { details: e.details } : {}),
			...causeOf(error as Error, depth)
		};
	}
	return { name: 'Error', shortMessage: String(error) };
}

function causeOf(error: Error, depth: number): { cause?: SerializedError } {
	return error.cause === undefined || depth >= MAX_CAUSE_DEPTH ? {} : { cause: serializeError(error.cause, depth + 1) };
}
