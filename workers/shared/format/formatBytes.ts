// Sizes for people, in binary units, as every progress line, error message and page of Provena prints them.

/**
 * Bytes in binary units with up to three significant digits, as the error messages and the progress line print them.
 *
 * @example
 * formatBytes(2_040_109_465); // '1.9 GiB'
 */
export function formatBytes(bytes: number): string {
	const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	if (unit === 0) return `${bytes} bytes`;
	return `${Number(value.toPrecision(value >= 100 ? 3 : 2))} ${units[unit]}`;
}
