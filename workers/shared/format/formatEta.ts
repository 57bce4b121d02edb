// Time left for people, as every progress line with an ETA prints it.

/**
 * An ETA for people: '45 s', '3 min 20 s', '1 h 5 min'; '' when unknown.
 *
 * @example
 * formatEta(200); // '3 min 20 s'
 */
export function formatEta(seconds: number | undefined): string {
	if (seconds === undefined || !Number.isFinite(seconds)) return '';
	const s = Math.ceil(seconds);
	if (s < 60) return `${s} s`;
	if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
	const minutes = Math.round((s % 3600) / 60);
	return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ''}`;
}
