// Deciding whether a model can run on this GPU before downloading it. WebGPU refuses any buffer larger than
// maxBufferSize and any binding larger than maxStorageBufferBindingSize, and the engine widens F16/BF16 weights
// to float32; a model that cannot fit would otherwise be discovered only after a gigabyte download. config.json
// and the safetensors header (a few kilobytes, fetched with HTTP Range, or read off the front of the stream when
// the server ignores Range) name every tensor's shape, which is all the arithmetic needs.
import { ProvenaError, type ProvenaErrorOptions } from '../../shared/errors/ProvenaError.ts';
import { formatBytes } from '../../shared/format/formatBytes.ts';
import { fetchModelFiles, folderUrl, httpError, request } from './fetchModelFiles.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { ModelDirectoryError } from './modelDirectory.ts';
import { parseModelConfig } from './parseModelConfig.ts';

/** The GPU limits a model must fit (GPUDevice.limits), and optionally a budget for all its memory. */
export type GpuLimits = {
	maxBufferSize: number;
	maxStorageBufferBindingSize: number;
	/** Bytes the weights and the KV cache may take together (e.g. what the user allows for this model). */
	budgetBytes?: number;
};

/** What the engine will allocate for a model, from its config and safetensors header. */
export type ModelMemoryPlan = {
	config: ModelConfig;
	/** model.safetensors' size on the server, when it said. */
	fileBytes: number | undefined;
	/** All tensors as float32. */
	weightBytes: number;
	/** The largest tensor as float32 (one GPU buffer). */
	largestTensor: { name: string; shape: number[]; bytes: number };
	/** Keys and values of every layer at full context (max_position_embeddings), float32, batch 1. */
	kvCacheBytes: number;
	/** One layer's keys (or values) at full context: the largest KV buffer. */
	kvBufferBytes: number;
	/** weightBytes + kvCacheBytes. */
	totalBytes: number;
};

/** The model exceeds a GPU limit or the budget; `limit`, `neededBytes` and `allowedBytes` say by how much. */
export class ModelTooLargeError extends ProvenaError {
	override name = 'ModelTooLargeError';
	readonly limit: 'maxBufferSize' | 'maxStorageBufferBindingSize' | 'budgetBytes';
	readonly neededBytes: number;
	readonly allowedBytes: number;
	constructor(
		message: string,
		options: ProvenaErrorOptions & { limit: ModelTooLargeError['limit']; neededBytes: number; allowedBytes: number }
	) {
		super(message, options);
		this.limit = options.limit;
		this.neededBytes = options.neededBytes;
		this.allowedBytes = options.allowedBytes;
	}
}

// The safetensors reference implementation refuses headers over 100 MB; a larger claim is corruption.
const MAX_HEADER_BYTES = 100_000_000;
const FLOAT32 = 4;

/**
 * Fetches config.json and model.safetensors' header from `baseUrl` (never the weights) and throws
 * {@link ModelTooLargeError} when the model cannot fit `limits`; otherwise returns the plan.
 *
 * @example
 * const plan = await planModelDownload('/models/smollm2-135m/', device.limits);
 * const model = await loadModelFiles(fetchModelFiles('/models/smollm2-135m/', { onProgress }));
 */
export async function planModelDownload(
	baseUrl: string | URL,
	limits: GpuLimits,
	options: { signal?: AbortSignal } = {}
): Promise<ModelMemoryPlan> {
	const base = folderUrl(baseUrl);
	const source = base.href;
	const configBytes = await fetchModelFiles(base, options)('config.json');
	if (!configBytes) throw new ModelDirectoryError(`config.json is missing from ${source}.`, { file: 'config.json' });
	let config: ModelConfig;
	try {
		config = parseModelConfig(JSON.parse(new TextDecoder().decode(configBytes)));
	} catch (error) {
		const what = error instanceof ProvenaError ? error.shortMessage : 'it is not valid JSON.';
		throw new ModelDirectoryError(`config.json in ${source}: ${what}`, { file: 'config.json', cause: error });
	}
	const { header, fileBytes } = await fetchSafetensorsHeader(new URL('model.safetensors', base).href, options.signal);
	const plan = planModelMemory(config, header, fileBytes);
	checkModelFitsGpu(plan, limits);
	return plan;
}

/**
 * The memory plan from a config and a parsed safetensors header (`{ name: { dtype, shape, data_offsets } }`).
 *
 * @example
 * const plan = planModelMemory(config, header, undefined); // plan.largestTensor.bytes
 */
export function planModelMemory(
	config: ModelConfig,
	header: Record<string, unknown>,
	fileBytes: number | undefined
): ModelMemoryPlan {
	let weightBytes = 0;
	let largestTensor = { name: '', shape: [] as number[], bytes: 0 };
	for (const [name, entry] of Object.entries(header)) {
		if (name === '__metadata__') continue;
		const shape = (entry as { shape?: unknown } | null)?.shape;
		if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
			throw new ModelDirectoryError(
				`Tensor "${name}" in the model.safetensors header has no valid shape. The file is corrupt or not a ` +
					'safetensors file; download or export it again.',
				{ file: 'model.safetensors' }
			);
		// Every dtype is widened to float32 on the way in.
		const bytes = shape.reduce((a: number, b: number) => a * b, 1) * FLOAT32;
		weightBytes += bytes;
		if (bytes > largestTensor.bytes) largestTensor = { name, shape, bytes };
	}
	const kvBufferBytes = config.numKeyValueHeads * config.headDim * config.maxPositionEmbeddings * FLOAT32;
	const kvCacheBytes = 2 * config.numLayers * kvBufferBytes;
	return {
		config,
		fileBytes,
		weightBytes,
		largestTensor,
		kvCacheBytes,
		kvBufferBytes,
		totalBytes: weightBytes + kvCacheBytes
	};
}

/**
 * Throws {@link ModelTooLargeError} with the numbers when a plan exceeds the limits.
 *
 * @example
 * checkModelFitsGpu(plan, { maxBufferSize: 1 << 30, maxStorageBufferBindingSize: 1 << 27 });
 */
export function checkModelFitsGpu(plan: ModelMemoryPlan, limits: GpuLimits): void {
	const { largestTensor: tensor, kvBufferBytes } = plan;
	const biggest =
		tensor.bytes >= kvBufferBytes
			? { bytes: tensor.bytes, what: `${tensor.name}, [${tensor.shape.join(', ')}] as float32` }
			: {
					bytes: kvBufferBytes,
					what: `one layer's keys at the full ${plan.config.maxPositionEmbeddings}-token context`
				};
	const smaller = 'Pick a smaller model (fewer parameters or a smaller vocabulary), or a GPU with higher limits.';
	for (const limit of ['maxBufferSize', 'maxStorageBufferBindingSize'] as const)
		if (biggest.bytes > limits[limit])
			throw new ModelTooLargeError(
				`This model needs ${formatBytes(biggest.bytes)} in one buffer (${biggest.what}); this GPU allows ` +
					`${formatBytes(limits[limit])} (${limit}). ${smaller}`,
				{ limit, neededBytes: biggest.bytes, allowedBytes: limits[limit] }
			);
	const budget = limits.budgetBytes;
	if (budget !== undefined && plan.totalBytes > budget)
		throw new ModelTooLargeError(
			`This model needs ${formatBytes(plan.totalBytes)} of GPU memory (${formatBytes(plan.weightBytes)} of float32 ` +
				`weights + ${formatBytes(plan.kvCacheBytes)} of KV cache for ${plan.config.maxPositionEmbeddings} tokens); ` +
				`the budget is ${formatBytes(budget)}. Pick a smaller model, or raise the budget if the GPU has the memory.`,
			{ limit: 'budgetBytes', neededBytes: plan.totalBytes, allowedBytes: budget }
		);
}

/** Reads the 8-byte length and the JSON header, and the file's size when the server says it. */
async function fetchSafetensorsHeader(url: string, signal?: AbortSignal) {
	const name = 'model.safetensors';
	const open = async (range: string) => {
		const response = await request(url, name, signal, { Range: range });
		if (response.status === 404) {
			await response.body?.cancel();
			throw new ModelDirectoryError(`${name} is missing from ${url.slice(0, -name.length)}.`, { file: name });
		}
		if (response.status === 416) {
			await response.body?.cancel();
			throw new ModelDirectoryError(
				`${name} at ${url} is shorter than its 8-byte header length. The file is truncated or not a safetensors ` +
					'file; download or export it again.',
				{ file: name }
			);
		}
		if (response.status !== 200 && response.status !== 206) {
			await response.body?.cancel();
			throw httpError(response, name, url);
		}
		return { response, prefix: new StreamPrefix(response, url, signal) };
	};
	const first = await open('bytes=0-7');
	const ranged = first.response.status === 206;
	const fileBytes = ranged
		? sizeFromContentRange(first.response.headers.get('content-range'))
		: sizeFromContentLength(first.response);
	const lengthBytes = await first.prefix.take(8, 'its 8-byte header length');
	const headerLength = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8).getBigUint64(0, true);
	if (headerLength > BigInt(MAX_HEADER_BYTES) || (fileBytes !== undefined && headerLength > BigInt(fileBytes - 8))) {
		await first.prefix.cancel();
		throw new ModelDirectoryError(
			`${name} at ${url} claims a ${headerLength}-byte header${fileBytes === undefined ? '' : ` in a ${fileBytes}-byte file`}. ` +
				'The file is truncated, corrupt or not a safetensors file; download or export it again.',
			{ file: name }
		);
	}
	const length = Number(headerLength);
	let headerBytes: Uint8Array;
	if (ranged) {
		await first.prefix.cancel();
		const second = await open(`bytes=8-${7 + length}`);
		headerBytes =
			second.response.status === 206
				? await second.prefix.take(length, `its ${length}-byte header`)
				: (await second.prefix.take(8 + length, `its ${length}-byte header`)).subarray(8);
		await second.prefix.cancel();
	} else {
		// The server ignored Range and is sending the whole file: read just past the header and hang up.
		headerBytes = (await first.prefix.take(8 + length, `its ${length}-byte header`)).subarray(8);
		await first.prefix.cancel();
	}
	let header: unknown;
	try {
		header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
	} catch (cause) {
		throw new ModelDirectoryError(
			`The header of ${name} at ${url} is not valid JSON. The file is corrupt or not a safetensors file; download or export it again.`,
			{ file: name, cause }
		);
	}
	if (typeof header !== 'object' || header === null || Array.isArray(header))
		throw new ModelDirectoryError(
			`The header of ${name} at ${url} is not a JSON object; download or export it again.`,
			{
				file: name
			}
		);
	if (fileBytes !== undefined) checkDataLength(header as Record<string, unknown>, fileBytes - 8 - length, url);
	return { header: header as Record<string, unknown>, fileBytes };
}

// A header that describes more data than the file holds means a truncated file: say so before the download.
function checkDataLength(header: Record<string, unknown>, dataBytes: number, url: string): void {
	let end = 0;
	for (const [name, entry] of Object.entries(header)) {
		if (name === '__metadata__') continue;
		const offsets = (entry as { data_offsets?: unknown } | null)?.data_offsets;
		if (Array.isArray(offsets) && typeof offsets[1] === 'number') end = Math.max(end, offsets[1]);
	}
	if (end !== dataBytes)
		throw new ModelDirectoryError(
			`The header of model.safetensors at ${url} describes ${end} bytes of tensor data, but the file holds ` +
				`${dataBytes}. The file is truncated or corrupt; download or export it again.`,
			{ file: 'model.safetensors' }
		);
}

function sizeFromContentRange(value: string | null): number | undefined {
	const match = value?.match(/\/(\d+)\s*$/);
	return match ? Number(match[1]) : undefined;
}

function sizeFromContentLength(response: Response): number | undefined {
	const length = response.headers.get('content-length');
	const encoding = response.headers.get('content-encoding');
	return length !== null && /^\d+$/.test(length) && (encoding === null || encoding === 'identity')
		? Number(length)
		: undefined;
}

/** The first bytes of a response body, read only as far as asked. */
class StreamPrefix {
	readonly #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
	readonly #url: string;
	readonly #signal: AbortSignal | undefined;
	#buffer = new Uint8Array(0);

	constructor(response: Response, url: string, signal: AbortSignal | undefined) {
		this.#reader = response.body?.getReader();
		this.#url = url;
		this.#signal = signal;
	}

	async take(count: number, what: string): Promise<Uint8Array> {
		while (this.#buffer.length < count) {
			let next: ReadableStreamReadResult<Uint8Array> | undefined;
			try {
				next = await this.#reader?.read();
			} catch (cause) {
				if (this.#signal?.aborted) throw this.#signal.reason;
				throw new ModelDirectoryError(
					`Reading model.safetensors from ${this.#url} broke off. Check your connection and try again.`,
					{ file: 'model.safetensors', cause }
				);
			}
			if (!next || next.done)
				throw new ModelDirectoryError(
					`model.safetensors at ${this.#url} ends after ${this.#buffer.length} bytes, before ${what}. The file is ` +
						'truncated or not a safetensors file; download or export it again.',
					{ file: 'model.safetensors' }
				);
			const grown = new Uint8Array(this.#buffer.length + next.value.length);
			grown.set(this.#buffer);
			grown.set(next.value, this.#buffer.length);
			this.#buffer = grown;
		}
		return this.#buffer.subarray(0, count);
	}

	async cancel(): Promise<void> {
		await this.#reader?.cancel().catch(() => undefined);
	}
}
