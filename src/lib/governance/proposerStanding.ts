// Whether the connected account may propose, and if not, what it lacks, in the numbers it can act on. The Governor
// counts the proposer's votes one second before the proposing block (OpenZeppelin 5: getVotes(proposer, clock() - 1));
// the proposal lands in a block after the latest one, so the votes as of the latest block are the ones it will see.
import { zeroAddress, type Address } from 'viem';
import { formatOpen } from '../format.ts';

export type ProposerStanding = {
	/** Votes the account has as of the latest block. */
	votes: bigint;
	/** The Governor's proposal threshold. */
	threshold: bigint;
	/** vOPEN the account holds itself. */
	wrapped: bigint;
	/** Who its own vOPEN votes for (zero: nobody yet). */
	delegate: Address;
	/** The votes the Governor counts for a proposal simulated now (at clock() - 1), when read. */
	countedNow?: bigint;
};

const votesText = (wei: bigint) => formatOpen(wei, { decimals: 18, symbol: wei === 10n ** 18n ? 'vote' : 'votes' });

/** Why the account cannot propose yet, or undefined when it can. */
export function proposerShortfall(standing: ProposerStanding): string | undefined {
	const { votes, threshold, wrapped, delegate } = standing;
	if (votes >= threshold) return undefined;
	const missing = threshold - votes;
	const start = `You have ${votesText(votes)}; proposing needs ${votesText(threshold)}`;
	if (wrapped > 0n && delegate === zeroAddress) {
		return wrapped >= missing
			? `${start}. You hold ${formatOpen(wrapped, { decimals: 18, symbol: 'vOPEN' })} that you have not delegated: delegate it (to yourself) to count it as votes.`
			: `${start}. You hold ${formatOpen(wrapped, { decimals: 18, symbol: 'vOPEN' })} that you have not delegated: delegate it (to yourself), and wrap and delegate ${formatOpen(missing - wrapped, { decimals: 18, symbol: 'more OPEN' })}.`;
	}
	return `${start}: wrap and delegate ${formatOpen(missing, { decimals: 18, symbol: 'more OPEN' })}.`;
}

/**
 * A note when the account has enough votes but the Governor does not count them yet (they were delegated in the
 * latest block's second): the proposal's own block will count them, but a check made now is refused.
 */
export function proposerPendingNote(standing: ProposerStanding): string | undefined {
	const { votes, threshold, countedNow } = standing;
	if (countedNow === undefined || votes < threshold || countedNow >= threshold) return undefined;
	return 'Your votes count for proposing from the next block: the Governor counts the votes you had one second before the block your proposal lands in. If submitting is refused for too few votes, wait for a new block and try again.';
}
