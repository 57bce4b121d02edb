// Stable record ids: the sha-256 of the record's content, so the same text contributed twice gets the same id
// and a later dedupe step can find exact duplicates by id alone. Web Crypto works in workers and in Node.
import { sha256Hex as sha256Bytes } from '../../shared/hash/sha256.ts';

/**
 * The lower-case hex sha-256 of a string's UTF-8 bytes.
 *
 * @example
 * await sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export async function sha256Hex(text: string): Promise<string> {
	return (await sha256Bytes(new TextEncoder().encode(text))).slice(2);
}
