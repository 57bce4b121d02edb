// The connected account's staking position for the Staking page: read on every block (one consistent read of
// stake, unbonding, rewards, delegate, balance and rules), the chain's clock ticking between reads for the
// countdown, and one TransactionFlow per kind of action so each panel opens beside the control that started it.
import type { Config } from '@wagmi/core';
import type { Address } from 'viem';
import { getStakingPosition, type GetStakingPositionReturnType } from '$lib/chain/actions/getStakingPosition.ts';
import { readClientOf } from '$lib/chain/actions/readClient.ts';
import { TransactionFlow } from '$lib/chain/transactions/transactionFlow.svelte.ts';
import { chainNow } from '$lib/staking/unbondingPreview.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';

export type StakingPositionData = GetStakingPositionReturnType;

export class StakingPosition {
	account = $state<Address>();
	position = $state.raw<StakingPositionData>();
	/** Why the position could not be read, and what to do. */
	error = $state<string>();
	/** The chain's clock, in Unix seconds, moving on every second. */
	now = $state(Math.floor(Date.now() / 1000));

	readonly stakeTx: TransactionFlow;
	readonly unstakeTx: TransactionFlow;
	readonly unbondingTx: TransactionFlow;
	readonly rewardsTx: TransactionFlow;
	readonly delegateTx: TransactionFlow;
	readonly rolesTx: TransactionFlow;
	readonly #config: Config;
	#reads = 0;
	#block: { timestamp: number; readAt: number } | undefined;

	/** `onChanged` runs after any confirmed transaction of the page (e.g. to refresh the wallet balance). */
	constructor(config: Config, onChanged: () => void = () => {}) {
		this.#config = config;
		const flow = () =>
			new TransactionFlow(config, {
				onConfirmed: () => {
					void this.refresh();
					onChanged();
				}
			});
		[this.stakeTx, this.unstakeTx, this.unbondingTx, this.rewardsTx, this.delegateTx, this.rolesTx] = [
			flow(),
			flow(),
			flow(),
			flow(),
			flow(),
			flow()
		];
	}

	get chainId(): number {
		return this.#config.chains[0].id;
	}

	/** Follows `account` (clearing what was read for another one). */
	async follow(account: Address | undefined): Promise<void> {
		if (account?.toLowerCase() !== this.account?.toLowerCase()) {
			this.account = account;
			this.position = undefined;
			this.error = undefined;
			for (const tx of [this.stakeTx, this.unstakeTx, this.unbondingTx, this.rewardsTx, this.delegateTx, this.rolesTx])
				if (!tx.busy) tx.dismiss();
		}
		await this.refresh();
	}

	/** Reads the position again; a later read wins over an earlier one still in flight. */
	async refresh(): Promise<void> {
		const account = this.account;
		if (!account) return;
		const read = ++this.#reads;
		try {
			const position = await getStakingPosition(readClientOf(this.#config), { account });
			if (read !== this.#reads) return;
			this.position = position;
			this.#block = { timestamp: position.blockTimestamp, readAt: Date.now() / 1000 };
			this.error = undefined;
			this.tick();
		} catch (error) {
			if (read === this.#reads)
				this.error = `Could not read your stake from the chain: ${errorMessage(error)} Check that the RPC is reachable (see the banner above); the page tries again on the next block.`;
		}
	}

	/** Moves the chain clock on (call every second for the countdown). */
	tick(): void {
		const localNow = Date.now() / 1000;
		this.now = this.#block ? chainNow(this.#block.timestamp, this.#block.readAt, localNow) : Math.floor(localNow);
	}
}
