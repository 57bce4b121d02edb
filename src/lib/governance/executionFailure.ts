// Why executing a queued proposal failed, for the proposal page. The Timelock makes each call of the proposal and
// bubbles up the target's own error when it gives one (decoded above this note by the transaction panel); a call
// that fails without data (a transfer larger than the treasury holds, a target without code for the call) leaves
// only OpenZeppelin's FailedCall, which says nothing about proposals, so the page adds what it knows.
import { formatOpen } from '../format.ts';

export type ExecutionFailure = {
	/** The custom error the execution reverted with, if decoded. */
	errorName?: string;
	/** OPEN the proposal's actions send from the treasury, in wei. */
	sends: bigint;
	/** OPEN the treasury (the Timelock) holds, in wei; undefined if unknown. */
	treasury?: bigint;
};

const staysQueued =
	'The proposal stays queued and nothing it does has happened; it can be executed later if what made it fail changes.';

/** A sentence on a failed execution of a proposal: what failed, and that the proposal stays queued. */
export function executionFailureNote({ errorName, sends, treasury }: ExecutionFailure): string {
	if (treasury !== undefined && sends > treasury)
		return `The proposal's actions send ${formatOpen(sends)} from the treasury, which holds only ${formatOpen(treasury)}, so the Timelock's transfer failed. ${staysQueued}`;
	if (errorName === undefined || errorName === 'FailedCall')
		return `One of the proposal's actions reverted without giving a reason: the Timelock reports only that the underlying transaction reverted. ${staysQueued}`;
	if (errorName.startsWith('Governor') || errorName.startsWith('Timelock')) return staysQueued;
	return `One of the proposal's actions reverted in its target contract, with the error above. ${staysQueued}`;
}
