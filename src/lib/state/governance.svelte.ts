// Governance as the pages see it: the Governor's events (synced into IndexedDB, a ChainLogView) folded into
// proposals, merged with GovernorStorage's numbering, and each proposal's live standing (state, tallies, quorum,
// eta) read again on every block. Chain time is kept too: the Governor's clock is the block timestamp, which on a
// devnet may run ahead of the wall clock, so every "in 12 s" on the pages counts from it.
import { provenaGovernorAbi } from '$lib/chain/abis.ts';
import { getDeployments, NotDeployedError } from '$lib/chain/deployments/index.ts';
import { ChainLogView, type RefreshContext } from '$lib/chain/sync/chainLogView.svelte.ts';
import { syncLogs } from '$lib/chain/sync/syncLogs.ts';
import { getGovernorSettings, type GetGovernorSettingsReturnType } from '$lib/chain/actions/getGovernorSettings.ts';
import { getProposal, type GetProposalReturnType } from '$lib/chain/actions/getProposal.ts';
import { getStoredProposals } from '$lib/chain/actions/getStoredProposals.ts';
import { buildProposals, mergeStoredDetails, type ProposalView } from '$lib/governance/proposals.ts';
import type { StoredProposalDetails } from '$lib/governance/proposals.ts';
import type { ProposalFacts } from '$lib/governance/proposalRules.ts';

/** Canceled, Defeated, Expired, Executed. */
const finalStates = new Set([2, 3, 6, 7]);

export class Governance extends ChainLogView {
	proposals = $state.raw<ProposalView[]>();
	/** Each proposal's standing at the latest block read, by id. */
	live = $state.raw<ReadonlyMap<string, GetProposalReturnType>>(new Map());
	settings = $state.raw<GetGovernorSettingsReturnType>();
	/** The latest block's timestamp, and the wall-clock time (ms) it was read at. */
	chainTime = $state<{ timestamp: number; readAt: number }>();

	protected readonly subject = 'proposals';
	#stored: StoredProposalDetails[] = [];

	protected missingDeployment(chainId: number): string | undefined {
		return getDeployments(chainId) ? undefined : new NotDeployedError('ProvenaGovernor', chainId).message;
	}

	/** Chain time now, estimated from the latest block and the time since it was read; undefined before a read. */
	nowAt(wallClockMs: number): number | undefined {
		if (!this.chainTime) return undefined;
		return this.chainTime.timestamp + Math.max(0, Math.floor((wallClockMs - this.chainTime.readAt) / 1000));
	}

	/** What the rules need to know about proposal `id` at chain time `now`; undefined until it has been read. */
	factsOf(id: string, now: number): ProposalFacts | undefined {
		const proposal = this.proposals?.find((p) => p.id === id);
		const live = this.live.get(id);
		if (!proposal || !live) return undefined;
		return {
			state: live.state,
			voteStart: live.snapshot,
			voteEnd: live.deadline,
			eta: live.eta > 0 ? live.eta : proposal.queued?.eta,
			now,
			tally: live.tally,
			quorum: live.quorum,
			needsQueuing: live.needsQueuing,
			timelockDelay: this.settings?.timelockDelay,
			proposer: live.proposer
		};
	}

	protected async refresh({ chainId, client, store, onProgress }: RefreshContext): Promise<number> {
		const governor = getDeployments(chainId)!.contracts.ProvenaGovernor;
		const stream = `${chainId}:ProvenaGovernor:${governor.address}`;
		const { head } = await syncLogs({
			client,
			store,
			stream,
			address: governor.address,
			abi: provenaGovernorAbi,
			fromBlock: governor.blockNumber,
			onProgress
		});
		const [logs, settings, block] = await Promise.all([
			store.logs(stream),
			getGovernorSettings(client),
			client.getBlock({ blockNumber: BigInt(head) })
		]);
		// GovernorStorage numbers proposals in creation order; only the new ones are read.
		if (settings.proposalCount > this.#stored.length)
			this.#stored = [
				...this.#stored,
				...(await getStoredProposals(client, { from: this.#stored.length, to: settings.proposalCount }))
			];
		const proposals = mergeStoredDetails(buildProposals(logs ?? []), this.#stored);
		// A proposal cancelled, defeated, expired or executed never changes again: only the others are read anew.
		const live = new Map(
			await Promise.all(
				proposals.map(async (p) => {
					const known = this.live.get(p.id);
					if (known && finalStates.has(known.state)) return [p.id, known] as const;
					return [p.id, await getProposal(client, { proposalId: BigInt(p.id) })] as const;
				})
			)
		);
		await this.loadTimes(
			proposals.flatMap((p) =>
				[p.created, p.queued, p.executed, p.canceled, ...p.votes].flatMap((point) => (point ? [point.blockNumber] : []))
			)
		);
		this.settings = settings;
		this.proposals = proposals;
		this.live = live;
		this.chainTime = { timestamp: Number(block.timestamp), readAt: Date.now() };
		return head;
	}
}

export const governance = new Governance();
