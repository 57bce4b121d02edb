// Optional personal-data redaction before anything leaves the contributor's machine. It returns the redacted text
// and a preview of every replacement, so the page can show exactly what will be removed before submitting.
// Numbers are only taken as IBANs or cards when their checksums hold, to keep ordinary figures intact.

/** What kind of personal data was found. */
export type RedactionKind = 'email' | 'phone' | 'iban' | 'card';

/** One replacement: what was there, what replaces it, and where it started in the original text. */
export type Redaction = { kind: RedactionKind; original: string; replacement: string; offset: number };

/** The redacted text and the list of replacements, in order. */
export type RedactResult = { text: string; redactions: Redaction[] };

const REPLACEMENT: Record<RedactionKind, string> = {
	email: '[EMAIL]',
	phone: '[PHONE]',
	iban: '[IBAN]',
	card: '[CARD]'
};

// Earlier kinds win when matches overlap: an IBAN's digits are not also a phone number.
const PATTERNS: Array<[RedactionKind, RegExp, (match: string) => boolean]> = [
	['email', /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu, () => true],
	['iban', /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g, isIban],
	['card', /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g, isCard],
	['phone', /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}(?![\w])/g, isPhone]
];

/**
 * Replaces emails, phone numbers, IBANs and Luhn-valid card numbers with [EMAIL], [PHONE], [IBAN], [CARD].
 *
 * @example
 * redact('Mail ana@example.org or call +44 20 7946 0958.').text; // 'Mail [EMAIL] or call [PHONE].'
 */
export function redact(text: string): RedactResult {
	const found: Array<Omit<Redaction, 'replacement'>> = [];
	// An IBAN-shaped string that fails its checksum is still an account-like code, not a phone number: it blocks
	// later kinds from claiming its digits.
	const blocked: Array<[number, number]> = [];
	for (const [kind, pattern, accept] of PATTERNS)
		for (const match of text.matchAll(pattern)) {
			const offset = match.index;
			const end = offset + match[0].length;
			const overlaps = ([start, stop]: [number, number]) => offset < stop && start < end;
			if (found.some((f) => overlaps([f.offset, f.offset + f.original.length])) || blocked.some(overlaps)) continue;
			if (accept(match[0])) found.push({ kind, original: match[0], offset });
			else if (kind === 'iban') blocked.push([offset, end]);
		}
	found.sort((a, b) => a.offset - b.offset);
	let out = '';
	let cursor = 0;
	const redactions = found.map((f) => {
		out += text.slice(cursor, f.offset) + REPLACEMENT[f.kind];
		cursor = f.offset + f.original.length;
		return { ...f, replacement: REPLACEMENT[f.kind] };
	});
	return { text: out + text.slice(cursor), redactions };
}

/** ISO 13616 mod-97 check. */
function isIban(candidate: string): boolean {
	const iban = candidate.replace(/ /g, '');
	if (iban.length < 15 || iban.length > 34) return false;
	const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
	let remainder = 0;
	for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
	return remainder === 1;
}

/** 13–19 digits passing the Luhn check, not all one digit. */
function isCard(candidate: string): boolean {
	const digits = candidate.replace(/\D/g, '');
	if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
		sum += d;
	}
	return sum % 10 === 0;
}

/** 9–15 digits, written like a phone number (a +country code, an area code in brackets, or 3+ groups), not a date. */
function isPhone(candidate: string): boolean {
	const digits = candidate.replace(/\D/g, '');
	if (digits.length < 9 || digits.length > 15) return false;
	if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{4}$/.test(candidate)) return false;
	const groups = candidate.split(/[ .()-]+/).filter(Boolean).length;
	return candidate.startsWith('+') || candidate.includes('(') || groups >= 3;
}
