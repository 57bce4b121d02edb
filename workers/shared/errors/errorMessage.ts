// The one-line, user-facing text of any thrown value: viem's and Provena's `shortMessage` when present
// (their `message` carries multi-line technical detail), else the plain message.

/** What to show a user for `error`. */
export function errorMessage(error: unknown): string {
	if (
		typeof error === 'object' &&
		error !== null &&
		typeof (error as { shortMessage?: unknown }).shortMessage === 'string'
	) {
		return (error as { shortMessage: string }).shortMessage;
	}
	return error instanceof Error ? error.message : String(error);
}
