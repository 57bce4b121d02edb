// Words and units for revert arguments: OPEN instead of wei, short addresses, dates with "in 3 min", percent
// instead of basis points, enum values by name. viem decodes small integers (up to 48 bits) as numbers and
// larger ones as bigints, so every helper takes either.
import type { Address } from 'viem';
import { formatBytes, formatEta, formatOpen, shortAddress } from '../../format.ts';
import type { RevertContext } from './types.ts';

/** A decoded integer argument as a bigint, whichever way viem decoded it. */
export function big(value: unknown): bigint {
	return typeof value === 'bigint' ? value : BigInt(value as number | string);
}

/** A decoded integer argument as a number (ids, counts, enum values). */
export function num(value: unknown): number {
	return Number(value);
}

/** A wei amount as OPEN, e.g. "10 OPEN". */
export function open(wei: unknown, symbol = 'OPEN'): string {
	return formatOpen(big(wei), { symbol });
}

/** An address as 0x1234…abcd. */
export function addr(value: unknown): string {
	return shortAddress(value as Address);
}

/** A size in bytes in binary units, e.g. "64 MiB". */
export function size(bytes: unknown): string {
	return formatBytes(Number(big(bytes)));
}

/** Basis points as a percent, e.g. 1250 → "12.5%". */
export function percent(bps: unknown): string {
	return `${Number(big(bps)) / 100}%`;
}

/** A count with its noun, e.g. "1 contribution", "3 contributions". */
export function plural(count: unknown, noun: string, nouns = `${noun}s`): string {
	const n = num(count);
	return `${n.toLocaleString('en-US')} ${n === 1 ? noun : nouns}`;
}

/** A length of time for people: "45 s", "3 min 20 s", "2 h 5 min", "7 days". */
export function duration(seconds: unknown): string {
	const s = Number(big(seconds));
	if (s >= 2 * 86_400) {
		const days = Math.round((s / 86_400) * 10) / 10;
		return `${days.toLocaleString('en-US')} days`;
	}
	return formatEta(s);
}

/** Now, in Unix seconds, from the context or the clock. */
export function nowSeconds(context: RevertContext): number {
	return context.now ?? Math.floor(Date.now() / 1000);
}

/**
 * A timestamp as a date and time with how far away it is, e.g. "5 Dec 2026, 09:12 (in 3 min)"; with `seconds`,
 * "5 Dec 2026, 09:12:30", for two times that may fall in the same minute (a restarted unbonding timer).
 */
export function when(timestamp: unknown, context: RevertContext, { seconds: withSeconds = false } = {}): string {
	const seconds = Number(big(timestamp));
	// Beyond JavaScript's dates (±273,790 years): no contract sets such a time, but say what it was.
	if (!(Math.abs(seconds) <= 8.64e12)) return `Unix time ${big(timestamp)}`;
	const date = new Intl.DateTimeFormat('en-GB', {
		dateStyle: 'medium',
		timeStyle: withSeconds ? 'medium' : 'short',
		timeZone: context.timeZone
	}).format(new Date(seconds * 1000));
	const delta = seconds - nowSeconds(context);
	const relative = delta > 0 ? `in ${duration(delta)}` : delta < 0 ? `${duration(-delta)} ago` : 'now';
	return `${date} (${relative})`;
}

/** Names an enum value from its list of names, or says which number it was. */
export function enumName(names: readonly string[], value: unknown): string {
	return names[num(value)] ?? `value ${num(value)}`;
}

/** DatanetRegistry's ContributionStatus, by name. */
export const contributionStatuses = [
	'unknown',
	'pending',
	'approved',
	'rejected',
	'a proven duplicate',
	'withdrawn'
] as const;

/** A 32-byte hash shortened for reading, e.g. 0x1234abcd…ef01. */
export function shortHash(value: unknown): string {
	const hex = String(value);
	return `${hex.slice(0, 10)}…${hex.slice(-4)}`;
}
