// An answer's evidence as one file on IPFS: its canonical bytes added as a UnixFS file with the datanet settings
// (one raw leaf for evidence under 1 MiB, so the same evidence always has the same bafkrei… CID), and read back
// under an idle timeout, so evidence nobody holds fails in seconds instead of waiting on bitswap forever.
import type { Helia } from '@helia/interface';
import { CID } from 'multiformats/cid';
import { addUnixfsFile, readUnixfsFile, type ReadUnixfsFileOptions } from '../datanets/ipfs/unixfsFile.ts';
import { IpfsError } from '../ipfs/errors.ts';
import { encodeInferenceEvidence, type InferenceEvidence } from './inferenceEvidence.ts';

/**
 * Adds `evidence`'s canonical bytes to `helia` and pins them locally; resolves to the CID a record names.
 *
 * @example
 * const cid = await addEvidenceFile(helia, evidence); // bafkrei…
 */
export async function addEvidenceFile(helia: Helia, evidence: InferenceEvidence): Promise<CID> {
	return (await addUnixfsFile(helia, encodeInferenceEvidence(evidence))).cid;
}

/**
 * The bytes of evidence `cid` (as a record names it), from local blocks or connected peers. Throws IpfsError for a
 * CID that does not parse, IpfsContentUnavailableError when no block arrives within `blockTimeoutMs`.
 */
export function readEvidenceFile(helia: Helia, cid: string, options: ReadUnixfsFileOptions = {}): Promise<Uint8Array> {
	let root: CID;
	try {
		root = CID.parse(cid.replace(/^ipfs:\/\//, ''));
	} catch (cause) {
		throw new IpfsError(`The record's evidence CID "${cid}" is not a valid CID, so its evidence cannot be fetched.`, {
			cause
		});
	}
	return readUnixfsFile(helia, root, `evidence ${cid}`, options);
}
