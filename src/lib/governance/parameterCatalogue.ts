// Every protocol parameter as people think of it: its setter on ProtocolParams, its unit (percent for basis points,
// OPEN for wei, minutes/hours/days for seconds, MiB for bytes, a plain count), its bounds, and conversions both ways
// (what someone types → the integer the setter takes, with a message that names the bounds; the integer → text).
// The bounds mirror contracts/src/ProtocolParams.sol: most are public constants (named below); a few are literals
// inside the setters (noted "literal"). src/lib/governance/protocolBounds.anvil.test.ts reads every named constant
// from the deployed contract and provokes ProtocolParamsOutOfBounds just outside every bound, so a drift fails there.
import { encodeFunctionData, formatUnits, parseUnits } from 'viem';
import { protocolParamsAbi } from '../chain/abis.ts';
import { getContractAddress } from '../chain/deployments/index.ts';
import { protocolParameters } from '../chain/revertMessages/protocolParams.ts';
import { formatOpen } from '../format.ts';
import type { ProposalAction, ProtocolParametersNow } from './describeAction.ts';

/** How a parameter's value is written for people. */
export type ParameterUnit = 'percent' | 'open' | 'duration' | 'mib' | 'count';

/** The field of `parameters()` that holds a single-number parameter. */
export type ParameterField = Exclude<keyof ProtocolParametersNow, 'feeSplit'>;

/** One single-number protocol parameter. */
export type ParameterSpec = {
	/** Its key in URLs and drafts (`/governance/new/?parameter=attributionThreshold`). */
	key: string;
	/** Its `IProtocolParams.Parameter` enum value (ProtocolParamsOutOfBounds names it by this). */
	index: number;
	/** Its name for people, from the revert sentences (one list for the whole app). */
	name: string;
	/** Its field in `parameters()`. */
	field: ParameterField;
	/** Its setter on ProtocolParams. */
	setter: SetterName;
	/** The event its setter emits (old, new). */
	event: string;
	unit: ParameterUnit;
	/** Bits of the setter's argument: up to 48 viem takes a number, above a bigint. */
	bits: 16 | 32 | 128;
	min: bigint;
	max: bigint;
	/** The contract constants the bounds are, or undefined where the bound is a literal in the setter. */
	minConstant?: string;
	maxConstant?: string;
};

/** ProtocolParams' setters of single-number parameters. */
export type SetterName =
	| 'setAttributionThreshold'
	| 'setMaxPaidContributions'
	| 'setDuplicateBounty'
	| 'setUnbondingPeriod'
	| 'setBondReleaseDelay'
	| 'setMinInferenceFee'
	| 'setModelRegistrationFee'
	| 'setContributionBond'
	| 'setMinCuratorStake'
	| 'setChallengeWindow'
	| 'setAssertionBond'
	| 'setDisputeBond'
	| 'setMinValidatorStake'
	| 'setMaxContributionBytes'
	| 'setReviewTimeout'
	| 'setMaxSlash';

const OPEN = 10n ** 18n;
const MINUTE = 60n;
const DAY = 86_400n;

type Row = [
	key: string,
	field: ParameterField,
	setter: SetterName,
	unit: ParameterUnit,
	bits: 16 | 32 | 128,
	min: bigint | string,
	max: bigint | string
];
/** In enum order; a bound is a bigint where the setter uses a literal, else the name of the constant. */
const rows: Row[] = [
	[
		'attributionThreshold',
		'attributionThresholdBps',
		'setAttributionThreshold',
		'percent',
		16,
		0n,
		'MAX_ATTRIBUTION_THRESHOLD_BPS'
	],
	[
		'maxPaidContributions',
		'maxPaidContributions',
		'setMaxPaidContributions',
		'count',
		16,
		1n,
		'MAX_PAID_CONTRIBUTIONS_LIMIT'
	],
	['duplicateBounty', 'duplicateBountyBps', 'setDuplicateBounty', 'percent', 16, 0n, 'MAX_DUPLICATE_BOUNTY_BPS'],
	[
		'unbondingPeriod',
		'unbondingPeriod',
		'setUnbondingPeriod',
		'duration',
		32,
		'MIN_UNBONDING_PERIOD',
		'MAX_UNBONDING_PERIOD'
	],
	['bondReleaseDelay', 'bondReleaseDelay', 'setBondReleaseDelay', 'duration', 32, 0n, 'MAX_BOND_RELEASE_DELAY'],
	['minInferenceFee', 'minInferenceFee', 'setMinInferenceFee', 'open', 128, 1n, 'MAX_MIN_INFERENCE_FEE'],
	[
		'modelRegistrationFee',
		'modelRegistrationFee',
		'setModelRegistrationFee',
		'open',
		128,
		0n,
		'MAX_MODEL_REGISTRATION_FEE'
	],
	['contributionBond', 'contributionBond', 'setContributionBond', 'open', 128, 0n, 'MAX_CONTRIBUTION_BOND'],
	[
		'minCuratorStake',
		'minCuratorStake',
		'setMinCuratorStake',
		'open',
		128,
		'MIN_CURATOR_STAKE_FLOOR',
		'MAX_MIN_CURATOR_STAKE'
	],
	[
		'challengeWindow',
		'challengeWindow',
		'setChallengeWindow',
		'duration',
		32,
		'MIN_CHALLENGE_WINDOW',
		'MAX_CHALLENGE_WINDOW'
	],
	[
		'assertionBond',
		'assertionBondBps',
		'setAssertionBond',
		'percent',
		16,
		'MIN_ASSERTION_BOND_BPS',
		'MAX_ASSERTION_BOND_BPS'
	],
	['disputeBond', 'disputeBond', 'setDisputeBond', 'open', 128, 'MIN_DISPUTE_BOND', 'MAX_DISPUTE_BOND'],
	[
		'minValidatorStake',
		'minValidatorStake',
		'setMinValidatorStake',
		'open',
		128,
		'MIN_VALIDATOR_STAKE_FLOOR',
		'MAX_MIN_VALIDATOR_STAKE'
	],
	[
		'maxContributionBytes',
		'maxContributionBytes',
		'setMaxContributionBytes',
		'mib',
		32,
		'MIN_MAX_CONTRIBUTION_BYTES',
		'MAX_CONTRIBUTION_BYTES_LIMIT'
	],
	['reviewTimeout', 'reviewTimeout', 'setReviewTimeout', 'duration', 32, 'MIN_REVIEW_TIMEOUT', 'MAX_REVIEW_TIMEOUT'],
	['maxSlash', 'maxSlashBps', 'setMaxSlash', 'percent', 16, 'MIN_MAX_SLASH_BPS', 'MAX_MAX_SLASH_BPS']
];

/**
 * The values of ProtocolParams' public bound constants (contracts/src/ProtocolParams.sol), mirrored: the anvil test
 * reads each from the deployed contract and compares.
 */
export const boundConstants: Readonly<Record<string, bigint>> = {
	MAX_ATTRIBUTION_THRESHOLD_BPS: 5_000n,
	MIN_DATA_SHARE_BPS: 1_000n,
	MAX_PAID_CONTRIBUTIONS_LIMIT: 64n,
	MAX_DUPLICATE_BOUNTY_BPS: 5_000n,
	MIN_UNBONDING_PERIOD: MINUTE,
	MAX_UNBONDING_PERIOD: 365n * DAY,
	MAX_BOND_RELEASE_DELAY: 90n * DAY,
	MAX_MIN_INFERENCE_FEE: 100n * OPEN,
	MAX_MODEL_REGISTRATION_FEE: 10_000n * OPEN,
	MAX_CONTRIBUTION_BOND: 1_000n * OPEN,
	MIN_CURATOR_STAKE_FLOOR: OPEN,
	MAX_MIN_CURATOR_STAKE: 10_000_000n * OPEN,
	MIN_CHALLENGE_WINDOW: MINUTE,
	MAX_CHALLENGE_WINDOW: 30n * DAY,
	MIN_ASSERTION_BOND_BPS: 1_000n,
	MAX_ASSERTION_BOND_BPS: 50_000n,
	MIN_DISPUTE_BOND: OPEN / 1_000n,
	MAX_DISPUTE_BOND: 10_000n * OPEN,
	MIN_VALIDATOR_STAKE_FLOOR: OPEN,
	MAX_MIN_VALIDATOR_STAKE: 10_000_000n * OPEN,
	MIN_MAX_CONTRIBUTION_BYTES: 1024n,
	MAX_CONTRIBUTION_BYTES_LIMIT: 1n << 28n,
	MIN_REVIEW_TIMEOUT: MINUTE,
	MAX_REVIEW_TIMEOUT: 365n * DAY,
	MIN_MAX_SLASH_BPS: 100n,
	MAX_MAX_SLASH_BPS: 5_000n
};

const bound = (b: bigint | string) => (typeof b === 'bigint' ? b : boundConstants[b]!);

/** Every single-number parameter, in enum order. */
export const parameterSpecs: readonly ParameterSpec[] = rows.map(
	([key, field, setter, unit, bits, min, max], index) => ({
		key,
		index,
		name: protocolParameters[index]!.name,
		field,
		setter,
		event: `${setter.slice(3)}Set`,
		unit,
		bits,
		min: bound(min),
		max: bound(max),
		minConstant: typeof min === 'string' ? min : undefined,
		maxConstant: typeof max === 'string' ? max : undefined
	})
);

/** The fee split's key, beside the single-number parameters. */
export const FEE_SPLIT_KEY = 'feeSplit';

/** The spec of `key`, if it names a single-number parameter. */
export function parameterSpec(key: string): ParameterSpec | undefined {
	return parameterSpecs.find((spec) => spec.key === key);
}

/** A parameter's name with a capital first letter, for headings and select options. */
export function parameterTitle(spec: { name: string }): string {
	return spec.name.charAt(0).toUpperCase() + spec.name.slice(1);
}

// ——— On-chain integer → text ———

/** Basis points as a percent with two decimals: 250 → "2.50 %". */
export function percentText(bps: bigint): string {
	return `${(bps / 100n).toLocaleString('en-US')}.${(bps % 100n).toString().padStart(2, '0')} %`;
}

/** Basis points as a short percent: 5000 → "50 %", 1250 → "12.5 %". */
export function shortPercentText(bps: bigint): string {
	return `${formatUnits(bps, 2)} %`;
}

/** Seconds in the largest unit that writes them exactly: 600 → "10 minutes", 86400 → "1 day". */
export function durationText(seconds: bigint): string {
	const units: [bigint, string][] = [
		[DAY, 'day'],
		[3_600n, 'hour'],
		[MINUTE, 'minute'],
		[1n, 'second']
	];
	if (seconds === 0n) return '0 seconds';
	const [size, noun] = units.find(([size]) => seconds % size === 0n)!;
	const count = seconds / size;
	return `${count.toLocaleString('en-US')} ${noun}${count === 1n ? '' : 's'}`;
}

/** Bytes in MiB (exact), or whole KiB below a MiB: 1024 → "1 KiB", 2^28 → "256 MiB". */
export function mibText(bytes: bigint): string {
	// Below a MiB, whole KiB read better than "0.0009765625 MiB".
	if (bytes < 1n << 20n && bytes % 1024n === 0n) return `${bytes / 1024n} KiB`;
	// A MiB is 2^20 bytes, so 10^20 / 2^20 = 5^20 makes the division exact in 20 decimals.
	const value = formatUnits(bytes * 5n ** 20n, 20);
	return `${value} MiB`;
}

/** An on-chain value of `spec` in its unit. */
export function formatParameter(spec: Pick<ParameterSpec, 'unit'>, value: bigint): string {
	switch (spec.unit) {
		case 'percent':
			return percentText(value);
		case 'open':
			return formatOpen(value, { decimals: 18 });
		case 'duration':
			return durationText(value);
		case 'mib':
			return mibText(value);
		case 'count':
			return value.toLocaleString('en-US');
	}
}

/** "Between 0.00 % and 50.00 %": the bounds of `spec` in its unit. */
export function boundsText(spec: ParameterSpec): string {
	// A minimum of one wei means "anything above zero"; eighteen decimals of it help nobody.
	if (spec.unit === 'open' && spec.min === 1n) return `More than 0 OPEN, at most ${formatParameter(spec, spec.max)}`;
	return `Between ${formatParameter(spec, spec.min)} and ${formatParameter(spec, spec.max)}`;
}

/** The unit's words for a label: "percent", "OPEN", "minutes, or add h / days", "MiB", "a whole number". */
export function unitHint(spec: Pick<ParameterSpec, 'unit'>): string {
	switch (spec.unit) {
		case 'percent':
			return 'in percent, like 2.5';
		case 'open':
			return 'in OPEN, like 1.5';
		case 'duration':
			return 'in minutes, or with a unit: 90 s, 2 h, 7 days';
		case 'mib':
			return 'in MiB, like 64 (or 512 KiB)';
		case 'count':
			return 'a whole number';
	}
}

// ——— Text → on-chain integer ———

/** The result of reading what someone typed. */
export type Parsed = { ok: true; value: bigint } | { ok: false; message: string };

const fail = (message: string): Parsed => ({ ok: false, message });

/** `text` (a decimal number) times `factor`, when that is a whole number; undefined otherwise. */
function scaled(text: string, factor: bigint): bigint | undefined | 'fraction' {
	if (!/^\d+(\.\d+)?$/.test(text) && !/^\.\d+$/.test(text)) return undefined;
	const decimals = (text.split('.')[1] ?? '').length;
	const units = parseUnits(text, decimals) * factor;
	const one = 10n ** BigInt(decimals);
	return units % one === 0n ? units / one : 'fraction';
}

const durationUnits: [RegExp, bigint][] = [
	[/^(s|sec|secs|second|seconds)$/, 1n],
	[/^(|m|min|mins|minute|minutes)$/, MINUTE],
	[/^(h|hr|hrs|hour|hours)$/, 3_600n],
	[/^(d|day|days)$/, DAY]
];

const sizeUnits: [RegExp, bigint][] = [
	[/^(b|byte|bytes)$/, 1n],
	[/^(kib|kb|k)$/, 1024n],
	[/^(|mib|mb|m)$/, 1n << 20n],
	[/^(gib|gb|g)$/, 1n << 30n]
];

/** Reads `text` as a value of `unit` (without checking bounds). */
export function parseUnitValue(unit: ParameterUnit, text: string): Parsed {
	const trimmed = text.trim().replace(/,/g, '');
	if (!trimmed) return fail('Enter a value.');
	const match = /^(\d*\.?\d+|\d+\.)\s*([a-zA-Z%]*)$/.exec(trimmed);
	const number = match?.[1]?.replace(/\.$/, '');
	const suffix = (match?.[2] ?? '').toLowerCase();
	const read = (factor: bigint, fraction: string): Parsed => {
		const value = number === undefined ? undefined : scaled(number, factor);
		if (value === undefined) return fail(`Enter a number ${unitHint({ unit })}.`);
		if (value === 'fraction') return fail(fraction);
		return { ok: true, value };
	};
	switch (unit) {
		case 'percent':
			if (suffix !== '' && suffix !== '%') return fail(`Enter a number ${unitHint({ unit })}.`);
			return read(100n, 'Use at most two decimals (0.01 % is the smallest step).');
		case 'open':
			if (suffix !== '' && suffix !== 'open') return fail(`Enter a number ${unitHint({ unit })}.`);
			return read(10n ** 18n, 'Use at most 18 decimals.');
		case 'count':
			if (suffix !== '') return fail('Enter a whole number.');
			return read(1n, 'Enter a whole number.');
		case 'duration': {
			const factor = durationUnits.find(([pattern]) => pattern.test(suffix))?.[1];
			if (factor === undefined) return fail(`Enter a duration ${unitHint({ unit })}.`);
			return read(factor, 'Enter a whole number of seconds.');
		}
		case 'mib': {
			const factor = sizeUnits.find(([pattern]) => pattern.test(suffix))?.[1];
			if (factor === undefined) return fail(`Enter a size ${unitHint({ unit })}.`);
			return read(factor, 'Enter a whole number of bytes.');
		}
	}
}

/** Reads `text` as a new value of `spec`, refusing one outside its bounds with the bounds in its unit. */
export function parseParameter(spec: ParameterSpec, text: string): Parsed {
	const parsed = parseUnitValue(spec.unit, text);
	if (!parsed.ok) return parsed;
	if (parsed.value < spec.min || parsed.value > spec.max) return fail(`${boundsText(spec)}.`);
	return parsed;
}

// ——— Encoding ———

/** The action that sets `spec` to `value` (on-chain units). */
export function parameterAction(chainId: number, spec: ParameterSpec, value: bigint): ProposalAction {
	// The setter's argument is a number up to 48 bits (viem's rule) and a bigint above; the spec says which.
	const args = [spec.bits <= 48 ? Number(value) : value];
	const calldata = encodeFunctionData({ abi: protocolParamsAbi, functionName: spec.setter, args } as Parameters<
		typeof encodeFunctionData
	>[0]);
	return { target: getContractAddress(chainId, 'ProtocolParams'), value: 0n, calldata };
}

/** The current value of `spec` in `parameters()`, as a bigint. */
export function currentValue(spec: ParameterSpec, parameters: ProtocolParametersNow): bigint {
	return BigInt(parameters[spec.field]);
}

// ——— The fee split ———

export type FeeSplit = ProtocolParametersNow['feeSplit'];
export const feeSplitShares = [
	['dataBps', 'data'],
	['modelOwnerBps', 'model owner'],
	['stakersBps', 'stakers'],
	['treasuryBps', 'treasury']
] as const;

/** "data 50 %, model owner 20 %, stakers 20 %, treasury 10 %". */
export function feeSplitText(split: FeeSplit): string {
	return feeSplitShares.map(([field, name]) => `${name} ${shortPercentText(BigInt(split[field]))}`).join(', ');
}

export type ParsedFeeSplit = { ok: true; value: FeeSplit } | { ok: false; message: string };

/** Reads four percent texts (data, model owner, stakers, treasury) as a split the contract accepts. */
export function parseFeeSplit(texts: Record<(typeof feeSplitShares)[number][0], string>): ParsedFeeSplit {
	const values: Partial<Record<keyof FeeSplit, number>> = {};
	for (const [field, name] of feeSplitShares) {
		const parsed = parseUnitValue('percent', texts[field]);
		if (!parsed.ok) return { ok: false, message: `The ${name} share: ${parsed.message}` };
		values[field] = Number(parsed.value);
	}
	const split = values as FeeSplit;
	const total = BigInt(split.dataBps + split.modelOwnerBps + split.stakersBps + split.treasuryBps);
	if (total !== 10_000n)
		return { ok: false, message: `The shares add up to ${shortPercentText(total)}; they must add up to 100 %.` };
	const floor = boundConstants.MIN_DATA_SHARE_BPS!;
	if (BigInt(split.dataBps) < floor)
		return { ok: false, message: `Data contributors must get at least ${shortPercentText(floor)}.` };
	return { ok: true, value: split };
}

/** The action that sets the fee split. */
export function feeSplitAction(chainId: number, split: FeeSplit): ProposalAction {
	const calldata = encodeFunctionData({ abi: protocolParamsAbi, functionName: 'setFeeSplit', args: [split] });
	return { target: getContractAddress(chainId, 'ProtocolParams'), value: 0n, calldata };
}
