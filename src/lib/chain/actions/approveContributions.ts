// Approves a batch of pending contributions (a curator with the minimum stake only), which publishes the
// datanet's next version; the version manifest must be on IPFS first. The version number is read from the
// receipt's event, so the page can link to it at once.
import { parseEventLogs, type Log } from 'viem';
import { datanetRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';

export type ApproveContributionsParameters = {
	datanetId: bigint;
	contributionIds: readonly bigint[];
	manifestCid: string;
	/** The version the approval publishes, for the label. */
	nextVersion: number;
};
export type ApproveContributionsReturnType = ContractCall<typeof datanetRegistryAbi, 'approve'>;

/** The call that approves `contributionIds` and publishes version `nextVersion` with manifest `manifestCid`. */
export function approveContributions(chainId: number, p: ApproveContributionsParameters): ApproveContributionsReturnType {
	return {
		label: `Approve ${p.contributionIds.map((id) => `#${id}`).join(', ')} and publish version ${p.nextVersion}`,
		address: getContractAddress(chainId, 'DatanetRegistry'),
		abi: datanetRegistryAbi,
		functionName: 'approve',
		args: [p.datanetId, p.contributionIds, p.manifestCid]
	};
}

/** The datanet and version a confirmed approval published, from its receipt's logs; undefined if absent. */
export function publishedVersion(logs: readonly Log[]): { datanetId: bigint; version: number; manifestCid: string } | undefined {
	const event = parseEventLogs({ abi: datanetRegistryAbi, eventName: 'VersionPublished', logs: [...logs] })[0];
	return event && { datanetId: event.args.datanetId, version: event.args.version, manifestCid: event.args.manifestCid };
}
