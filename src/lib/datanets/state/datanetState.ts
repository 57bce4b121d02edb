// Datanet state without a backend: the DatanetRegistry's events (and the AttributionLedger's rewards) are folded, in
// chain order, into the views the pages show. The fold is pure: the same logs always give the same state, so the
// page can rebuild it from the log store after every sync, and after a reorg rewinds the store.
import type { Address, Hex } from 'viem';
import type { StoredLog } from '../../chain/sync/logStore.ts';
import { argsOf } from '../../chain/sync/storedLogArgs.ts';

export { MalformedLogError } from '../../chain/sync/storedLogArgs.ts';

export type ContributionStatus = 'pending' | 'approved' | 'rejected' | 'duplicate' | 'withdrawn';

/** A published version: the contributions accepted up to it. */
export type VersionView = {
	version: number;
	root: Hex;
	acceptedCount: number;
	acceptedBytes: bigint;
	manifestCid: string;
	blockNumber: number;
	transactionHash: Hex;
	/** Contributions with `acceptedSeq <= acceptedCount`, in acceptance order (the Merkle tree's leaf order). */
	contributionIds: string[];
};

export type DatanetView = {
	id: string;
	owner: Address;
	kind: number;
	metadataCid: string;
	licence: string;
	acceptedFormats: string[];
	/** Currently appointed curators, in the order of their latest appointment. */
	curators: Address[];
	createdBlock: number;
	createdTx: Hex;
	/** Block of the latest DatanetUpdated, if any. */
	updatedBlock?: number;
	/** Every contribution submitted, by id. */
	contributionIds: string[];
	pendingCount: number;
	acceptedCount: number;
	rejectedCount: number;
	/** Proven duplicates (slashed like rejections, but not counted in `rejectedCount`). */
	duplicateCount: number;
	/** Taken back by their contributors after the review timeout, unreviewed. */
	withdrawnCount: number;
	acceptedBytes: bigint;
	acceptedTokens: bigint;
	acceptedRecords: bigint;
	/** By version number. */
	versions: VersionView[];
	latestVersion?: VersionView;
	/** Distinct accounts that submitted at least one contribution. */
	contributorCount: number;
	/** What the datanet's contributions earned from answers, in wei. */
	rewardsEarned: bigint;
};

export type ContributionView = {
	id: string;
	datanetId: string;
	contributor: Address;
	contentCid: string;
	contentHash: Hex;
	byteSize: bigint;
	tokenCount: bigint;
	recordCount: bigint;
	/** The bond still held, as the registry's `contribution(id).bond`: 0 once slashed or released. */
	bond: bigint;
	/** The bond sent with the contribution. */
	bondPosted: bigint;
	status: ContributionStatus;
	acceptedSeq?: number;
	/** Who approved or rejected it. */
	curator?: Address;
	/** The rejection reason. */
	reason?: string;
	/** The bond taken on rejection or duplicate proof. */
	slashed?: bigint;
	/** The accepted contribution this one copies. */
	duplicateOf?: string;
	/** Who proved it a duplicate, and the bounty they earned. */
	prover?: Address;
	bounty?: bigint;
	bondReleased: boolean;
	/** Attributed and pooled rewards, in wei. */
	rewardsEarned: bigint;
	submittedBlock: number;
	submittedTx: Hex;
	decidedBlock?: number;
	decidedTx?: Hex;
};

export type DatanetState = {
	/** By id ascending. */
	datanets: DatanetView[];
	/** By id, in submission order. */
	contributions: Map<string, ContributionView>;
};

export type LeaderboardEntry = {
	contributor: Address;
	submitted: number;
	accepted: number;
	rejected: number;
	duplicates: number;
	/** accepted / decided (accepted + rejected + duplicates); 0 while nothing is decided. */
	acceptanceRate: number;
	acceptedBytes: bigint;
	earnings: bigint;
};

type Draft = Omit<
	DatanetView,
	| 'curators'
	| 'pendingCount'
	| 'acceptedCount'
	| 'rejectedCount'
	| 'duplicateCount'
	| 'withdrawnCount'
	| 'acceptedBytes'
	| 'acceptedTokens'
	| 'acceptedRecords'
	| 'latestVersion'
	| 'contributorCount'
	| 'rewardsEarned'
> & {
	curators: Map<string, Address>;
	/** Contribution ids by acceptedSeq - 1. */
	accepted: string[];
};

const byChainOrder = (a: StoredLog, b: StoredLog) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex;
const byId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Folds the DatanetRegistry's logs (and optionally the AttributionLedger's) into datanet and contribution views.
 * Logs may come in any order; events about datanets or contributions missing from the logs are skipped.
 *
 * @example
 * const state = buildDatanetState(await store.logs(registryStream), await store.logs(ledgerStream));
 * const datanet = datanetById(state, '1');
 */
export function buildDatanetState(
	registryLogs: readonly StoredLog[],
	ledgerLogs: readonly StoredLog[] = []
): DatanetState {
	const drafts = new Map<string, Draft>();
	const contributions = new Map<string, ContributionView>();

	for (const log of [...registryLogs].sort(byChainOrder)) {
		const a = argsOf(log);
		switch (log.eventName) {
			case 'DatanetCreated': {
				const id = a.id('datanetId');
				drafts.set(id, {
					id,
					owner: a.address('owner'),
					kind: a.num('kind'),
					metadataCid: a.str('metadataCid'),
					licence: a.str('licence'),
					acceptedFormats: a.strings('acceptedFormats'),
					curators: new Map(),
					createdBlock: log.blockNumber,
					createdTx: log.transactionHash,
					contributionIds: [],
					versions: [],
					accepted: []
				});
				break;
			}
			case 'DatanetUpdated': {
				const draft = drafts.get(a.id('datanetId'));
				if (!draft) break;
				draft.metadataCid = a.str('metadataCid');
				draft.licence = a.str('licence');
				draft.acceptedFormats = a.strings('acceptedFormats');
				draft.updatedBlock = log.blockNumber;
				break;
			}
			case 'DatanetOwnershipTransferred': {
				const draft = drafts.get(a.id('datanetId'));
				if (draft) draft.owner = a.address('newOwner');
				break;
			}
			case 'CuratorSet': {
				const draft = drafts.get(a.id('datanetId'));
				if (!draft) break;
				const curator = a.address('curator');
				// Re-appointing moves a curator to the end: the list is in order of the current appointments.
				draft.curators.delete(curator);
				if (a.bool('appointed')) draft.curators.set(curator, curator);
				break;
			}
			case 'ContributionSubmitted': {
				const id = a.id('contributionId');
				const datanetId = a.id('datanetId');
				const draft = drafts.get(datanetId);
				if (!draft) break;
				const bond = a.big('bond');
				contributions.set(id, {
					id,
					datanetId,
					contributor: a.address('contributor'),
					contentCid: a.str('contentCid'),
					contentHash: a.hex('contentHash'),
					byteSize: a.big('byteSize'),
					tokenCount: a.big('tokenCount'),
					recordCount: a.big('recordCount'),
					bond,
					bondPosted: bond,
					status: 'pending',
					bondReleased: false,
					rewardsEarned: 0n,
					submittedBlock: log.blockNumber,
					submittedTx: log.transactionHash
				});
				draft.contributionIds.push(id);
				break;
			}
			case 'ContributionApproved': {
				const c = contributions.get(a.id('contributionId'));
				if (!c) break;
				const seq = a.num('acceptedSeq');
				c.status = 'approved';
				c.acceptedSeq = seq;
				c.curator = a.address('curator');
				c.decidedBlock = log.blockNumber;
				c.decidedTx = log.transactionHash;
				const draft = drafts.get(c.datanetId);
				if (draft) draft.accepted[seq - 1] = c.id;
				break;
			}
			case 'ContributionRejected': {
				const c = contributions.get(a.id('contributionId'));
				if (!c) break;
				c.status = 'rejected';
				c.curator = a.address('curator');
				c.reason = a.str('reason');
				c.slashed = a.big('slashedBond');
				c.bond = 0n;
				c.decidedBlock = log.blockNumber;
				c.decidedTx = log.transactionHash;
				break;
			}
			case 'DuplicateProven': {
				const c = contributions.get(a.id('duplicateId'));
				if (!c) break;
				c.status = 'duplicate';
				c.duplicateOf = a.id('originalId');
				c.prover = a.address('prover');
				c.bounty = a.big('bounty');
				c.slashed = c.bounty + a.big('toTreasury');
				c.bond = 0n;
				c.decidedBlock = log.blockNumber;
				c.decidedTx = log.transactionHash;
				break;
			}
			case 'ContributionWithdrawn': {
				// Its contributor took it back unreviewed; the bond became a registry credit to claim.
				const c = contributions.get(a.id('contributionId'));
				if (!c) break;
				c.status = 'withdrawn';
				c.bondReleased = true;
				c.bond = 0n;
				c.decidedBlock = log.blockNumber;
				c.decidedTx = log.transactionHash;
				break;
			}
			case 'BondReleased': {
				const c = contributions.get(a.id('contributionId'));
				if (!c) break;
				c.bondReleased = true;
				c.bond = 0n;
				break;
			}
			case 'VersionPublished': {
				const draft = drafts.get(a.id('datanetId'));
				if (!draft) break;
				draft.versions.push({
					version: a.num('version'),
					root: a.hex('root'),
					acceptedCount: a.num('acceptedCount'),
					acceptedBytes: a.big('acceptedBytes'),
					manifestCid: a.str('manifestCid'),
					blockNumber: log.blockNumber,
					transactionHash: log.transactionHash,
					contributionIds: []
				});
				break;
			}
			default:
				// Claimed and any other event: not part of datanet state.
				break;
		}
	}

	// Rewards only add up, so they need no interleaving with the registry's events; folding them after keeps a
	// reward whose ledger stream synced further than the registry's from being lost for the contribution's absence.
	for (const log of [...ledgerLogs].sort(byChainOrder)) {
		if (log.eventName !== 'ContributionRewarded' && log.eventName !== 'PooledRewardSettled') continue;
		const a = argsOf(log);
		const c = contributions.get(a.id('contributionId'));
		if (c) c.rewardsEarned += a.big('amount');
	}

	const datanets = [...drafts.values()]
		.sort((x, y) => byId(x.id, y.id))
		.map((draft): DatanetView => {
			const { curators, accepted, ...rest } = draft;
			const view: DatanetView = {
				...rest,
				curators: [...curators.values()],
				pendingCount: 0,
				acceptedCount: 0,
				rejectedCount: 0,
				duplicateCount: 0,
				withdrawnCount: 0,
				acceptedBytes: 0n,
				acceptedTokens: 0n,
				acceptedRecords: 0n,
				contributorCount: 0,
				rewardsEarned: 0n
			};
			const contributors = new Set<string>();
			for (const id of draft.contributionIds) {
				const c = contributions.get(id)!;
				contributors.add(c.contributor);
				view.rewardsEarned += c.rewardsEarned;
				if (c.status === 'pending') view.pendingCount++;
				else if (c.status === 'rejected') view.rejectedCount++;
				else if (c.status === 'duplicate') view.duplicateCount++;
				else if (c.status === 'withdrawn') view.withdrawnCount++;
				else {
					view.acceptedCount++;
					view.acceptedBytes += c.byteSize;
					view.acceptedTokens += c.tokenCount;
					view.acceptedRecords += c.recordCount;
				}
			}
			view.contributorCount = contributors.size;
			const inOrder = accepted.filter((id) => id !== undefined);
			view.versions = draft.versions
				.sort((x, y) => x.version - y.version)
				.map((v) => ({ ...v, contributionIds: inOrder.slice(0, v.acceptedCount) }));
			const latest = view.versions.at(-1);
			if (latest) view.latestVersion = latest;
			return view;
		});

	return { datanets, contributions };
}

export function datanetById(state: DatanetState, id: string): DatanetView | undefined {
	return state.datanets.find((d) => d.id === id);
}

/** A datanet's contributions in submission order, optionally of one status. */
export function contributionsOf(
	state: DatanetState,
	datanetId: string,
	options: { status?: ContributionStatus } = {}
): ContributionView[] {
	const ids = datanetById(state, datanetId)?.contributionIds ?? [];
	return ids
		.map((id) => state.contributions.get(id)!)
		.filter((c) => options.status === undefined || c.status === options.status);
}

/** Whether `account` is currently a curator of the datanet. */
export function curatorOf(state: DatanetState, datanetId: string, account: string): boolean {
	return datanetById(state, datanetId)?.curators.some((c) => sameAddress(c, account)) ?? false;
}

/** Every contribution `account` submitted, across datanets, in submission order. */
export function contributionsBy(state: DatanetState, account: string): ContributionView[] {
	return [...state.contributions.values()].filter((c) => sameAddress(c.contributor, account));
}

/** A datanet's contributors: most accepted first, then most earned, then by address. */
export function leaderboard(state: DatanetState, datanetId: string): LeaderboardEntry[] {
	const entries = new Map<string, LeaderboardEntry>();
	for (const c of contributionsOf(state, datanetId)) {
		let entry = entries.get(c.contributor);
		if (!entry) {
			entry = {
				contributor: c.contributor,
				submitted: 0,
				accepted: 0,
				rejected: 0,
				duplicates: 0,
				acceptanceRate: 0,
				acceptedBytes: 0n,
				earnings: 0n
			};
			entries.set(c.contributor, entry);
		}
		entry.submitted++;
		entry.earnings += c.rewardsEarned;
		if (c.status === 'approved') {
			entry.accepted++;
			entry.acceptedBytes += c.byteSize;
		} else if (c.status === 'rejected') entry.rejected++;
		else if (c.status === 'duplicate') entry.duplicates++;
	}
	const list = [...entries.values()];
	for (const entry of list) {
		const decided = entry.accepted + entry.rejected + entry.duplicates;
		entry.acceptanceRate = decided === 0 ? 0 : entry.accepted / decided;
	}
	return list.sort(
		(x, y) =>
			y.accepted - x.accepted ||
			(y.earnings > x.earnings ? 1 : y.earnings < x.earnings ? -1 : 0) ||
			(x.contributor.toLowerCase() < y.contributor.toLowerCase() ? -1 : 1)
	);
}
