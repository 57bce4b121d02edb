// Reading what people type into forms (amounts of OPEN, account addresses), with a sentence that says what to type
// instead. Every page's forms use these, so the same text is accepted, and refused in the same words, everywhere.
import { getAddress, isAddress, parseEther, zeroAddress, type Address } from 'viem';

/** A value read from a form, or the sentence to show beside the field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** The wei in an amount of OPEN greater than 0 ("10", "2.5", "1,000", "1.5 OPEN"). */
export function parseOpenAmount(text: string): Parsed<bigint> {
	const trimmed = text
		.trim()
		.replace(/,/g, '')
		.replace(/\s*open$/i, '');
	if (!trimmed) return { ok: false, message: 'Enter an amount of OPEN, like 10 or 2.5.' };
	// parseEther accepts more (exponents, several dots) and rounds beyond 18 decimals: take plain decimals only.
	if (!/^\d+(\.\d{1,18})?$|^\.\d{1,18}$/.test(trimmed))
		return { ok: false, message: 'Enter an amount of OPEN like 10 or 2.5 (at most 18 decimals).' };
	const value = parseEther(trimmed);
	return value > 0n ? { ok: true, value } : { ok: false, message: 'Enter an amount of OPEN greater than 0.' };
}

/** An account address typed or pasted in any case, checksummed; never the zero address, which nobody holds. */
export function parseAddressText(text: string): Parsed<Address> {
	const trimmed = text.trim();
	if (!trimmed) return { ok: false, message: 'Enter an address.' };
	if (!isAddress(trimmed, { strict: false }))
		return { ok: false, message: 'Enter an address: 0x followed by 40 hexadecimal digits.' };
	const value = getAddress(trimmed.toLowerCase());
	if (value === zeroAddress)
		return { ok: false, message: 'The zero address belongs to nobody: enter an account’s address.' };
	return { ok: true, value };
}
