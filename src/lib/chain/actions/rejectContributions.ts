// Rejects a batch of pending contributions with a reason kept on chain (a curator with the minimum stake only);
// their bonds are slashed to the treasury.
import { datanetRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';

export type RejectContributionsParameters = { datanetId: bigint; contributionIds: readonly bigint[]; reason: string };
export type RejectContributionsReturnType = ContractCall<typeof datanetRegistryAbi, 'reject'>;

/** The call that rejects `contributionIds` of datanet `datanetId` for `reason`. */
export function rejectContributions(chainId: number, { datanetId, contributionIds, reason }: RejectContributionsParameters): RejectContributionsReturnType {
	return {
		label: `Reject ${contributionIds.map((id) => `#${id}`).join(', ')} (bond slashed)`,
		address: getContractAddress(chainId, 'DatanetRegistry'),
		abi: datanetRegistryAbi,
		functionName: 'reject',
		args: [datanetId, contributionIds, reason]
	};
}
