// Form amounts become wei exactly and addresses checksummed; anything else gets a sentence saying what to type.
import { describe, expect, it } from 'vitest';
import { getAddress, parseEther, zeroAddress } from 'viem';
import { parseAddressText, parseOpenAmount } from './formInput.ts';

describe('parseOpenAmount', () => {
	it('reads plain decimals, thousands separators and a trailing unit', () => {
		expect(parseOpenAmount(' 10 ')).toEqual({ ok: true, value: parseEther('10') });
		expect(parseOpenAmount('2.5')).toEqual({ ok: true, value: parseEther('2.5') });
		expect(parseOpenAmount('1,000')).toEqual({ ok: true, value: parseEther('1000') });
		expect(parseOpenAmount('1.5 OPEN')).toEqual({ ok: true, value: parseEther('1.5') });
		expect(parseOpenAmount('.000000000000000001')).toEqual({ ok: true, value: 1n });
	});

	it('refuses nothing, zero, words, exponents, signs and too many decimals', () => {
		expect(parseOpenAmount('')).toEqual({ ok: false, message: 'Enter an amount of OPEN, like 10 or 2.5.' });
		expect(parseOpenAmount('0')).toEqual({ ok: false, message: 'Enter an amount of OPEN greater than 0.' });
		for (const text of ['abc', '1e3', '1.2.3', '-1', '0.0000000000000000001'])
			expect(parseOpenAmount(text), text).toEqual({
				ok: false,
				message: 'Enter an amount of OPEN like 10 or 2.5 (at most 18 decimals).'
			});
	});
});

describe('parseAddressText', () => {
	const account = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';

	it('reads an address in any case, checksummed', () => {
		expect(parseAddressText(` ${account} `)).toEqual({ ok: true, value: getAddress(account) });
		expect(parseAddressText(account.toUpperCase().replace('0X', '0x'))).toEqual({
			ok: true,
			value: getAddress(account)
		});
	});

	it('refuses nothing, a short address and the zero address', () => {
		expect(parseAddressText('')).toEqual({ ok: false, message: 'Enter an address.' });
		expect(parseAddressText('0x123')).toEqual({
			ok: false,
			message: 'Enter an address: 0x followed by 40 hexadecimal digits.'
		});
		expect(parseAddressText(zeroAddress)).toMatchObject({
			ok: false,
			message: expect.stringContaining('zero address')
		});
	});
});
