// SHA-256 through Web Crypto, the same in workers, pages and Node: what adapters, checkpoints and attribution
// indexes are checked against.

/**
 * The SHA-256 of `bytes` as 0x-prefixed lower-case hex.
 *
 * @example
 * await sha256Hex(new TextEncoder().encode('abc')); // '0xba7816bf…f20015ad'
 */
export async function sha256Hex(bytes: Uint8Array): Promise<`0x${string}`> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
	return `0x${Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
