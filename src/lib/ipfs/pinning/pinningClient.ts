// A client for the IPFS Pinning Service API (https://ipfs.github.io/pinning-services-api-spec/): plain
// TypeScript on `fetch`, so it runs in the page, in workers and in Node. The wire types live here too;
// the local peer's server (src/cli/peer) speaks the same ones.
import {
	PinFailedError,
	PinningRequestError,
	PinningServiceUnreachableError,
	PinningUnauthorizedError
} from '../errors.ts';

/** Where a pin request is: waiting, fetching the DAG, done, or given up. */
export type PinState = 'queued' | 'pinning' | 'pinned' | 'failed';

/** What to pin (the spec's `Pin`). */
export type Pin = {
	/** Root CID of the DAG, pinned recursively. */
	cid: string;
	/** Optional name (≤ 255 characters) to find the pin by. */
	name?: string;
	/** Multiaddrs (with /p2p/) of peers known to have the data; the service dials them. */
	origins?: string[];
	/** Free-form string metadata. */
	meta?: Record<string, string>;
};

/** A pin request and where it stands (the spec's `PinStatus`). */
export type PinStatus = {
	requestid: string;
	status: PinState;
	/** ISO 8601 time the request was accepted. */
	created: string;
	pin: Pin;
	/** Multiaddrs of the service's own nodes: connect to them to hand the data over. */
	delegates: string[];
	/** Extra detail, e.g. `status_details` with the reason of a failure. */
	info?: Record<string, string>;
};

/** One page of pin requests (the spec's `PinResults`), newest first. */
export type PinResults = { count: number; results: PinStatus[] };

/** Filters for {@link PinningClient.listPins}. The service defaults `status` to `['pinned']`. */
export type ListPinsQuery = {
	cid?: string[];
	name?: string;
	match?: 'exact' | 'iexact' | 'partial' | 'ipartial';
	status?: PinState[];
	before?: string | Date;
	after?: string | Date;
	/** 1 … 1000, default 10. */
	limit?: number;
	meta?: Record<string, string>;
};

export type PinningClientOptions = {
	/** Base URL of the service, e.g. `http://127.0.0.1:5011` (no trailing `/pins`). */
	endpoint: string;
	/** Sent as `Authorization: Bearer …`; leave out for a service without auth. */
	accessToken?: string;
	/** A `fetch` to use instead of the global one (tests, proxies). */
	fetch?: typeof globalThis.fetch;
};

export type RequestOptions = { signal?: AbortSignal };

export type WaitForPinnedOptions = RequestOptions & {
	/** Called with the first status seen and again on every change. */
	onStatus?: (status: PinStatus) => void;
	/** Time between polls. Default 1000 ms. */
	intervalMs?: number;
};

export type PinningClient = {
	readonly endpoint: string;
	/** Asks the service to pin `pin.cid`; resolves to the new request (usually `queued`). */
	addPin(pin: Pin, options?: RequestOptions): Promise<PinStatus>;
	getPin(requestid: string, options?: RequestOptions): Promise<PinStatus>;
	listPins(query?: ListPinsQuery, options?: RequestOptions): Promise<PinResults>;
	/** Replaces a request by a new one (new requestid) without unpinning blocks both share. */
	replacePin(requestid: string, pin: Pin, options?: RequestOptions): Promise<PinStatus>;
	removePin(requestid: string, options?: RequestOptions): Promise<void>;
	/**
	 * Polls until the request is `pinned` (resolves) or `failed` (throws {@link PinFailedError}).
	 * Aborting `signal` rejects with its reason.
	 */
	waitForPinned(requestid: string, options?: WaitForPinnedOptions): Promise<PinStatus>;
};

/**
 * Creates a Pinning Service API client.
 *
 * @example
 * const pinning = createPinningClient({ endpoint: 'http://127.0.0.1:5011', accessToken });
 * const { requestid } = await pinning.addPin({ cid: cid.toString(), name: 'datanet-42' });
 * await pinning.waitForPinned(requestid, { onStatus: (s) => console.log(s.status) });
 */
export function createPinningClient(options: PinningClientOptions): PinningClient {
	const endpoint = options.endpoint.replace(/\/+$/, '');
	const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

	async function request(method: string, path: string, body?: unknown, signal?: AbortSignal) {
		const headers: Record<string, string> = { Accept: 'application/json' };
		if (options.accessToken) headers.Authorization = `Bearer ${options.accessToken}`;
		if (body !== undefined) headers['Content-Type'] = 'application/json';
		let response: Response;
		try {
			response = await doFetch(`${endpoint}${path}`, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
				signal
			});
		} catch (error) {
			if (signal?.aborted) throw signal.reason;
			throw new PinningServiceUnreachableError(endpoint, { cause: error, details: String(error) });
		}
		if (response.ok) {
			const text = await response.text();
			return text ? (JSON.parse(text) as unknown) : undefined;
		}
		const { reason, details } = await readFailure(response);
		if (response.status === 401) throw new PinningUnauthorizedError(endpoint, { details });
		throw new PinningRequestError(response.status, reason, { details });
	}

	const pinPath = (requestid: string) => `/pins/${encodeURIComponent(requestid)}`;

	const client: PinningClient = {
		endpoint,
		addPin: async (pin, { signal } = {}) =>
			(await request('POST', '/pins', pin, signal)) as PinStatus,
		getPin: async (requestid, { signal } = {}) =>
			(await request('GET', pinPath(requestid), undefined, signal)) as PinStatus,
		listPins: async (query = {}, { signal } = {}) =>
			(await request('GET', `/pins${toSearch(query)}`, undefined, signal)) as PinResults,
		replacePin: async (requestid, pin, { signal } = {}) =>
			(await request('POST', pinPath(requestid), pin, signal)) as PinStatus,
		removePin: async (requestid, { signal } = {}) => {
			await request('DELETE', pinPath(requestid), undefined, signal);
		},
		async waitForPinned(requestid, { signal, onStatus, intervalMs = 1000 } = {}) {
			let last: PinState | undefined;
			for (;;) {
				const status = await client.getPin(requestid, { signal });
				if (status.status !== last) onStatus?.(status);
				last = status.status;
				if (status.status === 'pinned') return status;
				if (status.status === 'failed') {
					throw new PinFailedError(requestid, status.pin.cid, {
						details: status.info?.status_details ?? JSON.stringify(status.info ?? {})
					});
				}
				await sleep(intervalMs, signal);
			}
		}
	};
	return client;
}

/** Reads the spec's `{ error: { reason, details } }` body, tolerating anything else. */
async function readFailure(response: Response): Promise<{ reason: string; details?: string }> {
	const text = await response.text().catch(() => '');
	try {
		const { error } = JSON.parse(text) as { error?: { reason?: string; details?: string } };
		if (error?.reason) return { reason: error.reason, details: error.details };
	} catch {
		// not JSON: fall through
	}
	return { reason: response.statusText || `HTTP_${response.status}`, details: text || undefined };
}

function toSearch(query: ListPinsQuery): string {
	const params = new URLSearchParams();
	if (query.cid?.length) params.set('cid', query.cid.join(','));
	if (query.name !== undefined) params.set('name', query.name);
	if (query.match) params.set('match', query.match);
	if (query.status?.length) params.set('status', query.status.join(','));
	if (query.before) params.set('before', new Date(query.before).toISOString());
	if (query.after) params.set('after', new Date(query.after).toISOString());
	if (query.limit !== undefined) params.set('limit', String(query.limit));
	if (query.meta) params.set('meta', JSON.stringify(query.meta));
	const search = params.toString();
	return search ? `?${search}` : '';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason);
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal?.reason);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
