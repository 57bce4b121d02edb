import { describe, expect, it } from 'vitest';
import { redact } from './redact.ts';

describe('redact', () => {
	it('replaces an email and a phone number and previews both with offsets in the original text', () => {
		const text = 'Write to clinic.desk@example.org or call +44 20 7946 0958 today.';
		const result = redact(text);
		expect(result.text).toBe('Write to [EMAIL] or call [PHONE] today.');
		expect(result.redactions).toEqual([
			{ kind: 'email', original: 'clinic.desk@example.org', replacement: '[EMAIL]', offset: 9 },
			{ kind: 'phone', original: '+44 20 7946 0958', replacement: '[PHONE]', offset: 41 }
		]);
		for (const r of result.redactions) expect(text.slice(r.offset, r.offset + r.original.length)).toBe(r.original);
	});

	it('replaces IBANs and Luhn-valid card numbers only when their checksums hold', () => {
		const result = redact(
			'IBAN GB82 WEST 1234 5698 7654 32, not GB82 WEST 1234 5698 7654 33. Card 4111 1111 1111 1111, not 4111 1111 1111 1112.'
		);
		expect(result.redactions.map((r) => r.kind)).toEqual(['iban', 'card']);
		expect(result.text).toBe('IBAN [IBAN], not GB82 WEST 1234 5698 7654 33. Card [CARD], not 4111 1111 1111 1112.');
	});

	it('leaves dates, years, prices and short numbers alone', () => {
		const text = 'On 2024-03-15 the fee rose from 1,250 to 1,400 euros; see section 12.3 and ISBN 978 0 306 40615 7.';
		expect(redact(text).redactions).toEqual([]);
	});

	it('finds US-style and bracketed numbers', () => {
		expect(redact('Call (555) 123-4567 or 555-123-4567.').text).toBe('Call [PHONE] or [PHONE].');
	});
});
