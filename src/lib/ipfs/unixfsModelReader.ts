// Reading a model folder published on IPFS (a UnixFS directory of config.json, model.safetensors, tokenizer
// files) through the page's Helia node, as a ModelFileReader for loadModelFiles. Bitswap waits forever for a
// block nobody has, so every file is read under an idle timeout: when no block arrives for a while the read
// fails, naming the block it was waiting for, instead of leaving the Models page spinning.
import { unixfs } from '@helia/unixfs';
import { CID } from 'multiformats/cid';
import { createProgressMeter, type DownloadProgress } from '../../../workers/shared/progress/downloadProgress.ts';
import { formatBytes } from '../../../workers/shared/format/formatBytes.ts';
import type { ModelFileReader } from '../../../workers/ml/model/modelDirectory.ts';
import { IpfsError, type IpfsErrorOptions } from './errors.ts';

/** A model folder, or a block of one of its files, could not be fetched from the IPFS network in time. */
export class IpfsContentUnavailableError extends IpfsError {
	override name = 'IpfsContentUnavailableError';
	/** The block that did not arrive, when known. */
	readonly block: string | undefined;
	constructor(message: string, options: IpfsErrorOptions & { block?: string } = {}) {
		super(message, options);
		this.block = options.block;
	}
}

/** Options of {@link unixfsModelReader}. */
export type UnixfsModelReaderOptions = {
	/** Give up on a file when no block of it arrives for this long (default 30 000 ms). */
	blockTimeoutMs?: number;
	/** Aborts reads in flight; they then reject with the signal's reason. */
	signal?: AbortSignal;
	/** Called as each file's bytes arrive, and once more when it is complete. */
	onProgress?: (progress: DownloadProgress) => void;
	/** The fewest milliseconds between two progress events of a file (default 100; the last one always comes). */
	progressIntervalMs?: number;
};

type Entries = Map<string, CID>;
const DAG_PB_CODE = 0x70;
type ProgressEvent = { type: string; detail?: unknown };

/**
 * A ModelFileReader over the UnixFS directory `folder` (a CID or its string): a name the directory does not list
 * reads as a missing file; a block that does not arrive in time throws {@link IpfsContentUnavailableError}.
 *
 * @example
 * const read = unixfsModelReader(node.helia, 'bafybei…', { onProgress: (p) => show(p) });
 * const model = await loadModelFiles(read, { source: 'ipfs://bafybei…' });
 */
export function unixfsModelReader(
	helia: Parameters<typeof unixfs>[0],
	folder: CID | string,
	options: UnixfsModelReaderOptions = {}
): ModelFileReader & { names(): Promise<string[]> } {
	const root = typeof folder === 'string' ? parseCid(folder) : folder;
	const fs = unixfs(helia);
	const timeoutMs = options.blockTimeoutMs ?? 30_000;
	const reachable = 'make sure a peer or pinning service that has it is reachable (for the local peer: `npm run peer`)';
	let listing: Promise<Entries> | undefined;

	const list = () =>
		(listing ??= watch(`the folder ${root}`, async (watched) => {
			const stat = await fs.stat(root, watched);
			if (stat.type !== 'directory')
				throw new IpfsError(
					`${root} is a single file, not a model folder. Give the CID of the folder that holds config.json and model.safetensors.`
				);
			// Nested paths too ("attribution/span-index/…"): an adapter folder keeps its attribution artifacts below it.
			const entries: Entries = new Map();
			const walk = async (dir: CID, prefix: string): Promise<void> => {
				for await (const entry of fs.ls(dir, watched)) {
					// A raw leaf is a file; a dag-pb node may be either, and only its stat says which.
					const isDirectory =
						entry.cid.code === DAG_PB_CODE && (await fs.stat(entry.cid, watched)).type === 'directory';
					if (isDirectory) await walk(entry.cid, `${prefix}${entry.name}/`);
					else entries.set(`${prefix}${entry.name}`, entry.cid);
				}
			};
			await walk(root, '');
			return entries;
		}).catch((error: unknown) => {
			listing = undefined; // a later call may find a peer that has it
			throw error;
		}));

	/** Runs `work` with an idle timeout that each arriving block resets, and names the block it waited for. */
	async function watch<T>(
		what: string,
		work: (watched: { signal: AbortSignal; onProgress: (event: ProgressEvent) => void }) => Promise<T>,
		state: { reset?: () => void; describe?: () => string } = {}
	): Promise<T> {
		const controller = new AbortController();
		const waiting = new Set<string>();
		let timer: ReturnType<typeof setTimeout> | undefined;
		const expired = new Error('idle timeout');
		const reset = () => {
			clearTimeout(timer);
			timer = setTimeout(() => controller.abort(expired), timeoutMs);
		};
		state.reset = reset;
		reset();
		// Helia reports a wanted block under several names (its own want, bitswap's provider search, a broker's
		// request) and an arrival likewise; the last block still wanted and still absent is the one to name.
		const onProgress = (event: ProgressEvent) => {
			const cid = eventCid(event.detail);
			if (!cid) return;
			if (/want|request-block|find-providers/.test(event.type)) waiting.add(cid);
			else if (/receive-block|blockstore:put|bitswap:block/.test(event.type)) {
				waiting.delete(cid);
				reset();
			}
		};
		const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
		try {
			return await work({ signal, onProgress });
		} catch (error) {
			if (options.signal?.aborted) throw options.signal.reason;
			if (!controller.signal.aborted) throw error;
			// Not every arrival is reported under a name we know: the blocks we hold now were not the problem.
			let block: string | undefined;
			for (const cid of [...waiting].reverse())
				if (cid !== root.toString() && !(await helia.blockstore.has(CID.parse(cid)))) {
					block = cid;
					break;
				}
			throw new IpfsContentUnavailableError(
				`${block ? `Block ${block} of ${what}` : what.replace(/^the /, 'The ')} could not be found on the ` +
					`IPFS network within ${timeoutMs / 1000} s${state.describe ? ` (${state.describe()})` : ''}; ${reachable}, then try again.`,
				{ cause: error, ...(block ? { block } : {}) }
			);
		} finally {
			clearTimeout(timer);
		}
	}

	const read: ModelFileReader = async (name) => {
		const cid = (await list()).get(name);
		if (!cid) return undefined;
		let loaded = 0;
		let total: number | undefined;
		const state: { reset?: () => void; describe?: () => string } = {
			describe: () => `after ${formatBytes(loaded)}${total === undefined ? '' : ` of ${formatBytes(total)}`}`
		};
		return watch(
			name,
			async (watched) => {
				total = Number((await fs.stat(cid, watched)).size);
				const meter = createProgressMeter(name, total);
				const interval = options.progressIntervalMs ?? 100;
				let lastEvent = -Infinity;
				const bytes = new Uint8Array(total);
				for await (const chunk of fs.cat(cid, watched)) {
					if (loaded + chunk.length > total)
						throw new IpfsError(
							`${name} in ${root} holds more bytes than its UnixFS size says; the folder is corrupt.`
						);
					bytes.set(chunk, loaded);
					loaded += chunk.length;
					state.reset?.();
					const now = performance.now();
					if (options.onProgress && now - lastEvent >= interval) {
						lastEvent = now;
						options.onProgress(meter.update(loaded));
					}
				}
				if (loaded !== total)
					throw new IpfsError(`${name} in ${root} ended after ${loaded} of ${total} bytes; the folder is corrupt.`);
				options.onProgress?.(meter.finish(loaded));
				return bytes;
			},
			state
		);
	};
	return Object.assign(read, { names: async () => [...(await list()).keys()] });
}

/**
 * Every file of the UnixFS folder `folder`, by its path inside it: what a worker without a Helia node is handed
 * (an adapter folder with its attribution artifacts).
 *
 * @example
 * const files = await readUnixfsFolder(node.helia, adapterCid);
 * await attributionWorker.call('open', {}, model, { kind: 'files', files, label: `ipfs://${adapterCid}` });
 */
export async function readUnixfsFolder(
	helia: Parameters<typeof unixfs>[0],
	folder: CID | string,
	options: UnixfsModelReaderOptions = {}
): Promise<Record<string, Uint8Array>> {
	const read = unixfsModelReader(helia, folder, options);
	const files: Record<string, Uint8Array> = {};
	for (const name of await read.names()) files[name] = (await read(name))!;
	return files;
}

function eventCid(detail: unknown): string | undefined {
	const cid = CID.asCID(detail) ?? CID.asCID((detail as { cid?: unknown } | null | undefined)?.cid);
	return cid?.toString();
}

function parseCid(text: string): CID {
	try {
		return CID.parse(text.replace(/^ipfs:\/\//, '').replace(/\/+$/, ''));
	} catch (cause) {
		throw new IpfsError(`"${text}" is not a valid CID. Paste the folder's CID (bafy… or Qm…).`, { cause });
	}
}
