// Each protocol parameter's history, from ProtocolParams' `…Set(old, new)` events: what it was, what it became, and
// who changed it — the deployment (the constructor emits every event from zero), a proposal (its ProposalExecuted
// event is in the same transaction, from the Governor), or the Timelock acting directly (a call the Timelock's admin
// scheduled outside the Governor).
import { protocolParamsAbi } from '../chain/abis.ts';
import type { StoredLog } from '../chain/sync/logStore.ts';
import { argsOf } from '../chain/sync/storedLogArgs.ts';
import { FEE_SPLIT_KEY, feeSplitShares, parameterSpecs, type FeeSplit } from './parameterCatalogue.ts';

export type ChangeSource = { kind: 'deployment' } | { kind: 'proposal'; proposalId: string } | { kind: 'timelock' };

export type ParameterChange = {
	/** The parameter's catalogue key, or FEE_SPLIT_KEY. */
	key: string;
	from: bigint | FeeSplit;
	to: bigint | FeeSplit;
	blockNumber: number;
	transactionHash: string;
	source: ChangeSource;
};

const eventKeys = new Map<string, string>([
	...parameterSpecs.map((spec) => [spec.event, spec.key] as const),
	['FeeSplitSet', FEE_SPLIT_KEY]
]);

/** The names of an event's two arguments (old, new), from the ABI. */
function argumentNames(eventName: string): [string, string] {
	const event = protocolParamsAbi.find((item) => item.type === 'event' && item.name === eventName);
	const inputs = event && 'inputs' in event ? event.inputs : [];
	return [inputs[0]?.name ?? '', inputs[1]?.name ?? ''];
}

/**
 * Every parameter change, oldest first, grouped by parameter key.
 *
 * @param paramsLogs ProtocolParams' stored logs.
 * @param governorLogs The Governor's stored logs (for ProposalExecuted).
 * @param deploymentTx The transaction that created ProtocolParams.
 */
export function buildParameterHistory(
	paramsLogs: readonly StoredLog[],
	governorLogs: readonly StoredLog[],
	deploymentTx: string
): Map<string, ParameterChange[]> {
	const executed = new Map<string, string>();
	for (const log of governorLogs)
		if (log.eventName === 'ProposalExecuted')
			executed.set(log.transactionHash.toLowerCase(), argsOf(log).id('proposalId'));
	const history = new Map<string, ParameterChange[]>();
	for (const log of paramsLogs) {
		const key = eventKeys.get(log.eventName);
		if (!key) continue;
		const [oldName, newName] = argumentNames(log.eventName);
		const args = argsOf(log);
		const read = (name: string): bigint | FeeSplit => {
			if (key !== FEE_SPLIT_KEY) return args.big(name);
			const split = args.struct(name);
			return Object.fromEntries(feeSplitShares.map(([field]) => [field, split.num(field)])) as FeeSplit;
		};
		const tx = log.transactionHash.toLowerCase();
		const proposalId = executed.get(tx);
		const source: ChangeSource =
			tx === deploymentTx.toLowerCase()
				? { kind: 'deployment' }
				: proposalId !== undefined
					? { kind: 'proposal', proposalId }
					: { kind: 'timelock' };
		const list = history.get(key) ?? [];
		list.push({
			key,
			from: read(oldName),
			to: read(newName),
			blockNumber: log.blockNumber,
			transactionHash: log.transactionHash,
			source
		});
		history.set(key, list);
	}
	return history;
}
