// The manifest of the version an approval will publish. DatanetRegistry.approve publishes the version in the same
// transaction and takes the manifest's CID as an argument, so the page must know the version before it exists: the
// contributions accepted so far in acceptance order, then the batch in the order sent, and the Merkle root the
// contract will compute over their leaves (the TypeScript twin of its tree gives the same root).
import type { Address } from 'viem';
import { versionManifestOf, type VersionManifest, type VersionManifestContribution } from '../ipfs/versionManifest.ts';
import type { ContributionView, DatanetState, DatanetView } from '../state/datanetState.ts';
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';

export type NextVersionManifestParameters = {
	chainId: number;
	registry: Address;
	datanet: DatanetView;
	state: DatanetState;
	/** The pending contributions to approve, in the order the transaction will send them. */
	approve: readonly string[];
};

/**
 * The manifest of the version `approve(datanet, ids, manifestCid)` will publish.
 *
 * @example
 * const manifest = nextVersionManifest({ chainId, registry, datanet, state, approve: ['4', '7'] });
 */
export function nextVersionManifest({
	chainId,
	registry,
	datanet,
	state,
	approve
}: NextVersionManifestParameters): VersionManifest {
	const byId = (id: string): ContributionView => {
		const c = state.contributions.get(id);
		if (!c || c.datanetId !== datanet.id)
			throw new ProvenaError(`Contribution #${id} is not in datanet #${datanet.id}; reload the page to sync again.`);
		return c;
	};
	const accepted = datanet.contributionIds
		.map(byId)
		.filter((c) => c.status === 'approved')
		.sort((a, b) => (a.acceptedSeq ?? 0) - (b.acceptedSeq ?? 0));
	const batch = approve.map(byId);
	for (const c of batch)
		if (c.status !== 'pending')
			throw new ProvenaError(
				`Contribution #${c.id} is ${c.status}, not pending; only pending contributions can be approved.`
			);
	const all = [...accepted, ...batch];
	const contributions: VersionManifestContribution[] = all.map((c, i) => ({
		id: c.id,
		cid: c.contentCid,
		contentHash: c.contentHash,
		byteSize: c.byteSize.toString(),
		acceptedSeq: i + 1,
		contributor: c.contributor
	}));
	return versionManifestOf({
		chainId,
		registry,
		datanetId: datanet.id,
		version: datanet.versions.length + 1,
		contributions
	});
}
