// Releases the bonds of approved contributions once the bond-release delay has passed (anyone may send it); each
// bond is credited to its contributor, who claims it from the registry.
import { datanetRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';

export type ReleaseBondsParameters = { contributionIds: readonly bigint[] };
export type ReleaseBondsReturnType = ContractCall<typeof datanetRegistryAbi, 'releaseBonds'>;

/** The call that releases the bonds of `contributionIds`. */
export function releaseBonds(chainId: number, { contributionIds }: ReleaseBondsParameters): ReleaseBondsReturnType {
	return {
		label: `Release the bond${contributionIds.length > 1 ? 's' : ''} of ${contributionIds.map((id) => `#${id}`).join(', ')}`,
		address: getContractAddress(chainId, 'DatanetRegistry'),
		abi: datanetRegistryAbi,
		functionName: 'releaseBonds',
		args: [contributionIds]
	};
}
