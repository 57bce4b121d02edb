// Chain times for people. The Governor's clock is the block timestamp (Unix seconds), which on a devnet can run
// ahead of the wall clock (tests move it forward), so "now" is always passed in: the page's estimate of chain time.
import { formatEta } from '../format.ts';

/** How a time is written: the time zone is fixed in tests, the reader's own in the page. */
export type TimeFormat = { timeZone?: string };

/** A Unix time as a date and time, e.g. "6 Dec 2026, 14:05:12". */
export function formatChainTime(seconds: number, { timeZone }: TimeFormat = {}): string {
	if (!Number.isFinite(seconds)) return 'an unknown time';
	return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(
		new Date(seconds * 1000)
	);
}

/** How far `seconds` is from `now`: "in 12 s", "3 min 20 s ago", "now". */
export function relativeTime(seconds: number, now: number): string {
	const delta = seconds - now;
	if (delta === 0) return 'now';
	return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`;
}

/** A length of time: "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h". */
export function formatDuration(seconds: number): string {
	const s = Math.max(0, Math.ceil(seconds));
	if (s < 86_400) return formatEta(s);
	const days = Math.floor(s / 86_400);
	const hours = Math.floor((s % 86_400) / 3600);
	return `${days} d${hours ? ` ${hours} h` : ''}`;
}
