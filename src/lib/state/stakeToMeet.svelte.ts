// Stake where it is needed: an account's active stake against the curator minimum, what is missing in OPEN, and
// the stake transaction that closes the gap (priced before signing, through the same TransactionFlow as every
// other call). The Staking page (/staking/#roles) explains the roles in full; this is the small action a page needs
// to go on.
import type { Config } from '@wagmi/core';
import type { Address } from 'viem';
import { getMinCuratorStake } from '$lib/chain/actions/getMinCuratorStake.ts';
import { getMinStake } from '$lib/chain/actions/getMinStake.ts';
import { getStake } from '$lib/chain/actions/getStake.ts';
import { readClientOf } from '$lib/chain/actions/readClient.ts';
import { stake } from '$lib/chain/actions/stake.ts';
import { TransactionFlow } from '$lib/chain/transactions/transactionFlow.svelte.ts';
import { stakeToSend } from '$lib/staking/roles.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';

// Kept importable from here: the pages that offer a stake read it with the offer.
export { stakeToSend };

export class StakeToMeet {
	/** Whose stake is checked. */
	account = $state<Address>();
	/** Their active stake, in wei; undefined until read. */
	stake = $state<bigint>();
	/** The curator minimum, in wei. */
	required = $state<bigint>();
	/** Why the stake could not be read. */
	error = $state<string>();
	readonly tx: TransactionFlow;
	readonly #config: Config;
	#minStake = 0n;
	#reads = 0;

	/** `onStaked` runs once a stake sent from here is confirmed (e.g. to retry the call that needed it). */
	constructor(config: Config, { onStaked }: { onStaked?: () => void } = {}) {
		this.#config = config;
		this.tx = new TransactionFlow(config, {
			onConfirmed: () => {
				void this.refresh();
				onStaked?.();
			}
		});
	}

	/** True when the account has the minimum; undefined while unknown. */
	get met(): boolean | undefined {
		return this.stake === undefined || this.required === undefined ? undefined : this.stake >= this.required;
	}

	/** What to stake to meet the minimum, in wei (0 when met). */
	get missing(): bigint {
		return this.stake === undefined || this.required === undefined ? 0n : stakeToSend(this.stake, this.required, this.#minStake);
	}

	/** Checks `account` (again when it changes). */
	async check(account: Address | undefined): Promise<void> {
		if (account?.toLowerCase() !== this.account?.toLowerCase()) {
			this.account = account;
			this.stake = undefined;
			this.tx.dismiss();
		}
		await this.refresh();
	}

	/** Reads the stake and the minimum again; a later read wins over an earlier one still in flight. */
	async refresh(): Promise<void> {
		const account = this.account;
		if (!account) return;
		const read = ++this.#reads;
		try {
			const client = readClientOf(this.#config);
			const [current, required, minStake] = await Promise.all([getStake(client, { account }), getMinCuratorStake(client), getMinStake(client)]);
			if (read !== this.#reads) return;
			[this.stake, this.required, this.#minStake, this.error] = [current, required, minStake, undefined];
		} catch (error) {
			if (read === this.#reads) this.error = `Could not read the stake: ${errorMessage(error)}`;
		}
	}

	/** Reviews the stake of what is missing (the panel shows the fee before anything is signed). */
	async offer(): Promise<void> {
		if (this.missing > 0n) await this.tx.review(stake(this.#config.chains[0].id, { amount: this.missing }));
	}
}
