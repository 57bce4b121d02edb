// The Protocol page's view: ProtocolParams' live values (read with `parameters()` on every new block) and each
// parameter's history, rebuilt from ProtocolParams' and the Governor's events (a ChainLogView: synced into
// IndexedDB on first use, then on every new block), with the time of each change read once per block.
import { protocolParamsAbi, provenaGovernorAbi } from '$lib/chain/abis.ts';
import { readProtocolParameters } from '$lib/chain/actions/readProtocolParameters.ts';
import { getDeployments, NotDeployedError } from '$lib/chain/deployments/index.ts';
import { ChainLogView, type RefreshContext } from '$lib/chain/sync/chainLogView.svelte.ts';
import { syncLogs } from '$lib/chain/sync/syncLogs.ts';
import type { ProtocolParametersNow } from '$lib/governance/describeAction.ts';
import { buildParameterHistory, type ParameterChange } from '$lib/governance/parameterHistory.ts';

export class ProtocolParamsView extends ChainLogView {
	parameters = $state.raw<ProtocolParametersNow>();
	history = $state.raw<ReadonlyMap<string, ParameterChange[]>>(new Map());
	/** Block number → its timestamp (Unix seconds), for the blocks that changed a parameter. */
	times = $state.raw<ReadonlyMap<number, number>>(new Map());

	protected readonly subject = 'the protocol parameters';

	protected missingDeployment(chainId: number): string | undefined {
		return getDeployments(chainId) ? undefined : new NotDeployedError('ProtocolParams', chainId).message;
	}

	protected async refresh({ chainId, client, store, onProgress }: RefreshContext): Promise<number> {
		const { ProtocolParams: params, ProvenaGovernor: governor } = getDeployments(chainId)!.contracts;
		const streams = [
			{
				stream: `${chainId}:ProtocolParams:${params.address}`,
				address: params.address,
				abi: protocolParamsAbi,
				fromBlock: params.blockNumber
			},
			{
				stream: `${chainId}:ProvenaGovernor:${governor.address}`,
				address: governor.address,
				abi: provenaGovernorAbi,
				fromBlock: governor.blockNumber
			}
		];
		let head = 0;
		for (const s of streams) head = Math.max(head, (await syncLogs({ client, store, ...s, onProgress })).head);
		const [paramsLogs, governorLogs] = await Promise.all(streams.map((s) => store.logs(s.stream)));
		this.parameters = await readProtocolParameters(client);
		const history = buildParameterHistory(paramsLogs!, governorLogs!, params.txHash);
		const blocks = new Set([...history.values()].flatMap((changes) => changes.map((c) => c.blockNumber)));
		const missing = [...blocks].filter((b) => !this.times.has(b));
		if (missing.length) {
			const read = await Promise.all(
				missing.map((blockNumber) => client.getBlock({ blockNumber: BigInt(blockNumber) }))
			);
			const times = new Map(this.times);
			read.forEach((block, i) => times.set(missing[i]!, Number(block.timestamp)));
			this.times = times;
		}
		this.history = history;
		return head;
	}
}

export const protocolParamsView = new ProtocolParamsView();
