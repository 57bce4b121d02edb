// A datanet version as the rest of the app consumes it (ModelFactory trains on it): the manifest read by CID, every
// contribution's records checked against the content hash the registry holds, in acceptance order.
import type { Helia } from '@helia/interface';
import type { CID } from 'multiformats/cid';
import { parseRecordsJsonl, type ContributedRecord } from '../../../../workers/ingest/records/parseRecordsJsonl.ts';
import { joinContributionFiles, versionContributionFiles } from '../ipfs/exportVersion.ts';
import { readVersionManifest, type VersionManifest } from '../ipfs/versionManifest.ts';

export type LoadVersionRecordsOptions = {
	signal?: AbortSignal;
	blockTimeoutMs?: number;
	/** Bytes read so far, of all the version's contributions. */
	onProgress?: (progress: { done: number; total: number }) => void;
};

/**
 * The version's manifest, its records and their bytes (the JSONL a download gives), and the contribution id of each
 * record (what attribution credits).
 */
export type VersionRecords = {
	manifest: VersionManifest;
	jsonl: Uint8Array;
	records: ContributedRecord[];
	contributionKeys: string[];
};

/**
 * Loads every record of a datanet version.
 *
 * @example
 * const { records } = await loadVersionRecords(helia, version.manifestCid);
 */
export async function loadVersionRecords(
	helia: Helia,
	manifestCid: CID | string,
	options: LoadVersionRecordsOptions = {}
): Promise<VersionRecords> {
	const manifest = await readVersionManifest(helia, manifestCid, {
		...(options.signal ? { signal: options.signal } : {}),
		...(options.blockTimeoutMs ? { blockTimeoutMs: options.blockTimeoutMs } : {})
	});
	const files = await versionContributionFiles(helia, manifest, options);
	const records: ContributedRecord[] = [];
	const contributionKeys: string[] = [];
	for (const { id, bytes } of files)
		for (const record of parseRecordsJsonl(bytes).records) {
			records.push(record);
			contributionKeys.push(id);
		}
	return { manifest, jsonl: joinContributionFiles(files), records, contributionKeys };
}
