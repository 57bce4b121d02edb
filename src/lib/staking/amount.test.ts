// Form amounts become wei exactly, and anything else gets a sentence saying what to type.
import { describe, expect, it } from 'vitest';
import { parseEther } from 'viem';
import { parseOpenAmount } from './amount.ts';

describe('parseOpenAmount', () => {
	it('reads plain decimals', () => {
		expect(parseOpenAmount(' 10 ')).toEqual({ amount: parseEther('10') });
		expect(parseOpenAmount('2.5')).toEqual({ amount: parseEther('2.5') });
		expect(parseOpenAmount('.000000000000000001')).toEqual({ amount: 1n });
	});
	it('refuses zero, words, exponents and too many decimals', () => {
		expect(parseOpenAmount('0')).toEqual({ error: 'Enter an amount of OPEN greater than 0.' });
		for (const text of ['', 'abc', '1e3', '1.2.3', '-1', '0.0000000000000000001'])
			expect(parseOpenAmount(text)).toHaveProperty(
				'error',
				'Enter an amount of OPEN like 10 or 2.5 (at most 18 decimals).'
			);
	});
});
