// Where each contribution's bond stands — held while pending (withdrawable with it once no curator decided within
// the review timeout), locked for the release delay after approval, then releasable, released, withdrawn or
// slashed — with the withdraw, release and claim actions for its contributor. Times are the chain's:
// the delay counts from the approval block's timestamp, and "now" is the latest block's clock carried forward.
import type { Config } from '@wagmi/core';
import { getBlock } from 'viem/actions';
import type { Address } from 'viem';
import { claimRegistryCredit } from '$lib/chain/actions/claimRegistryCredit.ts';
import { getBondReleaseDelay } from '$lib/chain/actions/getBondReleaseDelay.ts';
import { getContribution } from '$lib/chain/actions/getContribution.ts';
import { getReviewTimeout } from '$lib/chain/actions/getReviewTimeout.ts';
import { getRegistryClaimable } from '$lib/chain/actions/getRegistryClaimable.ts';
import { readClientOf } from '$lib/chain/actions/readClient.ts';
import { releaseBonds } from '$lib/chain/actions/releaseBonds.ts';
import { withdrawContribution } from '$lib/chain/actions/withdrawContribution.ts';
import { TransactionFlow } from '$lib/chain/transactions/transactionFlow.svelte.ts';
import type { ContributionView } from '$lib/datanets/state/datanetState.ts';

/** A contribution's bond, as the page shows it. */
export type BondState =
	| { kind: 'none' }
	| { kind: 'held'; withdrawableAt?: number }
	| { kind: 'withdrawable' }
	| { kind: 'withdrawn' }
	| { kind: 'locked'; releasableAt: number; secondsLeft: number }
	| { kind: 'releasable' }
	| { kind: 'released' }
	| { kind: 'slashed'; amount: bigint }
	| { kind: 'unknown' };

/**
 * The bond state of `c`, given when it was decided (chain seconds), the release delay and the chain's now; for a
 * pending contribution, when it was submitted and the review timeout, once known.
 */
export function bondStateOf(
	c: ContributionView,
	decidedAt: number | undefined,
	delay: number | undefined,
	now: number,
	review: { submittedAt?: number; timeout?: number } = {}
): BondState {
	if (c.bondPosted === 0n) return { kind: 'none' };
	if (c.status === 'withdrawn') return { kind: 'withdrawn' };
	if (c.status === 'pending') {
		if (review.submittedAt === undefined || review.timeout === undefined) return { kind: 'held' };
		const withdrawableAt = review.submittedAt + review.timeout;
		return now >= withdrawableAt ? { kind: 'withdrawable' } : { kind: 'held', withdrawableAt };
	}
	if (c.status === 'rejected' || c.status === 'duplicate') return { kind: 'slashed', amount: c.slashed ?? c.bondPosted };
	if (c.bondReleased || c.bond === 0n) return { kind: 'released' };
	if (decidedAt === undefined || delay === undefined) return { kind: 'unknown' };
	const releasableAt = decidedAt + delay;
	return now >= releasableAt ? { kind: 'releasable' } : { kind: 'locked', releasableAt, secondsLeft: releasableAt - now };
}

export class BondRelease {
	/** Seconds a bond stays locked after approval. */
	delay = $state<number>();
	/** Approval times (chain seconds) of approved contributions whose bond is still held, by id. */
	decidedAt = $state.raw<ReadonlyMap<string, number>>(new Map());
	/** Seconds a contribution may wait for review before its contributor may withdraw it. */
	reviewTimeout = $state<number>();
	/** Submission times (chain seconds) of pending contributions, by id. */
	submittedAt = $state.raw<ReadonlyMap<string, number>>(new Map());
	/** What the connected account can claim from the registry (released bonds, bounties). */
	claimable = $state<bigint>();
	/** The chain's clock, in seconds, ticking with the page's. */
	now = $state(Math.floor(Date.now() / 1000));
	readonly tx: TransactionFlow;
	readonly #config: Config;
	#clockOffset = 0;

	constructor(config: Config, onChanged: () => void) {
		this.#config = config;
		this.tx = new TransactionFlow(config, { onConfirmed: () => onChanged() });
	}

	/** The bond state of one contribution now. */
	stateOf(c: ContributionView): BondState {
		return bondStateOf(c, this.decidedAt.get(c.id), this.delay, this.now, {
			submittedAt: this.submittedAt.get(c.id),
			timeout: this.reviewTimeout
		});
	}

	/** Reads the delay, the approval times still missing, the chain's clock and `account`'s claimable balance. */
	async load(contributions: readonly ContributionView[], account: Address | undefined): Promise<void> {
		const client = readClientOf(this.#config);
		const wanted = contributions.filter((c) => c.status === 'approved' && c.bond > 0n && !this.decidedAt.has(c.id));
		const pending = contributions.filter((c) => c.status === 'pending' && !this.submittedAt.has(c.id));
		const [delay, timeout, block, claimable, ...read] = await Promise.all([
			this.delay ?? getBondReleaseDelay(client),
			this.reviewTimeout ?? getReviewTimeout(client),
			getBlock(client),
			account ? getRegistryClaimable(client, { account }) : undefined,
			...[...wanted, ...pending].map((c) => getContribution(client, { contributionId: BigInt(c.id) }))
		]);
		const decided = read.slice(0, wanted.length);
		this.delay = delay;
		this.reviewTimeout = timeout;
		if (pending.length) {
			const next = new Map(this.submittedAt);
			pending.forEach((c, i) => next.set(c.id, read[wanted.length + i]!.submittedAt));
			this.submittedAt = next;
		}
		this.claimable = claimable;
		this.#clockOffset = Number(block.timestamp) - Date.now() / 1000;
		this.tick();
		if (wanted.length) {
			const next = new Map(this.decidedAt);
			wanted.forEach((c, i) => next.set(c.id, decided[i]!.decidedAt));
			this.decidedAt = next;
		}
	}

	/** Moves the chain clock on (call every second for the countdown). */
	tick(): void {
		this.now = Math.floor(Date.now() / 1000 + this.#clockOffset);
	}

	/** Reviews the withdrawal of pending contribution `id` (its bond comes back as a registry credit). */
	async withdraw(id: string): Promise<void> {
		await this.tx.review(withdrawContribution(this.#config.chains[0].id, { contributionId: BigInt(id) }));
	}

	/** Reviews the release of `ids`' bonds. */
	async release(ids: readonly string[]): Promise<void> {
		await this.tx.review(releaseBonds(this.#config.chains[0].id, { contributionIds: ids.map(BigInt) }));
	}

	/** Reviews the claim of the connected account's registry balance. */
	async claim(): Promise<void> {
		if (this.claimable) await this.tx.review(claimRegistryCredit(this.#config.chains[0].id, { amount: this.claimable }));
	}
}
