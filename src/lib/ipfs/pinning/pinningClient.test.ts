// The pinning client against a scripted fetch: request shape, error mapping and waitForPinned.
import { describe, expect, it } from 'vitest';
import {
	PinFailedError,
	PinningRequestError,
	PinningServiceUnreachableError,
	PinningUnauthorizedError
} from '../errors.ts';
import { createPinningClient, type PinStatus } from './pinningClient.ts';

const status = (state: PinStatus['status'], info?: Record<string, string>): PinStatus => ({
	requestid: 'r1',
	status: state,
	created: '2025-01-01T00:00:00.000Z',
	pin: { cid: 'bafkqaaa' },
	delegates: ['/ip4/127.0.0.1/tcp/4011/ws/p2p/12D3KooWtest'],
	info
});
/** The rejection of `promise`, failing the test when it resolves. */
const rejection = <E = Error>(promise: Promise<unknown>) =>
	promise.then(
		() => {
			throw new Error('expected a rejection');
		},
		(error: E) => error
	);
const json = (body: unknown, init: ResponseInit = {}) =>
	new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' }, ...init });

/** A fetch that records calls and answers from a script, one response per call. */
function scripted(...responses: Array<Response | Error>) {
	const calls: Array<{ url: string; init: RequestInit }> = [];
	const fetch = async (input: string | URL | Request, init: RequestInit = {}) => {
		calls.push({ url: String(input), init });
		const next = responses.shift() ?? json(status('pinned'));
		if (next instanceof Error) throw next;
		return next;
	};
	return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe('createPinningClient', () => {
	it('sends the token and JSON body, and encodes list filters', async () => {
		const { calls, fetch } = scripted(json(status('queued'), { status: 202 }), json({ count: 0, results: [] }));
		const client = createPinningClient({ endpoint: 'http://127.0.0.1:5011/', accessToken: 't', fetch });
		await client.addPin({ cid: 'bafkqaaa', name: 'n' });
		await client.listPins({ cid: ['a', 'b'], status: ['queued', 'pinning'], limit: 5 });
		expect(calls[0]).toMatchObject({
			url: 'http://127.0.0.1:5011/pins',
			init: { method: 'POST', body: '{"cid":"bafkqaaa","name":"n"}', headers: { Authorization: 'Bearer t' } }
		});
		expect(calls[1]?.url).toBe('http://127.0.0.1:5011/pins?cid=a%2Cb&status=queued%2Cpinning&limit=5');
	});

	it('maps failures to errors that say what to do', async () => {
		const { fetch } = scripted(
			new TypeError('fetch failed'),
			json({ error: { reason: 'UNAUTHORIZED', details: 'Access token is missing or invalid' } }, { status: 401 }),
			json({ error: { reason: 'NOT_FOUND', details: 'no pin request' } }, { status: 404 }),
			new Response('boom', { status: 502, statusText: 'Bad Gateway' })
		);
		const client = createPinningClient({ endpoint: 'http://127.0.0.1:5011', fetch });
		const unreachable = await rejection(client.getPin('r1'));
		expect(unreachable).toBeInstanceOf(PinningServiceUnreachableError);
		expect(unreachable.message).toMatch(/Is it running .* URL correct/);
		const unauthorized = await rejection(client.getPin('r1'));
		expect(unauthorized).toBeInstanceOf(PinningUnauthorizedError);
		expect(unauthorized.message).toMatch(/Check the access token/);
		await expect(client.getPin('r1')).rejects.toMatchObject({ status: 404, reason: 'NOT_FOUND' });
		const bad = await rejection(client.getPin('r1'));
		expect(bad).toBeInstanceOf(PinningRequestError);
		expect(bad).toMatchObject({ status: 502, reason: 'Bad Gateway', details: 'boom' });
	});

	it('waitForPinned reports each new status and resolves when pinned', async () => {
		const { fetch } = scripted(json(status('queued')), json(status('pinning')), json(status('pinning')), json(status('pinned')));
		const seen: string[] = [];
		const client = createPinningClient({ endpoint: 'http://x', fetch });
		const done = await client.waitForPinned('r1', { intervalMs: 1, onStatus: (s) => seen.push(s.status) });
		expect(done.status).toBe('pinned');
		expect(seen).toEqual(['queued', 'pinning', 'pinned']);
	});

	it('waitForPinned throws PinFailedError with the reason', async () => {
		const { fetch } = scripted(json(status('failed', { status_details: 'timed out after 60 s' })));
		const client = createPinningClient({ endpoint: 'http://x', fetch });
		const error = await rejection<PinFailedError>(client.waitForPinned('r1'));
		expect(error).toBeInstanceOf(PinFailedError);
		expect(error.details).toBe('timed out after 60 s');
		expect(error.requestid).toBe('r1');
	});

	it('waitForPinned stops when its signal aborts', async () => {
		const { fetch } = scripted(json(status('queued')));
		const controller = new AbortController();
		const client = createPinningClient({ endpoint: 'http://x', fetch });
		const waiting = client.waitForPinned('r1', { intervalMs: 60_000, signal: controller.signal });
		setTimeout(() => controller.abort(new Error('user cancelled')), 10);
		await expect(waiting).rejects.toThrow('user cancelled');
	});
});
