// What one proposal action does, in a sentence: the Governor stores only target, value and calldata, and a voter
// must see "set the attribution threshold from 2.00 % to 3.00 %" rather than bytes.
import { decodeFunctionData, type Abi, type Address, type Hex, type ReadContractReturnType } from 'viem';
import {
	attributionLedgerAbi,
	datanetRegistryAbi,
	modelRegistryAbi,
	openVotesAbi,
	protocolParamsAbi,
	provenaGovernorAbi,
	provenaTimelockAbi,
	stakingAbi
} from '../chain/abis.ts';
import { getDeployments } from '../chain/deployments/index.ts';
import type { ContractName } from '../chain/deployments/types.ts';
import { formatOpen, shortAddress } from '../format.ts';

/** One action of a proposal, as the Governor stores it. */
export type ProposalAction = { target: Address; value: bigint; calldata: Hex };

/** ProtocolParams' parameters as `parameters()` returns them. */
export type ProtocolParametersNow = ReadContractReturnType<typeof protocolParamsAbi, 'parameters'>;

/** What a description may compare against: the live parameters, for "from … to …". */
export type ActionContext = { parameters?: ProtocolParametersNow };

const abis: Record<ContractName, Abi> = {
	OpenVotes: openVotesAbi,
	ProvenaTimelock: provenaTimelockAbi,
	ProvenaGovernor: provenaGovernorAbi,
	ProtocolParams: protocolParamsAbi,
	Staking: stakingAbi,
	DatanetRegistry: datanetRegistryAbi,
	ModelRegistry: modelRegistryAbi,
	AttributionLedger: attributionLedgerAbi
};

/** The Provena contract deployed at `address` on `chainId`, if any. */
export function contractAt(chainId: number, address: Address): ContractName | undefined {
	const contracts = getDeployments(chainId)?.contracts;
	if (!contracts) return undefined;
	return (Object.keys(abis) as ContractName[]).find(
		(name) => contracts[name]?.address.toLowerCase() === address.toLowerCase()
	);
}

/** A sentence for `action`. */
export function describeAction(chainId: number, action: ProposalAction, _context: ActionContext = {}): string {
	const name = contractAt(chainId, action.target);
	const sent = action.value > 0n ? `send ${formatOpen(action.value, { decimals: 18 })} from the treasury to ` : '';
	if (action.calldata === '0x' || action.calldata.length <= 2)
		return sent
			? `${sent}${name ?? shortAddress(action.target)}`
			: `call ${name ?? shortAddress(action.target)} with no data`;
	if (!name) return `${sent ? sent : 'call '}${shortAddress(action.target)} with data ${action.calldata.slice(0, 10)}…`;
	try {
		const { functionName, args } = decodeFunctionData({ abi: abis[name], data: action.calldata });
		const shown = (args ?? []).map((a) =>
			typeof a === 'bigint' ? a.toString() : JSON.stringify(a, (_, v) => (typeof v === 'bigint' ? v.toString() : v))
		);
		return `${sent ? `${sent}${name} with ` : ''}${name}.${functionName}(${shown.join(', ')})`;
	} catch {
		return `call ${name} with data ${action.calldata.slice(0, 10)}… that matches none of its functions`;
	}
}
