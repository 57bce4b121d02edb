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
import { currentValue, feeSplitText, formatParameter, parameterSpecs, type FeeSplit } from './parameterCatalogue.ts';

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

/** The action's call decoded against the ABI of the Provena contract at its target; undefined when it does not decode. */
function decoded(chainId: number, action: ProposalAction) {
	const name = contractAt(chainId, action.target);
	if (!name || action.calldata.length < 10) return { name, call: undefined };
	try {
		const { functionName, args } = decodeFunctionData({ abi: abis[name], data: action.calldata });
		return { name, call: { functionName, args: (args ?? []) as readonly unknown[] } };
	} catch {
		return { name, call: undefined };
	}
}

/**
 * Why the raw action cannot be what it claims, for expert mode: calldata that is not hex, or that matches none of the
 * functions of the Provena contract it targets. Undefined when it decodes, or when its target is not a Provena
 * contract (its bytes are then shown as they are).
 */
export function actionProblem(chainId: number, action: ProposalAction): string | undefined {
	if (!/^0x([0-9a-fA-F]{2})*$/.test(action.calldata))
		return 'The calldata must be hexadecimal bytes starting with 0x (an even number of digits).';
	const { name, call } = decoded(chainId, action);
	if (!name || action.calldata === '0x' || call) return undefined;
	return action.calldata.length < 10
		? `The calldata is too short to name a function of ${name} (4 bytes at least).`
		: `The calldata matches none of ${name}'s functions (selector ${action.calldata.slice(0, 10)}): check the target and the encoding.`;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** An argument as people read it: addresses short, numbers in full, structs as JSON. */
function shownArg(value: unknown): string {
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value)) return shortAddress(value as Address);
	if (typeof value === 'string') return JSON.stringify(value);
	return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
}

/** A sentence for a decoded call the catalogue knows (parameter setters, a slash); undefined for any other. */
function knownCall(name: ContractName, functionName: string, args: readonly unknown[], context: ActionContext) {
	if (name === 'ProtocolParams' && functionName === 'setFeeSplit') {
		const split = args[0] as FeeSplit;
		const now = context.parameters?.feeSplit;
		return `Set the fee split ${now ? `from ${feeSplitText(now)} ` : ''}to ${feeSplitText(split)}`;
	}
	if (name === 'ProtocolParams') {
		const spec = parameterSpecs.find((s) => s.setter === functionName);
		if (!spec) return undefined;
		const to = formatParameter(spec, BigInt(args[0] as bigint | number));
		const now = context.parameters ? formatParameter(spec, currentValue(spec, context.parameters)) : undefined;
		return `Set the ${spec.name} ${now !== undefined ? `from ${now} ` : ''}to ${to}`;
	}
	if (name === 'AttributionLedger' && functionName === 'resolveDispute') {
		const [recordId, , upheld, cid, ids, weights] = args as [bigint, unknown, boolean, string, bigint[], bigint[]];
		const paid = ids.length
			? `pay ${ids.map((id, i) => `contribution #${id} (weight ${weights[i]})`).join(', ')} instead`
			: "pay the training set's pool instead";
		return `Resolve the dispute of answer record #${recordId}: ${upheld ? "uphold the payer's assertion" : `reject the payer's assertion and ${paid}`} (winning evidence ${cid})`;
	}
	if (name === 'Staking' && functionName === 'slash') {
		const [staker, amount, reason] = args as [Address, bigint, string];
		return `Slash ${formatOpen(amount, { decimals: 18 })} of ${shortAddress(staker)}'s stake (reason: ${reason || 'none given'})`;
	}
	return undefined;
}

/** A sentence for `action`: what executing it would do, in the parameter's unit and OPEN. */
export function describeAction(chainId: number, action: ProposalAction, context: ActionContext = {}): string {
	const amount = formatOpen(action.value, { decimals: 18 });
	const { name, call } = decoded(chainId, action);
	const where = name ?? shortAddress(action.target);
	const sending = action.value > 0n ? `, sending ${amount} from the treasury` : '';
	if (action.calldata === '0x')
		return action.value > 0n
			? `Send ${amount} from the treasury to ${name ? `${name} (${shortAddress(action.target)})` : shortAddress(action.target)}`
			: `Call ${where} with no data and no OPEN (does nothing)`;
	if (!call) {
		const known = name ? ` (it matches none of ${name}'s functions)` : '';
		return `Call ${where} with raw data ${action.calldata}${known}${sending}`;
	}
	const sentence = knownCall(name!, call.functionName, call.args, context);
	if (sentence) return `${sentence}${sending}`;
	return capital(`call ${name}.${call.functionName}(${call.args.map(shownArg).join(', ')})${sending}`);
}
