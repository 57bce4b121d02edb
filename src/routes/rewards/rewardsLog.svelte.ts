// The events the Rewards page is built from (a ChainLogView: synced into IndexedDB on first use, then on every new
// block): the AttributionLedger's credits, answers and claims, the DatanetRegistry's contributions and versions (whose
// datanet a contribution is, what each version holds) and the ModelRegistry's models (owners, training sets). The
// streams are the ones the Datanets and Models pages keep, so a visit there has already read most of them.
import { attributionLedgerAbi, datanetRegistryAbi, modelRegistryAbi } from '$lib/chain/abis.ts';
import { getDeployments, NotDeployedError } from '$lib/chain/deployments/index.ts';
import { ChainLogView, type RefreshContext } from '$lib/chain/sync/chainLogView.svelte.ts';
import { syncLogs } from '$lib/chain/sync/syncLogs.ts';
import { buildDatanetState, type DatanetState } from '$lib/datanets/state/datanetState.ts';
import { buildModelRegistryState, type ModelRegistryState } from '$lib/models/registry/modelRegistryState.ts';
import { ledgerEventsOf, type LedgerEvents } from '$lib/rewards/ledgerEvents.ts';

export class RewardsLog extends ChainLogView {
	events = $state.raw<LedgerEvents>();
	datanetState = $state.raw<DatanetState>();
	modelState = $state.raw<ModelRegistryState>();

	protected readonly subject = 'rewards';

	protected missingDeployment(chainId: number): string | undefined {
		const contracts = getDeployments(chainId)?.contracts;
		if (!contracts?.AttributionLedger) return new NotDeployedError('AttributionLedger', chainId).message;
		return contracts.ModelRegistry ? undefined : new NotDeployedError('ModelRegistry', chainId).message;
	}

	protected async refresh({ chainId, client, store, onProgress }: RefreshContext): Promise<number> {
		const {
			DatanetRegistry: registry,
			AttributionLedger: ledger,
			ModelRegistry: models
		} = getDeployments(chainId)!.contracts;
		const streams = [
			{
				stream: `${chainId}:DatanetRegistry:${registry.address}`,
				address: registry.address,
				abi: datanetRegistryAbi,
				fromBlock: registry.blockNumber
			},
			{
				stream: `${chainId}:AttributionLedger:${ledger.address}`,
				address: ledger.address,
				abi: attributionLedgerAbi,
				fromBlock: ledger.blockNumber
			},
			{
				stream: `${chainId}:ModelRegistry:${models.address}`,
				address: models.address,
				abi: modelRegistryAbi,
				fromBlock: models.blockNumber
			}
		];
		let head = 0;
		for (const s of streams) head = Math.max(head, (await syncLogs({ client, store, ...s, onProgress })).head);
		const [registryLogs, ledgerLogs, modelLogs] = await Promise.all(streams.map((s) => store.logs(s.stream)));
		this.datanetState = buildDatanetState(registryLogs!, ledgerLogs!);
		this.modelState = buildModelRegistryState(modelLogs!);
		this.events = ledgerEventsOf(ledgerLogs!);
		return head;
	}

	/** The datanet a contribution belongs to, when the registry's events hold it. */
	datanetOf = (contributionId: string): string | undefined =>
		this.datanetState?.contributions.get(contributionId)?.datanetId;
}

export const rewardsLog = new RewardsLog();
