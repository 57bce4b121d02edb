// How a command prints an error it expected on one line: a ProvenaError's short message (with details given on
// purpose, not a cause's message), else the error's message.
import { ProvenaError } from '../../workers/shared/errors/ProvenaError.ts';

/**
 * @example
 * console.error(`provena train: ${describeError(error)}`);
 */
export function describeError(error: unknown): string {
	if (error instanceof ProvenaError)
		return error.details && error.cause === undefined ? `${error.shortMessage} ${error.details}` : error.shortMessage;
	return error instanceof Error ? error.message : String(error);
}
