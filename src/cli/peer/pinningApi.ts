// The IPFS Pinning Service API (https://ipfs.github.io/pinning-services-api-spec/) on node:http: bearer
// token auth when a token is set, CORS so a web page may call it, and the routes POST/GET /pins and
// GET/POST/DELETE /pins/{requestid}. The work itself happens in the pinner.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PinStatus } from '../../lib/ipfs/pinning/pinningClient.ts';
import { ApiError, parseListQuery, parsePin } from './parsePinningRequest.ts';
import type { Pinner } from './pinner.ts';
import type { PinRecord, PinRecords } from './pinRecords.ts';

export type PinningApiOptions = {
	host: string;
	/** 0 picks a free port. */
	port: number;
	/** When set, every request needs `Authorization: Bearer <apiToken>`. */
	apiToken?: string;
	records: PinRecords;
	pinner: Pinner;
	/** The node's multiaddrs, sent as `delegates`. */
	delegates: () => string[];
};

export type PinningApi = { url: string; close(): Promise<void> };

const MAX_BODY = 64 * 1024;

const CORS = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
	'Access-Control-Allow-Headers': 'Authorization, Content-Type',
	'Access-Control-Max-Age': '600'
};

/** Starts the API server; resolves once it listens. */
export async function startPinningApi(options: PinningApiOptions): Promise<PinningApi> {
	const { records, pinner } = options;
	const toStatus = (record: PinRecord): PinStatus => ({ ...record, delegates: options.delegates().slice(0, 20) });

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const match = /^\/pins(?:\/([^/]+))?\/?$/.exec(url.pathname);
		if (!match) throw new ApiError(404, 'NOT_FOUND', `no route ${url.pathname}: the API lives under /pins`);
		authorize(req, options.apiToken);
		const requestid = match[1] === undefined ? undefined : decodeURIComponent(match[1]);

		if (requestid === undefined && req.method === 'GET') {
			const { matches, limit } = parseListQuery(url.searchParams);
			const found = records.all().filter(matches);
			return send(res, 200, { count: found.length, results: found.slice(0, limit).map(toStatus) });
		}
		if (requestid === undefined && req.method === 'POST') {
			const pin = parsePin(await readBody(req));
			const record: PinRecord = { requestid: randomUUID(), status: 'queued', created: new Date().toISOString(), pin, info: {} };
			await records.put(record);
			pinner.enqueue(record.requestid);
			return send(res, 202, toStatus(records.get(record.requestid) ?? record));
		}
		if (requestid === undefined) throw notAllowed(req.method, 'GET, POST');

		const existing = records.get(requestid);
		if (!existing) throw new ApiError(404, 'NOT_FOUND', `no pin request with requestid ${requestid}`);
		if (req.method === 'GET') return send(res, 200, toStatus(existing));
		if (req.method === 'POST') {
			// replace: the new request is stored before the old one is dropped, so shared blocks stay pinned
			const pin = parsePin(await readBody(req));
			const record: PinRecord = { requestid: randomUUID(), status: 'queued', created: new Date().toISOString(), pin, info: {} };
			await records.put(record);
			pinner.enqueue(record.requestid);
			await remove(existing);
			return send(res, 202, toStatus(records.get(record.requestid) ?? record));
		}
		if (req.method === 'DELETE') {
			await remove(existing);
			return send(res, 202);
		}
		throw notAllowed(req.method, 'GET, POST, DELETE');
	}

	async function remove(record: PinRecord) {
		pinner.cancel(record.requestid);
		await records.delete(record.requestid);
		await pinner.releaseIfUnused(record.pin.cid);
	}

	const server = createServer((req, res) => {
		for (const [name, value] of Object.entries(CORS)) res.setHeader(name, value);
		// Chrome's Private Network Access: a public page may ask before calling a loopback service
		if (req.headers['access-control-request-private-network'] === 'true') {
			res.setHeader('Access-Control-Allow-Private-Network', 'true');
		}
		if (req.method === 'OPTIONS') {
			res.writeHead(204).end();
			return;
		}
		handle(req, res).catch((error: unknown) => {
			if (error instanceof ApiError) {
				if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
				return send(res, error.status, { error: { reason: error.reason, details: error.message } });
			}
			send(res, 500, { error: { reason: 'INTERNAL_SERVER_ERROR', details: (error as Error)?.message ?? String(error) } });
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const host = options.host.includes(':') ? `[${options.host}]` : options.host;

	return {
		url: `http://${host}:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}

function authorize(req: IncomingMessage, token: string | undefined) {
	if (!token) return;
	const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() ?? '';
	const a = Buffer.from(given);
	const b = Buffer.from(token);
	if (a.length !== b.length || !timingSafeEqual(a, b)) {
		throw new ApiError(401, 'UNAUTHORIZED', 'Access token is missing or invalid');
	}
}

const notAllowed = (method: string | undefined, allowed: string) =>
	new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not supported here; use ${allowed}`);

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_BODY) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `the body exceeds ${MAX_BODY} bytes`);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body?: unknown) {
	if (res.headersSent) return;
	if (body === undefined) {
		res.writeHead(status).end();
		return;
	}
	res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
