// Recognises the registry's "curator stake too low" revert and reads its numbers, so the page can offer to stake
// what is missing right beside the failed transaction. The error is found in the generated ABI by the end of its
// name: the contracts prefix error names with the contract's (`<Contract><Problem>`), and the match must follow them.
import type { Address, ContractErrorArgs, ContractErrorName } from 'viem';
import { datanetRegistryAbi } from './abis.ts';

type RegistryAbi = typeof datanetRegistryAbi;
/** The error's name as the generated ABI spells it. */
export type CuratorStakeTooLowName = Extract<ContractErrorName<RegistryAbi>, `${string}CuratorStakeTooLow`>;

/** The error's name in the registry's ABI; a test holds it present, so a rename cannot silently break the offer. */
export const curatorStakeTooLowName: CuratorStakeTooLowName | undefined = datanetRegistryAbi.find(
	(item): item is Extract<RegistryAbi[number], { type: 'error'; name: CuratorStakeTooLowName }> =>
		item.type === 'error' && item.name.endsWith('CuratorStakeTooLow')
)?.name;

/** Who was short of stake, how much they have and how much is required (wei). */
export type CuratorStakeShortfall = { account: Address; stake: bigint; required: bigint };

/** The shortfall a decoded revert reports, or undefined when it is another error. */
export function curatorStakeShortfall(revert: { errorName: string; args: readonly unknown[] } | undefined): CuratorStakeShortfall | undefined {
	if (!revert || !curatorStakeTooLowName || revert.errorName !== curatorStakeTooLowName) return undefined;
	const [account, stake, required] = revert.args as ContractErrorArgs<RegistryAbi, CuratorStakeTooLowName>;
	return { account, stake, required };
}
