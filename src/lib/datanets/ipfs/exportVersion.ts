// Exporting a datanet version: its records as one JSONL file (what a trainer feeds on), and the whole version as
// a CAR file (the manifest and every contribution's blocks) that another node, a pinning service or an archive can
// import without asking the network, then verify block by block against the CIDs.
import { car, UnixFSExporter, type ExportStrategy } from '@helia/car';
import type { Helia } from '@helia/interface';
import { CarBlockIterator } from '@ipld/car';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { bytesToHex } from 'viem';
import { ContributionContentMismatchError, InvalidCarError } from './datanetIpfsErrors.ts';
import { blockTimeoutError, readUnixfsFile } from './unixfsFile.ts';
import type { VersionManifest } from './versionManifest.ts';

export type VersionRecordsOptions = {
	/** Aborts the export; it then rejects with the signal's reason. */
	signal?: AbortSignal;
	/** Give up on a contribution when no block of it arrives for this long (default 30 000 ms). */
	blockTimeoutMs?: number;
	/** Bytes of the version read so far, of `acceptedBytes`. */
	onProgress?: (progress: { done: number; total: number }) => void;
};

const NEWLINE = 0x0a;

/**
 * Each contribution's file of the version, verbatim and in acceptance order, by contribution id. Each file is
 * checked against its manifest `byteSize` and sha-256 `contentHash`; a mismatch throws
 * ContributionContentMismatchError, a block that does not arrive IpfsContentUnavailableError.
 *
 * @example
 * for (const { id, bytes } of await versionContributionFiles(node.helia, manifest)) console.log(id, bytes.length);
 */
export async function versionContributionFiles(
	helia: Helia,
	manifest: VersionManifest,
	options: VersionRecordsOptions = {}
): Promise<{ id: string; bytes: Uint8Array }[]> {
	const total = Number(manifest.acceptedBytes);
	const files: { id: string; bytes: Uint8Array }[] = [];
	let before = 0;
	for (const c of manifest.contributions) {
		options.signal?.throwIfAborted();
		const cid = CID.parse(c.cid);
		const bytes = await readUnixfsFile(helia, cid, `contribution ${c.id} (${c.cid})`, {
			signal: options.signal,
			blockTimeoutMs: options.blockTimeoutMs,
			onProgress: ({ bytesDone }) => options.onProgress?.({ done: Math.min(before + bytesDone, total), total })
		});
		if (BigInt(bytes.length) !== BigInt(c.byteSize))
			throw new ContributionContentMismatchError(c.id, c.cid, `holds ${bytes.length} bytes, not ${c.byteSize}`);
		const hash = bytesToHex((await sha256.digest(bytes)).digest);
		if (hash !== c.contentHash.toLowerCase())
			throw new ContributionContentMismatchError(c.id, c.cid, `has sha-256 ${hash}, not ${c.contentHash}`);
		files.push({ id: String(c.id), bytes });
		before += bytes.length;
	}
	options.onProgress?.({ done: total, total });
	return files;
}

/**
 * The version's records: each contribution's file ({@link versionContributionFiles}) concatenated. A contribution
 * that does not end with a newline is followed by one, so one contribution's last record never runs into the next
 * one's first.
 *
 * @example
 * const jsonl = await versionRecordsJsonl(node.helia, manifest, { onProgress: ({ done, total }) => bar(done / total) });
 */
export async function versionRecordsJsonl(
	helia: Helia,
	manifest: VersionManifest,
	options: VersionRecordsOptions = {}
): Promise<Uint8Array> {
	return joinContributionFiles(await versionContributionFiles(helia, manifest, options));
}

/** Contribution files as one JSONL: each followed by a newline where it lacks one. */
export function joinContributionFiles(files: readonly { bytes: Uint8Array }[]): Uint8Array {
	const parts: Uint8Array[] = [];
	for (const { bytes } of files) {
		parts.push(bytes);
		if (bytes.length > 0 && bytes[bytes.length - 1] !== NEWLINE) parts.push(Uint8Array.of(NEWLINE));
	}
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

export type VersionCarOptions = {
	/** Aborts the export; the iteration then throws the signal's reason. */
	signal?: AbortSignal;
	/** Give up when no block arrives for this long (default 30 000 ms); time spent by the consumer does not count. */
	blockTimeoutMs?: number;
	/** true: use local blocks only, failing at once on a missing one instead of asking peers. Default false. */
	offline?: boolean;
};

/**
 * Walks the manifest's DAG, then each contribution's, in acceptance order; a block shared by two of them (two
 * identical contributions, a repeated chunk) is written once.
 */
class VersionExporter implements ExportStrategy {
	readonly #contributions: CID[];
	constructor(contributions: CID[]) {
		this.#contributions = contributions;
	}
	async *export(...[root, blockstore, getCodec, options]: Parameters<ExportStrategy['export']>) {
		const written = new Set<string>();
		const unixfs = new UnixFSExporter();
		for (const dag of [root, ...this.#contributions])
			for await (const block of unixfs.export(dag, blockstore, getCodec, options)) {
				const key = block.cid.toString();
				if (written.has(key)) continue;
				written.add(key);
				yield block;
			}
	}
}

/**
 * The version as a CARv1 stream whose single root is `manifestCid`, holding the manifest's blocks and every
 * contribution's DAG (contributions are not linked from the manifest's UnixFS DAG, so the CAR carries them as
 * extra blocks; importCar stores them all). Blocks missing locally are fetched from peers unless `offline`.
 *
 * @example
 * const parts: Uint8Array[] = [];
 * for await (const chunk of versionCar(node.helia, manifestCid, manifest)) parts.push(chunk);
 * download(new Blob(parts), `datanet-${manifest.datanetId}-v${manifest.version}.car`);
 */
export async function* versionCar(
	helia: Helia,
	manifestCid: CID,
	manifest: VersionManifest,
	options: VersionCarOptions = {}
): AsyncGenerator<Uint8Array, void, undefined> {
	const timeoutMs = options.blockTimeoutMs ?? 30_000;
	const controller = new AbortController();
	const expired = new Error(`no block arrived for ${timeoutMs} ms`);
	let timer: ReturnType<typeof setTimeout> | undefined;
	const arm = () => {
		clearTimeout(timer);
		timer = setTimeout(() => controller.abort(expired), timeoutMs);
	};
	const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
	const exporter = new VersionExporter(manifest.contributions.map((c) => CID.parse(c.cid)));
	const what = `datanet ${manifest.datanetId} version ${manifest.version} (manifest ${manifestCid})`;
	let waiting: string | undefined;
	arm();
	try {
		const chunks = car(helia).export(manifestCid, {
			signal,
			exporter,
			offline: options.offline ?? false,
			onProgress: (event: { type: string; detail?: unknown }) => {
				const cid = CID.asCID(event.detail);
				if (!cid) return;
				if (event.type === 'blocks:get:providers:get') waiting = cid.toString();
				else if (event.type === 'blocks:get:blockstore:put') arm();
			}
		});
		for await (const chunk of chunks) {
			clearTimeout(timer);
			yield chunk;
			arm();
		}
	} catch (error) {
		if (options.signal?.aborted) throw options.signal.reason;
		if (!controller.signal.aborted) throw error;
		throw blockTimeoutError(what, timeoutMs, { cause: error, block: waiting });
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Stores every block of a CAR file (bytes or a stream of them) in the node after checking that each one hashes
 * to its CID, so a tampered CAR adds nothing false. Nothing is pinned: pin what you keep. Resolves to the CAR's
 * roots (for a version CAR: the manifest CID) and the number of blocks.
 *
 * @example
 * const { roots: [manifestCid] } = await importCar(node.helia, new Uint8Array(await file.arrayBuffer()));
 * const manifest = await readVersionManifest(node.helia, manifestCid!);
 */
export async function importCar(
	helia: Helia,
	carBytes: Uint8Array | AsyncIterable<Uint8Array>,
	options: { signal?: AbortSignal } = {}
): Promise<{ roots: CID[]; blocks: number }> {
	let reader: CarBlockIterator;
	try {
		reader =
			carBytes instanceof Uint8Array
				? await CarBlockIterator.fromBytes(carBytes)
				: await CarBlockIterator.fromIterable(carBytes);
	} catch (cause) {
		throw new InvalidCarError('The file is not a valid CAR (v1 or v2) file; export the version again.', { cause });
	}
	const roots = await reader.getRoots();
	let blocks = 0;
	async function* verified() {
		try {
			for await (const { cid, bytes } of reader) {
				options.signal?.throwIfAborted();
				const hasher = await helia.getHasher(cid.multihash.code);
				const digest = await hasher.digest(bytes);
				if (!equalBytes(digest.bytes, cid.multihash.bytes))
					throw new InvalidCarError(
						`Block ${cid} in the CAR file does not hash to its CID: the file is corrupt or was tampered ` +
							'with. Nothing after it was imported; get the CAR again from a trusted source.'
					);
				blocks++;
				yield { cid, bytes };
			}
		} catch (cause) {
			if (cause instanceof InvalidCarError || options.signal?.aborted) throw cause;
			throw new InvalidCarError('The CAR file is truncated or malformed; export the version again.', { cause });
		}
	}
	await car(helia).import({ blocks: verified }, { signal: options.signal });
	return { roots: [...roots], blocks };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}
