// What a user may type to name a model or adapter folder: an http(s) URL, or an IPFS CID (optionally as
// ipfs://CID). Parsed once here so the Models page's forms agree on what they accept and what they say otherwise.
import { CID } from 'multiformats/cid';

/** A parsed folder address. */
export type FolderAddress = { kind: 'url'; url: string } | { kind: 'ipfs'; cid: string };

/**
 * Parses `input`, or throws an Error whose message says what is accepted.
 *
 * @example
 * parseFolderAddress('ipfs://bafybeigdyr…'); // { kind: 'ipfs', cid: 'bafybeigdyr…' }
 */
export function parseFolderAddress(input: string): FolderAddress {
	const value = input.trim();
	if (/^https?:\/\//i.test(value)) {
		try {
			return { kind: 'url', url: new URL(value).href };
		} catch {
			// fall through to the message below
		}
	}
	const cid = value.replace(/^ipfs:\/\//i, '').replace(/\/+$/, '');
	try {
		return { kind: 'ipfs', cid: CID.parse(cid).toString() };
	} catch {
		throw new Error(`"${value}" is neither an http(s) URL nor an IPFS CID. Paste the folder's URL, or its CID (bafy… or Qm…).`);
	}
}

/** The files of a Hugging Face model folder the engine reads. */
export const MODEL_FILE_NAMES = ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json', 'generation_config.json'];
/** The files of a PEFT adapter folder. */
export const ADAPTER_FILE_NAMES = ['adapter_config.json', 'adapter_model.safetensors'];

/**
 * Reads `names` through `read`, leaving out the ones the folder lacks (the loader then says which it needed).
 *
 * @example
 * const files = await readFolderFiles(unixfsModelReader(helia, cid), ADAPTER_FILE_NAMES);
 */
export async function readFolderFiles(
	read: (name: string) => Promise<Uint8Array | undefined>,
	names: readonly string[]
): Promise<Record<string, Uint8Array>> {
	const files: Record<string, Uint8Array> = {};
	for (const name of names) {
		const bytes = await read(name);
		if (bytes) files[name] = bytes;
	}
	return files;
}
