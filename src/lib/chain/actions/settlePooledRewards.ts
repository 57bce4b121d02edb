// Credits contributions with what the pool of a model's adapter version owes them: one call for all the
// contributions of one pool, so settling a contributor's pooled rewards costs one transaction per pool.
import { attributionLedgerAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { formatOpen } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';

export type SettlePooledRewardsParameters = {
	modelId: bigint;
	adapterVersion: number;
	/** The contributions to settle, ascending. */
	contributionIds: readonly bigint[];
	/** What the pool owes them (pooledRewardOf summed), for the label. */
	amount: bigint;
};
export type SettlePooledRewardsReturnType = ContractCall<typeof attributionLedgerAbi, 'settlePooledRewards'>;

/**
 * The call that settles `contributionIds` against the pool of model `modelId`'s adapter version `adapterVersion`.
 *
 * @example
 * settlePooledRewards(31337, { modelId: 1n, adapterVersion: 1, contributionIds: [3n, 7n], amount: 10n ** 15n });
 * // label: 'Settle 0.001 OPEN of pooled rewards (model #1, adapter v1, 2 contributions)'
 */
export function settlePooledRewards(
	chainId: number,
	{ modelId, adapterVersion, contributionIds, amount }: SettlePooledRewardsParameters
): SettlePooledRewardsReturnType {
	const count = contributionIds.length;
	return {
		label: `Settle ${formatOpen(amount, { decimals: 18 })} of pooled rewards (model #${modelId}, adapter v${adapterVersion}, ${count} contribution${count === 1 ? '' : 's'})`,
		address: getContractAddress(chainId, 'AttributionLedger'),
		abi: attributionLedgerAbi,
		functionName: 'settlePooledRewards',
		args: [modelId, adapterVersion, [...contributionIds]]
	};
}
