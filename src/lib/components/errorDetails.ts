// The technical side of an error, for the folded part of ErrorNote: what errorMessage() leaves out.

/** The detail behind `error` (ProvenaError's `details`, viem's `details`, else a message longer than its short one), or undefined. */
export function errorDetails(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const { details, shortMessage, message } = error as { details?: unknown; shortMessage?: unknown; message?: unknown };
	if (typeof details === 'string' && details.trim()) return details.trim();
	if (typeof shortMessage === 'string' && typeof message === 'string' && message.trim() !== shortMessage.trim()) return message.trim();
	return undefined;
}
