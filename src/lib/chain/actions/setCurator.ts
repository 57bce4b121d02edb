// Appoints or removes a datanet curator (the datanet's owner only; an appointee must keep the minimum stake).
import type { Address } from 'viem';
import { datanetRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import { shortAddress } from '../../format.ts';
import type { ContractCall } from './contractCall.ts';

export type SetCuratorParameters = { datanetId: bigint; curator: Address; appointed: boolean; self?: boolean };
export type SetCuratorReturnType = ContractCall<typeof datanetRegistryAbi, 'setCurator'>;

/** The call that appoints (`appointed: true`) or removes `curator` on datanet `datanetId`. */
export function setCurator(chainId: number, { datanetId, curator, appointed, self }: SetCuratorParameters): SetCuratorReturnType {
	const who = self ? 'yourself' : shortAddress(curator);
	return {
		label: `${appointed ? `Appoint ${who} as curator of` : `Remove curator ${who} from`} datanet #${datanetId}`,
		address: getContractAddress(chainId, 'DatanetRegistry'),
		abi: datanetRegistryAbi,
		functionName: 'setCurator',
		args: [datanetId, curator, appointed]
	};
}
