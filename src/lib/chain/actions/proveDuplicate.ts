// Proves a pending contribution an exact copy of an accepted one (anyone may): its bond is slashed, partly to the
// prover as a bounty they claim from the registry.
import { datanetRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';

export type ProveDuplicateParameters = { duplicateId: bigint; originalId: bigint };
export type ProveDuplicateReturnType = ContractCall<typeof datanetRegistryAbi, 'proveDuplicate'>;

/** The call that proves `duplicateId` a copy of the accepted `originalId`. */
export function proveDuplicate(chainId: number, { duplicateId, originalId }: ProveDuplicateParameters): ProveDuplicateReturnType {
	return {
		label: `Prove #${duplicateId} a copy of #${originalId}`,
		address: getContractAddress(chainId, 'DatanetRegistry'),
		abi: datanetRegistryAbi,
		functionName: 'proveDuplicate',
		args: [duplicateId, originalId]
	};
}
