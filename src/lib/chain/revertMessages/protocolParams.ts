// ProtocolParams' refusals (contracts/src/interfaces/IProtocolParams.sol): parameters by their human name,
// each bound in the parameter's own unit.
import type { RevertSentences } from './types.ts';
import { duration, num, open, percent } from './units.ts';

/** Each `IProtocolParams.Parameter`, in enum order: its name for people and how to write its values. */
export const protocolParameters: readonly { name: string; format: (value: unknown) => string }[] = [
	{ name: 'attribution threshold', format: percent },
	{ name: 'most contributions one answer may pay', format: (value) => num(value).toLocaleString('en-US') },
	{ name: 'duplicate bounty', format: percent },
	{ name: 'unbonding period', format: duration },
	{ name: 'bond release delay', format: duration },
	{ name: 'minimum inference fee', format: (value) => open(value) },
	{ name: 'model registration fee', format: (value) => open(value) },
	{ name: 'contribution bond', format: (value) => open(value) },
	{ name: 'minimum curator stake', format: (value) => open(value) },
	{ name: 'challenge window', format: duration },
	{ name: 'assertion bond (share of the fee)', format: percent },
	{ name: 'dispute bond', format: (value) => open(value) },
	{ name: 'minimum validator stake', format: (value) => open(value) },
	{ name: 'largest contribution size', format: (value) => `${num(value).toLocaleString('en-US')} bytes` },
	{ name: 'review timeout', format: duration },
	{ name: 'largest share of a stake one slash may take', format: percent }
];

export const protocolParamsSentences: RevertSentences = {
	ProtocolParamsOutOfBounds: ([parameter, value, min, max]) => {
		const known = protocolParameters[num(parameter)];
		const { name, format } = known ?? { name: `parameter ${num(parameter)}`, format: String };
		return `The ${name} cannot be ${format(value)}: it must be between ${format(min)} and ${format(max)}. Propose a value in that range.`;
	},
	ProtocolParamsFeeSplitSumInvalid: ([total]) =>
		`The fee split's shares add up to ${percent(total)}, not 100%. Change the shares so they add up to 100%.`,
	ProtocolParamsFeeSplitDataShareTooLow: ([dataBps, minDataBps]) =>
		`The data contributors' share of ${percent(dataBps)} is below the floor of ${percent(minDataBps)}. Give data contributors at least ${percent(minDataBps)}.`
};
