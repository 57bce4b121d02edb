import { describe, expect, it } from 'vitest';
import { formatBytes, formatOpen, shortAddress } from './format.ts';

describe('formatOpen', () => {
	it('trims trailing zeros and caps decimals', () => {
		expect(formatOpen(1_500_000_000_000_000_000n)).toBe('1.5 OPEN');
		expect(formatOpen(1_234_567_000_000_000_000n)).toBe('1.2345 OPEN');
		expect(formatOpen(10n ** 22n)).toBe('10000 OPEN');
		expect(formatOpen(0n)).toBe('0 OPEN');
	});
	it('never shows a non-zero amount as zero', () => {
		expect(formatOpen(1n)).toBe('<0.0001 OPEN');
		expect(formatOpen(21_000n * 1_000_000_000n, { decimals: 6 })).toBe('0.000021 OPEN');
	});
});

describe('shortAddress / formatBytes', () => {
	it('formats', () => {
		expect(shortAddress('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toBe('0xf39F…2266');
		expect(formatBytes(0)).toBe('0 bytes');
		expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
	});
});
