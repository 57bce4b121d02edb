// The base of every error Provena raises on purpose. `shortMessage` says what happened and what to do next;
// `details` carries the technical cause. Errors cross the worker boundary as plain { name, shortMessage,
// details } objects and are rebuilt on the main thread with `fromSerialized`.

export type SerializedError = { name: string; shortMessage: string; details?: string | undefined };

export type ProvenaErrorOptions = {
	/** The underlying error. */
	cause?: unknown;
	/** Technical detail (an HTTP body, a DOMException message) for logs and bug reports. */
	details?: string;
	/** Further lines that help the user act. */
	metaMessages?: string[];
};

export class ProvenaError extends Error {
	override name = 'ProvenaError';
	readonly shortMessage: string;
	readonly details: string | undefined;
	readonly metaMessages: string[];

	constructor(shortMessage: string, options: ProvenaErrorOptions = {}) {
		const details =
			options.details ?? (options.cause instanceof Error ? options.cause.message : options.cause ? String(options.cause) : undefined);
		super([shortMessage, ...(options.metaMessages ?? []), details ? `Details: ${details}` : ''].filter(Boolean).join('\n'), {
			cause: options.cause
		});
		this.shortMessage = shortMessage;
		this.details = details;
		this.metaMessages = options.metaMessages ?? [];
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

	serialize(): SerializedError {
		return { name: this.name, shortMessage: this.shortMessage, details: this.details };
	}

	/** Rebuilds an error sent across a worker boundary. */
	static fromSerialized(error: SerializedError): ProvenaError {
		const rebuilt = new ProvenaError(error.shortMessage, { details: error.details });
		rebuilt.name = error.name;
		return rebuilt;
	}
}
