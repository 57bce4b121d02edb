// The two actions besides parameter changes that a proposal form builds: a transfer of native OPEN out of the
// treasury (the Timelock holds it, so the action is a plain value call from the Timelock to the recipient) and a
// slash of a staker (Staking.slash, which only the Timelock may call, capped per slash at maxSlashOf(staker)).
import { encodeFunctionData, type Address } from 'viem';
import { stakingAbi } from '../chain/abis.ts';
import { getContractAddress } from '../chain/deployments/index.ts';
import { formatOpen } from '../format.ts';
import type { ProposalAction } from './describeAction.ts';

/** The action that sends `amount` wei of OPEN from the treasury to `recipient`. */
export function treasuryTransferAction({ recipient, amount }: { recipient: Address; amount: bigint }): ProposalAction {
	return { target: recipient, value: amount, calldata: '0x' };
}

/** A warning when the treasury holds less than a transfer sends (the proposal would fail when executed). */
export function treasuryTransferWarning(amount: bigint, treasuryBalance: bigint | undefined): string | undefined {
	if (treasuryBalance === undefined || amount <= treasuryBalance) return undefined;
	return `The treasury holds ${formatOpen(treasuryBalance, { decimals: 18 })}, less than the ${formatOpen(amount, { decimals: 18 })} this sends: unless it receives more before execution, executing the proposal will fail.`;
}

/** The action that slashes `amount` wei of `staker`'s stake, with the reason recorded on chain. */
export function slashAction(
	chainId: number,
	{ staker, amount, reason }: { staker: Address; amount: bigint; reason: string }
): ProposalAction {
	return {
		target: getContractAddress(chainId, 'Staking'),
		value: 0n,
		calldata: encodeFunctionData({ abi: stakingAbi, functionName: 'slash', args: [staker, amount, reason.trim()] })
	};
}

/** Why a slash of `amount` cannot pass: above the per-slash cap (Staking.maxSlashOf). */
export function slashProblem(amount: bigint, maxSlash: bigint | undefined): string | undefined {
	if (maxSlash === undefined || amount <= maxSlash) return undefined;
	return maxSlash === 0n
		? 'This account has nothing staked to slash.'
		: `One slash may take at most ${formatOpen(maxSlash, { decimals: 18 })} of this stake (the largest share a slash may take); lower the amount.`;
}
