// Formatting of amounts, addresses and durations for display. Amounts stay bigint until this point.
import { formatUnits, type Address } from 'viem';

// Sizes and ETAs have one formatter for the whole project, below both the page and the workers.
export { formatBytes } from '../../workers/shared/format/formatBytes.ts';
export { formatEta } from '../../workers/shared/format/formatEta.ts';

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
