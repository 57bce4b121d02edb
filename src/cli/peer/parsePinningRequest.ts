// Validation of Pinning Service API input: a Pin body and the GET /pins filters. Each function returns
// clean values or throws ApiError(400) whose details say which field is wrong and why.
import { multiaddr } from '@multiformats/multiaddr';
import { CID } from 'multiformats/cid';
import type { Pin, PinState } from '../../lib/ipfs/pinning/pinningClient.ts';
import type { PinRecord } from './pinRecords.ts';

/** An HTTP error answered with the spec's `{ error: { reason, details } }` body. */
export class ApiError extends Error {
	override name = 'ApiError';
	readonly status: number;
	readonly reason: string;
	constructor(status: number, reason: string, details: string) {
		super(details);
		this.status = status;
		this.reason = reason;
	}
}

const badRequest = (details: string) => new ApiError(400, 'BAD_REQUEST', details);
const STATES: readonly PinState[] = ['queued', 'pinning', 'pinned', 'failed'];

/** Checks a CID string, throwing 400 with the parser's complaint. */
export function parseCid(text: unknown, field = 'cid'): CID {
	if (typeof text !== 'string' || text === '') throw badRequest(`"${field}" must be a CID string`);
	try {
		return CID.parse(text);
	} catch (error) {
		throw badRequest(`"${field}" is not a valid CID (${(error as Error).message}): ${text.slice(0, 120)}`);
	}
}

/** Parses a request body into a Pin (POST /pins, POST /pins/{requestid}). */
export function parsePin(body: string): Pin {
	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch (error) {
		throw badRequest(`the body is not valid JSON (${(error as Error).message})`);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw badRequest('the body must be a JSON object: { "cid": "…", "name"?, "origins"?, "meta"? }');
	}
	const { cid, name, origins, meta } = value as Record<string, unknown>;
	parseCid(cid);
	const pin: Pin = { cid: cid as string };
	if (name !== undefined) {
		if (typeof name !== 'string' || name.length > 255) throw badRequest('"name" must be a string of at most 255 characters');
		pin.name = name;
	}
	if (origins !== undefined) {
		if (!Array.isArray(origins) || origins.length > 20) throw badRequest('"origins" must be an array of at most 20 multiaddrs');
		for (const origin of origins) {
			try {
				multiaddr(origin as string);
			} catch (error) {
				throw badRequest(`"origins" has an invalid multiaddr ${JSON.stringify(origin)} (${(error as Error).message})`);
			}
		}
		pin.origins = [...new Set(origins as string[])];
	}
	if (meta !== undefined) pin.meta = parseMeta(meta, 'meta');
	return pin;
}

function parseMeta(meta: unknown, field: string): Record<string, string> {
	if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw badRequest(`"${field}" must be an object of strings`);
	const entries = Object.entries(meta);
	if (entries.length > 1000 || entries.some(([, v]) => typeof v !== 'string')) {
		throw badRequest(`"${field}" must be an object of at most 1000 string values`);
	}
	return meta as Record<string, string>;
}

/** Comma-separated or repeated query values (`?cid=a,b` or `?cid=a&cid=b`). */
const listOf = (params: URLSearchParams, name: string) =>
	params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

function parseDate(params: URLSearchParams, name: string): number | undefined {
	const text = params.get(name);
	if (text === null) return undefined;
	const time = Date.parse(text);
	if (Number.isNaN(time)) throw badRequest(`"${name}" must be an ISO 8601 date-time, got ${JSON.stringify(text)}`);
	return time;
}

/** Parses GET /pins filters into a predicate and a limit. */
export function parseListQuery(params: URLSearchParams): { matches: (r: PinRecord) => boolean; limit: number } {
	const cids = listOf(params, 'cid');
	if (cids.length > 10) throw badRequest('"cid" takes at most 10 CIDs');
	const wanted = new Set(cids.map((c) => parseCid(c).toV1().toString()));
	const statuses = listOf(params, 'status');
	for (const s of statuses) {
		if (!STATES.includes(s as PinState)) throw badRequest(`"status" must be one of ${STATES.join(', ')}, got "${s}"`);
	}
	const status = new Set(statuses.length ? statuses : ['pinned']);
	const name = params.get('name');
	const match = params.get('match') ?? 'exact';
	if (!['exact', 'iexact', 'partial', 'ipartial'].includes(match)) {
		throw badRequest('"match" must be exact, iexact, partial or ipartial');
	}
	const fold = match.startsWith('i') ? (s: string) => s.toLowerCase() : (s: string) => s;
	const before = parseDate(params, 'before');
	const after = parseDate(params, 'after');
	let meta: Record<string, string> | undefined;
	const metaText = params.get('meta');
	if (metaText !== null) {
		try {
			meta = parseMeta(JSON.parse(metaText), 'meta');
		} catch (error) {
			throw error instanceof ApiError ? error : badRequest('"meta" must be a JSON object of strings');
		}
	}
	const limitText = params.get('limit') ?? '10';
	const limit = Number(limitText);
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badRequest('"limit" must be an integer from 1 to 1000');

	const matches = (r: PinRecord) => {
		if (!status.has(r.status)) return false;
		if (wanted.size && !wanted.has(CID.parse(r.pin.cid).toV1().toString())) return false;
		if (name !== null) {
			const have = fold(r.pin.name ?? '');
			if (match.endsWith('exact') ? have !== fold(name) : !have.includes(fold(name))) return false;
		}
		const created = Date.parse(r.created);
		if (before !== undefined && created >= before) return false;
		if (after !== undefined && created <= after) return false;
		return !meta || Object.entries(meta).every(([k, v]) => r.pin.meta?.[k] === v);
	};
	return { matches, limit };
}
