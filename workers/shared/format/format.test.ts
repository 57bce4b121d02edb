import { describe, expect, it } from 'vitest';
import { formatBytes } from './formatBytes.ts';
import { formatEta } from './formatEta.ts';

describe('formatting', () => {
	it('prints bytes in binary units', () => {
		expect(formatBytes(512)).toBe('512 bytes');
		expect(formatBytes(1536)).toBe('1.5 KiB');
		expect(formatBytes(2_040_109_465)).toBe('1.9 GiB');
		expect(formatBytes(1024 ** 3)).toBe('1 GiB');
		expect(formatBytes(300 * 1024 ** 2)).toBe('300 MiB');
	});

	it('prints an ETA', () => {
		expect(formatEta(undefined)).toBe('');
		expect(formatEta(44.2)).toBe('45 s');
		expect(formatEta(200)).toBe('3 min 20 s');
		expect(formatEta(120)).toBe('2 min');
		expect(formatEta(3900)).toBe('1 h 5 min');
	});
});
