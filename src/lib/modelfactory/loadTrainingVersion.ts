// Loading one chosen datanet version for training: its records from IPFS through loadVersionRecords (each
// contribution's bytes checked against the manifest's sha-256), the manifest itself checked against what the
// registry published for that version (so the hashes checked are the chain's, not merely the manifest's), and the
// records counted. Progress comes with a rate and an ETA from the shared download meter.
import type { Helia } from '@helia/interface';
import { CID } from 'multiformats/cid';
import type { ContributedRecord } from '../../../workers/ingest/records/parseRecordsJsonl.ts';
import { parseRecordsJsonl } from '../../../workers/ingest/records/parseRecordsJsonl.ts';
import { createProgressMeter } from '../../../workers/shared/progress/downloadProgress.ts';
import type { ContributionView, VersionView } from '../datanets/state/datanetState.ts';
import type { VersionManifest } from '../datanets/ipfs/versionManifest.ts';
import { loadVersionRecords } from '../datanets/versions/loadVersionRecords.ts';
import { EmptyTrainingVersionError, ManifestChainMismatchError } from './trainingDataErrors.ts';
import { countTrainingRecords, type TrainingRecordCounts } from './trainingRecordCounts.ts';
import type { VersionRef } from './trainingVersions.ts';

/** Bytes of the version read so far, the rate and the time left. */
export type TrainingDataProgress = {
	done: number;
	total: number;
	bytesPerSecond: number;
	etaSeconds: number | undefined;
};

/** A loaded version: its manifest, records and their counts. */
export type TrainingVersionData = {
	manifest: VersionManifest;
	records: ContributedRecord[];
	/** The contribution id of each record, which attribution credits. */
	contributionKeys: string[];
	counts: TrainingRecordCounts;
};

export type LoadTrainingVersionOptions = {
	signal?: AbortSignal;
	blockTimeoutMs?: number;
	onProgress?: (progress: TrainingDataProgress) => void;
};

/**
 * Loads `ref` and checks it against the chain's `version` and `contributions`.
 *
 * @example
 * const data = await loadTrainingVersion(helia, ref, { label: 'version 2 of “Law”', version, contributions: state.contributions });
 */
export async function loadTrainingVersion(
	helia: Helia,
	ref: VersionRef,
	chain: { label: string; version: VersionView; contributions: ReadonlyMap<string, ContributionView> },
	options: LoadTrainingVersionOptions = {}
): Promise<TrainingVersionData> {
	let meter: ReturnType<typeof createProgressMeter> | undefined;
	const { manifest, jsonl, records, contributionKeys } = await loadVersionRecords(helia, ref.manifestCid, {
		...(options.signal ? { signal: options.signal } : {}),
		...(options.blockTimeoutMs ? { blockTimeoutMs: options.blockTimeoutMs } : {}),
		onProgress: ({ done, total }) => {
			meter ??= createProgressMeter(ref.manifestCid, total);
			const { bytesPerSecond, etaSeconds } = done >= total ? meter.finish(done) : meter.update(done);
			options.onProgress?.({ done, total, bytesPerSecond, etaSeconds });
		}
	});
	checkManifestAgainstChain(manifest, ref, chain);
	if (records.length === 0)
		throw new EmptyTrainingVersionError(capitalize(chain.label), parseRecordsJsonl(jsonl).badLines);
	return { manifest, records, contributionKeys, counts: countTrainingRecords(records) };
}

/**
 * Throws {@link ManifestChainMismatchError} unless the manifest is the version the registry published: same
 * datanet and number, the same contributions in acceptance order, each with the CID, hash and size on chain.
 *
 * @example
 * checkManifestAgainstChain(manifest, ref, { label, version, contributions: state.contributions });
 */
export function checkManifestAgainstChain(
	manifest: VersionManifest,
	ref: VersionRef,
	chain: { label: string; version: VersionView; contributions: ReadonlyMap<string, ContributionView> }
): void {
	const fail = (problem: string) => {
		throw new ManifestChainMismatchError(chain.label, problem);
	};
	if (manifest.datanetId !== ref.datanetId || manifest.version !== chain.version.version)
		fail(`describes datanet #${manifest.datanetId} version ${manifest.version}`);
	const listed = manifest.contributions.map((c) => c.id);
	if (listed.join() !== chain.version.contributionIds.join())
		fail(
			`lists contributions [${listed.join(', ')}], but the registry accepted [${chain.version.contributionIds.join(', ')}]`
		);
	for (const c of manifest.contributions) {
		const onChain = chain.contributions.get(c.id);
		if (!onChain) return fail(`lists contribution #${c.id}, which this page has not synced from the chain`);
		if (onChain.contentHash.toLowerCase() !== c.contentHash.toLowerCase())
			fail(`gives contribution #${c.id} the hash ${c.contentHash}, but the registry holds ${onChain.contentHash}`);
		if (canonicalCid(onChain.contentCid) !== c.cid)
			fail(`gives contribution #${c.id} the CID ${c.cid}, but the registry holds ${onChain.contentCid}`);
		if (onChain.byteSize.toString() !== c.byteSize)
			fail(`gives contribution #${c.id} ${c.byteSize} bytes, but the registry holds ${onChain.byteSize}`);
	}
}

// The manifest holds CIDs in canonical form; the registry holds whatever string the contributor's client sent.
function canonicalCid(text: string): string {
	try {
		return CID.parse(text).toString();
	} catch {
		return text;
	}
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
