// Formatting of amounts, addresses and durations for display. Amounts stay bigint until this point.
import { formatUnits, type Address } from 'viem';

/** Formats a wei amount as OPEN with at most `decimals` fractional digits, e.g. "1.2346 OPEN". */
export function formatOpen(wei: bigint, { decimals = 4, symbol = 'OPEN' }: { decimals?: number; symbol?: string } = {}): string {
	const [whole, fraction = ''] = formatUnits(wei, 18).split('.');
	const trimmed = fraction.slice(0, decimals).replace(/0+$/, '');
	const tiny = wei > 0n && whole === '0' && !trimmed;
	return `${tiny ? '<0.' + '0'.repeat(decimals - 1) + '1' : trimmed ? `${whole}.${trimmed}` : whole} ${symbol}`;
}

/** 0x1234…abcd */
export function shortAddress(address: Address): string {
	return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** 1.5 GB, 320 MB, 12 KB */
export function formatBytes(bytes: number): string {
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit += 1;
	}
	return `${value.toFixed(value < 10 && unit > 0 ? 1 : 0)} ${units[unit]}`;
}
