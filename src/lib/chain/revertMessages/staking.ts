// Staking's refusals, with its vaults' and the shared pull-payment (Claims) ones, in words and units.
import type { RevertSentences } from './types.ts';
import { addr, big, open, when } from './units.ts';

export const stakingSentences: RevertSentences = {
	StakingZeroAmount: () => 'The amount is zero. Enter an amount of OPEN above zero.',
	StakingBelowMinimum: ([stake, minimum]) =>
		big(stake) < big(minimum)
			? `Your active stake would be ${open(stake)}, below the minimum of ${open(minimum)}. Stake at least ${open(minimum)} in all, or unstake everything.`
			: `Your active stake would be ${open(stake)}; the minimum is ${open(minimum)}. Change the amount, then try again.`,
	StakingInsufficientStake: ([requested, available]) =>
		`${open(requested)} was asked for, but only ${open(available)} is staked. Enter at most ${open(available)}.`,
	StakingNoStake: ([staker]) =>
		`${addr(staker)} has never staked, so there is no stake to delegate. Stake first.`,
	StakingNothingUnbonding: ([staker]) =>
		`${addr(staker)} has no stake unbonding. Request to unstake first.`,
	StakingUnbondingNotFinished: ([releaseAt], context) =>
		`Your unbonding stake unlocks on ${when(releaseAt, context)}. Withdraw it after that.`,
	StakingSlashAboveCap: ([amount, cap]) =>
		`One slash may take at most ${open(cap)} of this stake now (the cap is a share of its active and unbonding stake), and ${open(amount)} was asked for. Propose a slash of at most ${open(cap)}; taking more needs a further proposal.`,
	StakingNotGovernance: ([caller]) =>
		`Only governance (the Timelock) can slash stake; ${addr(caller)} cannot. Propose it through governance.`,
	StakingRewardSourceAlreadySet: () =>
		'The reward source was wired at deployment and cannot be changed. Nothing to do.',
	StakingUnexpectedSender: ([sender]) =>
		`The Staking contract does not take plain OPEN transfers (from ${addr(sender)}). Use Stake to stake, or add rewards with notifyRewards.`,
	StakingInvalidAddress: ([account]) =>
		`${addr(account)} is the zero address. Enter a real address.`,
	StakeVaultUnauthorized: ([caller]) =>
		`Only the Staking contract can move a stake vault's OPEN; ${addr(caller)} cannot. Use the Staking page.`,
	ClaimsNothingToClaim: ([account]) =>
		`${addr(account)} has nothing to claim here yet. Nothing to do until rewards or bonds are credited.`,
	ClaimsTransferFailed: ([receiver, amount]) =>
		`Sending ${open(amount)} to ${addr(receiver)} failed: that account refuses OPEN. Claim to another address; your credit is kept.`,
	ClaimsInvalidReceiver: ([receiver]) =>
		big(receiver) === 0n
			? `Claims cannot be sent to ${addr(receiver)} (the zero address). Enter the receiving address.`
			: `Claims cannot be sent to ${addr(receiver)}: OPEN sent there would not reach you (the vOPEN token would wrap it for the paying contract). Claim to your own address, then wrap it into vOPEN yourself if you want votes.`
};
