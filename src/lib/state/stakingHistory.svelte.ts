// The Staking contract's events as the Staking page reads them (a ChainLogView: synced into IndexedDB on first use,
// then on every new block), with the block time of the events a staker's history shows, read once per block.
import type { Address } from 'viem';
import { stakingAbi } from '$lib/chain/abis.ts';
import { getDeployments, NotDeployedError } from '$lib/chain/deployments/index.ts';
import { ChainLogView, type RefreshContext } from '$lib/chain/sync/chainLogView.svelte.ts';
import type { StoredLog } from '$lib/chain/sync/logStore.ts';
import { syncLogs } from '$lib/chain/sync/syncLogs.ts';
import { stakingHistoryOf, type StakingEvent } from '$lib/staking/stakingHistory.ts';

export class StakingLog extends ChainLogView {
	logs = $state.raw<readonly StoredLog[]>();

	protected readonly subject = 'staking history';

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
}

export const stakingLog = new StakingLog();
