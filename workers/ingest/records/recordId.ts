// Stable record ids: the sha-256 of the record's content, so the same text contributed twice gets the same id
// and a later dedupe step can find exact duplicates by id alone. Web Crypto works in workers and in Node.

/**
 * The lower-case hex sha-256 of a string's UTF-8 bytes.
 *
 * @example
 * await sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export async function sha256Hex(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
