// Anchors a contribution on chain: its records' CID and SHA-256 with their counts, and the bond, which comes back
// after approval and is lost if a curator rejects it.
import type { Hex } from 'viem';
import { datanetRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';

export type ContributeParameters = {
	datanetId: bigint;
	contentCid: string;
	contentHash: Hex;
	byteSize: number;
	tokenCount: number;
	recordCount: number;
	/** The bond in wei, as ProtocolParams' `contributionBond` says (see getContributionBond). */
	bond: bigint;
};
export type ContributeReturnType = ContractCall<typeof datanetRegistryAbi, 'contribute'>;

/** The call that contributes `recordCount` records to datanet `datanetId`, sending the bond with it. */
export function contribute(chainId: number, p: ContributeParameters): ContributeReturnType {
	return {
		label: `Contribute ${p.recordCount} records to datanet #${p.datanetId}`,
		address: getContractAddress(chainId, 'DatanetRegistry'),
		abi: datanetRegistryAbi,
		functionName: 'contribute',
		args: [
			p.datanetId,
			{
				contentCid: p.contentCid,
				contentHash: p.contentHash,
				byteSize: BigInt(p.byteSize),
				tokenCount: BigInt(p.tokenCount),
				recordCount: BigInt(p.recordCount)
			}
		],
		value: p.bond,
		valueLabel: 'Bond (returned after approval; lost if rejected)'
	};
}
