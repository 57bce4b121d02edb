// The memory plan of a model folder on IPFS, from config.json and the first bytes of model.safetensors (its
// 8-byte length and JSON header), read as UnixFS byte ranges: only the leaf blocks holding the header are fetched
// (the first one, 1 MiB at UnixFS's default chunking, for any usual header), never the weights. The HTTP twin is
// planModelDownload, which does the same with Range requests; both end in planModelMemory.
import { unixfs } from '@helia/unixfs';
import { CID } from 'multiformats/cid';
import { ModelDirectoryError } from '../../../workers/ml/model/modelDirectory.ts';
import { parseModelConfig } from '../../../workers/ml/model/parseModelConfig.ts';
import { planModelMemory, type ModelMemoryPlan } from '../../../workers/ml/model/planModelDownload.ts';
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import { IpfsContentUnavailableError, unixfsModelReader } from '../ipfs/unixfsModelReader.ts';

type UnixfsHelia = Parameters<typeof unixfs>[0];

// The safetensors reference implementation refuses headers over 100 MB; a larger claim is corruption.
const MAX_HEADER_BYTES = 100_000_000;
const WEIGHTS = 'model.safetensors';

/**
 * Reads config.json and model.safetensors' header from the UnixFS folder `folder` and plans the model's memory.
 *
 * @example
 * const plan = await planIpfsModel(helia, 'bafybei…');
 * plan.weightBytes / 4; // parameters
 */
export async function planIpfsModel(
	helia: UnixfsHelia,
	folder: string,
	options: { signal?: AbortSignal; blockTimeoutMs?: number } = {}
): Promise<ModelMemoryPlan> {
	const timeoutMs = options.blockTimeoutMs ?? 30_000;
	const read = unixfsModelReader(helia, folder, {
		blockTimeoutMs: timeoutMs,
		...(options.signal ? { signal: options.signal } : {})
	});
	const source = `ipfs://${folder}`;
	const configBytes = await read('config.json');
	if (!configBytes) throw new ModelDirectoryError(`config.json is missing from ${source}.`, { file: 'config.json' });
	let config;
	try {
		config = parseModelConfig(JSON.parse(new TextDecoder().decode(configBytes)));
	} catch (error) {
		const what = error instanceof ProvenaError ? error.shortMessage : 'it is not valid JSON.';
		throw new ModelDirectoryError(`config.json in ${source}: ${what}`, { file: 'config.json', cause: error });
	}

	const fs = unixfs(helia);
	const root = CID.parse(folder);
	const ranged = <T>(what: string, work: (signal: AbortSignal) => Promise<T>) =>
		withTimeout(`${what} of ${WEIGHTS} in ${source}`, timeoutMs, options.signal, work);
	const { weights, fileBytes } = await ranged('the size', async (signal) => {
		for await (const entry of fs.ls(root, { signal }))
			if (entry.name === WEIGHTS)
				return { weights: entry.cid, fileBytes: Number((await fs.stat(entry.cid, { signal })).size) };
		throw new ModelDirectoryError(`${WEIGHTS} is missing from ${source}.`, { file: WEIGHTS });
	});
	const corrupt = (problem: string) =>
		new ModelDirectoryError(
			`${WEIGHTS} in ${source} ${problem}. The file is truncated, corrupt or not a safetensors file; publish it again.`,
			{ file: WEIGHTS }
		);
	if (fileBytes < 8) throw corrupt(`is ${fileBytes} bytes, shorter than its 8-byte header length`);
	const lengthBytes = await ranged('the header length', (signal) => cat(fs, weights, 0, 8, signal));
	const headerLength = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8).getBigUint64(0, true);
	if (headerLength > BigInt(Math.min(MAX_HEADER_BYTES, fileBytes - 8)))
		throw corrupt(`claims a ${headerLength}-byte header in a ${fileBytes}-byte file`);
	const length = Number(headerLength);
	const headerBytes = await ranged('the header', (signal) => cat(fs, weights, 8, length, signal));
	let header: unknown;
	try {
		header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
	} catch {
		throw corrupt('has a header that is not valid JSON');
	}
	if (typeof header !== 'object' || header === null || Array.isArray(header))
		throw corrupt('has a header that is not a JSON object');
	return planModelMemory(config, header as Record<string, unknown>, fileBytes);
}

async function cat(fs: ReturnType<typeof unixfs>, cid: CID, offset: number, length: number, signal: AbortSignal) {
	const bytes = new Uint8Array(length);
	let at = 0;
	for await (const chunk of fs.cat(cid, { offset, length, signal })) {
		bytes.set(chunk.subarray(0, length - at), at);
		at += chunk.length;
	}
	if (at < length) throw new ModelDirectoryError(`${WEIGHTS} ended after ${offset + at} bytes, inside its header.`);
	return bytes;
}

/** Runs `work` under a time limit, turning its expiry into the IPFS layer's "not found in time" error. */
async function withTimeout<T>(
	what: string,
	timeoutMs: number,
	outer: AbortSignal | undefined,
	work: (signal: AbortSignal) => Promise<T>
): Promise<T> {
	const timer = AbortSignal.timeout(timeoutMs);
	try {
		return await work(outer ? AbortSignal.any([timer, outer]) : timer);
	} catch (error) {
		if (outer?.aborted) throw outer.reason;
		if (!timer.aborted) throw error;
		throw new IpfsContentUnavailableError(
			`${what[0]!.toUpperCase()}${what.slice(1)} could not be found on the IPFS network within ${timeoutMs / 1000} s; ` +
				'make sure a peer or pinning service that has it is reachable, then try again.',
			{ cause: error }
		);
	}
}
