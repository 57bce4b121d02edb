// Turns a SerializedError back into an error on the page, as its own class when the page knows it (a registry from
// name to class), so `instanceof EngineRequestError` and `walk()` work there as in the worker. A name the registry
// lacks (a platform error such as AbortError or TypeError, or a class the page did not register) becomes a
// ProvenaError carrying that name, so `error.name === 'AbortError'` and `shortMessage` hold for every error.
import { ProvenaError, type ProvenaErrorOptions, type SerializedError } from './ProvenaError.ts';

/** A ProvenaError subclass whose constructor takes (shortMessage, options), as all of Provena's do. */
export type ProvenaErrorClass = new (shortMessage: string, options?: ProvenaErrorOptions) => ProvenaError;

/** Error classes by the `name` their instances carry. */
export type ErrorRegistry = ReadonlyMap<string, ProvenaErrorClass>;

/**
 * A registry of `classes`, keyed by the name each one's instances carry (read from an instance, because a
 * minifier may rename the class itself).
 *
 * @example
 * const errors = errorRegistry([EngineRequestError, DeviceLostError]);
 */
export function errorRegistry(classes: readonly ProvenaErrorClass[]): ErrorRegistry {
	return new Map(classes.map((ErrorClass) => [instanceName(ErrorClass), ErrorClass]));
}

function instanceName(ErrorClass: ProvenaErrorClass): string {
	try {
		return new ErrorClass('', {}).name;
	} catch {
		// A constructor that insists on options of its own: its class name is the best guess left.
		return ErrorClass.name;
	}
}

/**
 * The error `serialized` describes, rebuilt with its details, meta messages, data and cause chain.
 *
 * @example
 * entry.reject(rebuildError(reply.error, errors));
 */
export function rebuildError(serialized: SerializedError, registry: ErrorRegistry = new Map()): ProvenaError {
	const cause = serialized.cause ? rebuildError(serialized.cause, registry) : undefined;
	const options: ProvenaErrorOptions = {
		...(cause ? { cause } : {}),
		...(serialized.details !== undefined ? { details: serialized.details } : {}),
		...(serialized.metaMessages ? { metaMessages: serialized.metaMessages } : {}),
		...(serialized.data ? { data: serialized.data } : {})
	};
	const ErrorClass = registry.get(serialized.name);
	if (ErrorClass) return new ErrorClass(serialized.shortMessage, options);
	const error = new ProvenaError(serialized.shortMessage, options);
	error.name = serialized.name;
	return error;
}
