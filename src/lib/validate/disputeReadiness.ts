// Why this account cannot dispute a record right now, said before anything is signed or added to IPFS: no validator
// stake, the payer's own record, a closed window, no recomputation to cite, or a dispute already open. Each is a
// ProvenaError whose message says what to do next; the ledger checks the same again when the call is sent.
import type { Address } from 'viem';
import { formatOpen } from '../format.ts';
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import type { LedgerRecord } from './ledgerRecords.ts';
import { chainPhase, type CheckResult } from './recordState.ts';

/** The account's stake is below the validator minimum. */
export class NotValidatorError extends ProvenaError {
	override name = 'NotValidatorError';
}
/** The record's challenge window closed (or it was disputed, settled, or names no contribution). */
export class ChallengeWindowClosedError extends ProvenaError {
	override name = 'ChallengeWindowClosedError';
}
/** There is no recomputation of the record here to dispute with, or it does not differ. */
export class NoMismatchError extends ProvenaError {
	override name = 'NoMismatchError';
}
/** The payer cannot dispute their own record. */
export class OwnRecordError extends ProvenaError {
	override name = 'OwnRecordError';
}

/** What the page knows about the account. */
export type DisputerStanding = { account: Address | undefined; stake: bigint; minValidatorStake: bigint };

const open = (wei: bigint) => formatOpen(wei, { decimals: 18 });

/**
 * The reason `standing`'s account cannot dispute `record` at chain time `now`, or undefined when it can.
 *
 * @example
 * const problem = disputeProblem(record, now, standing, checks.get(id)); // show problem.message, offer /staking/#roles
 */
export function disputeProblem(
	record: LedgerRecord,
	now: number,
	standing: DisputerStanding,
	check: CheckResult | undefined
): ProvenaError | undefined {
	if (!standing.account) return new NotValidatorError('Connect a wallet with the validator stake to dispute.');
	if (standing.stake < standing.minValidatorStake)
		return new NotValidatorError(
			`Disputing needs ${open(standing.minValidatorStake)} staked as a validator; this account has ${open(standing.stake)}. Stake the missing ${open(standing.minValidatorStake - standing.stake)} on the Staking page (Roles), then dispute.`
		);
	if (standing.account.toLowerCase() === record.record.args.payer.toLowerCase())
		return new OwnRecordError(`You paid for answer record #${record.id}; a payer cannot dispute their own record.`);
	const phase = chainPhase(record, now);
	if (phase === 'disputed')
		return new ChallengeWindowClosedError(
			`Answer record #${record.id} is already disputed; governance resolves it now.`
		);
	if (phase !== 'asserted')
		return new ChallengeWindowClosedError(
			`The challenge window of answer record #${record.id} has closed, so it can no longer be disputed${phase === 'due' ? '; it can only be finalised' : ''}.`
		);
	if (check?.kind !== 'differs')
		return new NoMismatchError(
			`Answer record #${record.id} has not been found to differ here; a dispute needs a recomputation that disagrees with it.`
		);
	if (!check.recomputed)
		return new NoMismatchError(
			`Answer record #${record.id} could not be recomputed here (${check.recomputeError ?? 'no result'}), so there is no evidence of your own to dispute it with. Re-check it, then dispute.`
		);
	return undefined;
}
