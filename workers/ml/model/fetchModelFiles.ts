// Reading a model directory over HTTP — the app's own static assets or any server that hosts the Hugging Face
// layout — as a ModelFileReader, so loadModelFiles applies the same checks as to a local folder. Weights run to
// hundreds of megabytes: each file reports progress and an ETA while it streams, honours an AbortSignal, and a
// body that ends early is reported as a broken download rather than parsed as a corrupt file.
import { ProvenaError, type ProvenaErrorOptions } from '../../shared/errors/ProvenaError.ts';
import { createProgressMeter, type DownloadProgress } from '../../shared/progress/downloadProgress.ts';
import { formatBytes } from '../../shared/format/formatBytes.ts';
import type { ModelFileReader } from './modelDirectory.ts';

/** A file could not be downloaded: the server refused it, or the connection broke; `url` says which. */
export class ModelDownloadError extends ProvenaError {
	override name = 'ModelDownloadError';
	readonly url: string;
	/** The HTTP status, when the server answered. */
	readonly status: number | undefined;
	constructor(message: string, options: ProvenaErrorOptions & { url: string; status?: number }) {
		super(message, options);
		this.url = options.url;
		this.status = options.status;
	}
}

/** Options of {@link fetchModelFiles}. */
export type FetchModelFilesOptions = {
	/** Aborts the download in flight; the reader then rejects with the signal's reason. */
	signal?: AbortSignal;
	/** Called as each file streams in, and once more when it is complete (`done`). */
	onProgress?: (progress: DownloadProgress) => void;
	/** The fewest milliseconds between two progress events of a file (default 100; the last one always comes). */
	progressIntervalMs?: number;
};

/**
 * A ModelFileReader over `baseUrl` (a folder URL; relative URLs resolve against the page or worker): a 404 reads
 * as a missing file, any other failure throws a {@link ModelDownloadError}.
 *
 * @example
 * const read = fetchModelFiles('/models/smollm2-135m/', { onProgress: (p) => console.log(p.file, p.loaded, p.etaSeconds) });
 * const model = await loadModelFiles(read, { source: '/models/smollm2-135m/' });
 */
export function fetchModelFiles(baseUrl: string | URL, options: FetchModelFilesOptions = {}): ModelFileReader {
	const base = folderUrl(baseUrl);
	return async (name) => {
		const url = new URL(name, base).href;
		const response = await request(url, name, options.signal);
		if (response.status === 404) {
			await response.body?.cancel();
			return undefined;
		}
		if (!response.ok) {
			await response.body?.cancel();
			throw httpError(response, name, url);
		}
		return readBody(response, name, url, options);
	};
}

/** `base` as an absolute URL ending in '/', so file names resolve inside the folder rather than beside it. */
export function folderUrl(base: string | URL): URL {
	const url = new URL(base, (globalThis as { location?: { href: string } }).location?.href);
	if (!url.pathname.endsWith('/')) url.pathname += '/';
	return url;
}

/** fetch, with a network failure turned into a ModelDownloadError and an abort passed through. */
export async function request(url: string, name: string, signal?: AbortSignal, headers?: Record<string, string>) {
	try {
		return await fetch(url, { ...(signal ? { signal } : {}), ...(headers ? { headers } : {}) });
	} catch (cause) {
		if (signal?.aborted) throw signal.reason;
		throw new ModelDownloadError(
			`Could not reach ${url} to download ${name}. Check the model's URL and your connection, then try again.`,
			{ url, cause }
		);
	}
}

/** The error for an HTTP answer that is neither a file nor a 404. */
export function httpError(response: Response, name: string, url: string): ModelDownloadError {
	const what = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
	const next =
		response.status === 401 || response.status === 403
			? 'The server does not allow this download; check the URL or the access it needs.'
			: response.status >= 500
				? 'The server failed; try again later.'
				: 'Check the model URL.';
	return new ModelDownloadError(`Downloading ${name} from ${url} failed: the server answered ${what}. ${next}`, {
		url,
		status: response.status
	});
}

async function readBody(response: Response, name: string, url: string, options: FetchModelFilesOptions) {
	// A compressed body's Content-Length counts the compressed bytes, not what the stream yields.
	const encoding = response.headers.get('content-encoding');
	const length = response.headers.get('content-length');
	const total =
		length !== null && (encoding === null || encoding === 'identity') && /^\d+$/.test(length)
			? Number(length)
			: undefined;
	const meter = createProgressMeter(name, total);
	const interval = options.progressIntervalMs ?? 100;
	let lastEvent = -Infinity;
	// With a known size, one buffer filled in place: a model is read once into memory, not twice (chunks + copy).
	let buffer = new Uint8Array(total ?? 1 << 20);
	let loaded = 0;
	const reader = response.body?.getReader();
	try {
		for (;;) {
			const next = await reader?.read();
			if (!next || next.done) break;
			const chunk = next.value;
			if (total !== undefined && loaded + chunk.length > total) {
				await reader?.cancel();
				throw new ModelDownloadError(
					`The server sent more of ${name} than the ${formatBytes(total)} it announced (${url}). The server or a ` +
						'proxy is misbehaving; try again, or download the model from elsewhere.',
					{ url, status: response.status }
				);
			}
			if (loaded + chunk.length > buffer.length) {
				const grown = new Uint8Array(Math.max(buffer.length * 2, loaded + chunk.length));
				grown.set(buffer.subarray(0, loaded));
				buffer = grown;
			}
			buffer.set(chunk, loaded);
			loaded += chunk.length;
			const now = performance.now();
			if (options.onProgress && now - lastEvent >= interval) {
				lastEvent = now;
				options.onProgress(meter.update(loaded));
			}
		}
	} catch (cause) {
		if (options.signal?.aborted) throw options.signal.reason;
		if (cause instanceof ModelDownloadError) throw cause;
		throw brokenOff(name, url, loaded, total, cause);
	}
	if (total !== undefined && loaded < total) throw brokenOff(name, url, loaded, total);
	options.onProgress?.(meter.finish(loaded));
	return loaded === buffer.length ? buffer : buffer.slice(0, loaded);
}

function brokenOff(name: string, url: string, loaded: number, total: number | undefined, cause?: unknown) {
	return new ModelDownloadError(
		`The download of ${name} from ${url} broke off after ${loaded} ${total === undefined ? 'bytes' : `of ${total} bytes`}. ` +
			'Check your connection and load the model again.',
		{ url, ...(cause === undefined ? {} : { cause }) }
	);
}
