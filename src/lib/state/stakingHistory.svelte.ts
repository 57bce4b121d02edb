// The Staking contract's events as the Staking page reads them (a ChainLogView: synced into IndexedDB on first use,
// then on every new block), with the block time of the events a staker's history shows, read once per block.
import { getBlock } from 'viem/actions';
import type { Address } from 'viem';
import { stakingAbi } from '$lib/chain/abis.ts';
import { getDeployments, NotDeployedError } from '$lib/chain/deployments/index.ts';
import { ChainLogView, type RefreshContext } from '$lib/chain/sync/chainLogView.svelte.ts';
import type { StoredLog } from '$lib/chain/sync/logStore.ts';
import { syncLogs } from '$lib/chain/sync/syncLogs.ts';
import { readClientOf } from '$lib/chain/actions/readClient.ts';
import { stakingHistoryOf, type StakingEvent } from '$lib/staking/stakingHistory.ts';

export class StakingLog extends ChainLogView {
	logs = $state.raw<readonly StoredLog[]>();
	/** Block timestamps (Unix seconds) by block number, for the blocks whose events are shown. */
	blockTimes = $state.raw<ReadonlyMap<number, number>>(new Map());

	protected readonly subject = 'staking history';
	#timesLoading = new Set<number>();

	protected missingDeployment(chainId: number): string | undefined {
		return getDeployments(chainId) ? undefined : new NotDeployedError('Staking', chainId).message;
	}

	protected async refresh({ chainId, client, store, onProgress }: RefreshContext): Promise<number> {
		const staking = getDeployments(chainId)!.contracts.Staking;
		const stream = `${chainId}:Staking:${staking.address}`;
		const { head } = await syncLogs({
			client,
			store,
			stream,
			address: staking.address,
			abi: stakingAbi,
			fromBlock: staking.blockNumber,
			onProgress
		});
		this.logs = await store.logs(stream);
		return head;
	}

	/** `staker`'s events, newest first; undefined until the first sync. */
	historyOf(staker: Address): StakingEvent[] | undefined {
		return this.logs && stakingHistoryOf(this.logs, staker);
	}

	/** Reads the timestamps of `blocks` not yet known (a failed read is tried again on the next call). */
	async loadTimes(blocks: readonly number[]): Promise<void> {
		const config = this.config;
		const missing = [...new Set(blocks)].filter((b) => !this.blockTimes.has(b) && !this.#timesLoading.has(b));
		if (!config || missing.length === 0) return;
		missing.forEach((b) => this.#timesLoading.add(b));
		try {
			const client = readClientOf(config);
			const read = await Promise.all(
				missing.map((b) =>
					getBlock(client, { blockNumber: BigInt(b) }).then((block) => [b, Number(block.timestamp)] as const)
				)
			);
			this.blockTimes = new Map([...this.blockTimes, ...read]);
		} catch {
			// The history shows the block number instead; the next sync tries again.
		} finally {
			missing.forEach((b) => this.#timesLoading.delete(b));
		}
	}
}

export const stakingLog = new StakingLog();
