// What the Rewards page reads for the connected account beside the events: the ledger's claimable balance, what each
// pool still owes the account's contributions (pooledRewardOf, for every pool whose training set holds one), the
// staking rewards waiting, and the two transactions the page sends: settling the pools (one settlePooledRewards per
// model and adapter version, sent one after the other from one button) and claiming the ledger balance.
import type { Config } from '@wagmi/core';
import type { Address } from 'viem';
import { claimLedgerCredit } from '$lib/chain/actions/claimLedgerCredit.ts';
import { getClaimable } from '$lib/chain/actions/getClaimable.ts';
import { getPooledReward } from '$lib/chain/actions/getPooledReward.ts';
import { getStakingPosition } from '$lib/chain/actions/getStakingPosition.ts';
import { readClientOf } from '$lib/chain/actions/readClient.ts';
import { settlePooledRewards } from '$lib/chain/actions/settlePooledRewards.ts';
import { TransactionFlow } from '$lib/chain/transactions/transactionFlow.svelte.ts';
import { poolKey, settleBatchesOf, type PoolTarget, type SettleBatch } from '$lib/rewards/pooledSettlement.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';

/** The account's balances as last read, all at the latest block. */
export type RewardsBalances = {
	/** The ledger's claimable balance, in wei. */
	claimable: bigint;
	/** Staking rewards a claim on the Staking page would pay, in wei. */
	stakingClaimable: bigint;
	/** What each pool owes, by poolKey. */
	owed: ReadonlyMap<string, bigint>;
};

export class RewardsAccount {
	account = $state<Address>();
	balances = $state.raw<RewardsBalances>();
	/** Why the balances could not be read, and what to do. */
	error = $state<string>();
	/** The settle calls still to send after the one under way (the button sends them one after the other). */
	settleQueue = $state.raw<readonly SettleBatch[]>([]);

	readonly claimTx: TransactionFlow;
	readonly settleTx: TransactionFlow;
	readonly #config: Config;
	#targets: readonly PoolTarget[] = [];
	#reads = 0;

	/** `onChanged` runs after any confirmed transaction of the page (e.g. to refresh the wallet balance and the events). */
	constructor(config: Config, onChanged: () => void = () => {}) {
		this.#config = config;
		this.claimTx = new TransactionFlow(config, {
			onConfirmed: () => {
				void this.refresh();
				onChanged();
			}
		});
		this.settleTx = new TransactionFlow(config, {
			onConfirmed: () => {
				onChanged();
				void this.refresh().then(() => this.#settleNext());
			}
		});
	}

	get chainId(): number {
		return this.#config.chains[0].id;
	}

	/** The settle calls that would collect everything the pools owe now. */
	get batches(): SettleBatch[] {
		return this.balances ? settleBatchesOf(this.#targets, this.balances.owed) : [];
	}

	/** Follows `account` and the pools to read for it (clearing what was read for another account). */
	async follow(account: Address | undefined, targets: readonly PoolTarget[]): Promise<void> {
		this.#targets = targets;
		if (account?.toLowerCase() !== this.account?.toLowerCase()) {
			this.account = account;
			this.balances = undefined;
			this.error = undefined;
			this.settleQueue = [];
			for (const tx of [this.claimTx, this.settleTx]) if (!tx.busy) tx.dismiss();
		}
		await this.refresh();
	}

	/** Reads the balances again; a later read wins over an earlier one still in flight. */
	async refresh(): Promise<void> {
		const account = this.account;
		if (!account) return;
		const read = ++this.#reads;
		const targets = this.#targets;
		try {
			const client = readClientOf(this.#config);
			const pools = targets.flatMap((t) => t.contributionIds.map((id) => ({ ...t, id })));
			const [claimable, staking, owed] = await Promise.all([
				getClaimable(client, { account }),
				getStakingPosition(client, { account }),
				Promise.all(
					pools.map((p) =>
						getPooledReward(client, {
							modelId: BigInt(p.modelId),
							adapterVersion: p.adapterVersion,
							contributionId: BigInt(p.id)
						}).then((amount) => [poolKey(p.modelId, p.adapterVersion, p.id), amount] as const)
					)
				)
			]);
			if (read !== this.#reads) return;
			this.balances = { claimable, stakingClaimable: staking.claimable, owed: new Map(owed) };
			this.error = undefined;
		} catch (error) {
			if (read === this.#reads)
				this.error = `Could not read your rewards from the chain: ${errorMessage(error)} Check that the RPC is reachable (see the banner above); the page tries again on the next block.`;
		}
	}

	/** Reviews the claim of the whole ledger balance. */
	claim(): void {
		const amount = this.balances?.claimable ?? 0n;
		if (amount > 0n) void this.claimTx.review(claimLedgerCredit(this.chainId, { amount }));
	}

	/** Starts settling every pool that owes the account's contributions: one transaction per pool, in turn. */
	settleAll(): void {
		const [first, ...rest] = this.batches;
		if (!first) return;
		this.settleQueue = rest;
		this.#review(first);
	}

	/** Gives up the calls not sent yet (the user cancelled one). */
	stopSettling(): void {
		this.settleQueue = [];
	}

	#settleNext(): void {
		// Read again after the last confirmation: only pools that still owe something are settled.
		const pending = new Set(this.settleQueue.map((b) => `${b.modelId}:${b.adapterVersion}`));
		const next = this.batches.filter((b) => pending.has(`${b.modelId}:${b.adapterVersion}`));
		const [first, ...rest] = next;
		this.settleQueue = rest;
		if (first) this.#review(first);
	}

	#review(batch: SettleBatch): void {
		void this.settleTx.review(
			settlePooledRewards(this.chainId, {
				modelId: BigInt(batch.modelId),
				adapterVersion: batch.adapterVersion,
				contributionIds: batch.contributionIds.map(BigInt),
				amount: batch.amount
			})
		);
	}
}
