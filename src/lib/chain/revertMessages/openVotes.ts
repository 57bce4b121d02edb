// OpenVotes' (vOPEN) refusals and the OpenZeppelin token errors it can raise, in words and units.
import type { RevertSentences } from './types.ts';
import { addr, open, when } from './units.ts';

export const openVotesSentences: RevertSentences = {
	OpenVotesZeroAmount: () => 'The amount is zero. Enter an amount of OPEN above zero.',
	OpenVotesInvalidReceiver: ([receiver]) =>
		`vOPEN or OPEN cannot be sent to ${addr(receiver)} (the zero address or the vOPEN contract itself), where it would be stuck. Enter another address.`,
	OpenVotesNativeTransferFailed: ([receiver, amount]) =>
		`Sending ${open(amount)} to ${addr(receiver)} failed: that account refuses OPEN. Unwrap to another address; your vOPEN is kept.`,
	ERC20InsufficientBalance: ([sender, balance, needed]) =>
		`${addr(sender)} has ${open(balance, 'vOPEN')}; this needs ${open(needed, 'vOPEN')}. Enter at most ${open(balance, 'vOPEN')}, or wrap more OPEN first.`,
	ERC20InsufficientAllowance: ([spender, allowance, needed]) =>
		`${addr(spender)} may spend ${open(allowance, 'vOPEN')} of yours; this needs ${open(needed, 'vOPEN')}. Approve a larger amount first.`,
	ERC20InvalidApprover: ([approver]) => `${addr(approver)} cannot approve spending (the zero address). Use a real account.`,
	ERC20InvalidReceiver: ([receiver]) =>
		`vOPEN cannot be sent to ${addr(receiver)} (the zero address). Enter the receiving address.`,
	ERC20InvalidSender: ([sender]) => `vOPEN cannot be sent from ${addr(sender)} (the zero address). Use a real account.`,
	ERC20InvalidSpender: ([spender]) =>
		`${addr(spender)} (the zero address) cannot be allowed to spend vOPEN. Enter the spender's address.`,
	ERC20ExceededSafeSupply: ([increasedSupply, cap]) =>
		`That would bring the vOPEN supply to ${open(increasedSupply, 'vOPEN')}, above the most votes can count (${open(cap, 'vOPEN')}). Wrap a smaller amount.`,
	ERC2612ExpiredSignature: ([deadline], context) =>
		`The signed approval expired on ${when(deadline, context)}. Sign a new one.`,
	ERC2612InvalidSigner: ([signer, owner]) =>
		`The approval was signed by ${addr(signer)}, not by the owner ${addr(owner)}. Sign it with the owner's account.`,
	ERC5805FutureLookup: ([timepoint, clock]) =>
		`Votes at ${timepoint} cannot be read yet: the clock is at ${clock}. Ask for a past time.`,
	ERC6372InconsistentClock: () =>
		"The token's clock does not match the one votes were recorded with. Report this: the deployment is inconsistent.",
	VotesExpiredSignature: ([expiry], context) =>
		`The signed delegation expired on ${when(expiry, context)}. Sign a new one.`,
	CheckpointUnorderedInsertion: () =>
		'Votes were recorded out of order. Try again in the next block.',
	InvalidAccountNonce: ([account, currentNonce]) =>
		`The signature of ${addr(account)} was made for another nonce (the current one is ${currentNonce}). Sign again.`
};
