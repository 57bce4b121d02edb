// End to end: a real local peer on free ports in a temp dir, Helia client nodes dialling it over
// WebSockets, and the pinning client talking to its Pinning Service API.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unixfs } from '@helia/unixfs';
import { multiaddr } from '@multiformats/multiaddr';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PinFailedError, PinningRequestError, PinningUnauthorizedError } from '../../lib/ipfs/errors.ts';
import { createPinningClient } from '../../lib/ipfs/pinning/pinningClient.ts';
import { createNodeHelia, type NodeHelia } from './createNodeHelia.ts';
import { PeerDataDirInUseError, startPeer, type RunningPeer } from './startPeer.ts';

const TOKEN = 'test-token';
const PIN_TIMEOUT_MS = 1500;

describe('local peer + pinning service', () => {
	let dataDir: string;
	let peer: RunningPeer;
	const nodes: NodeHelia[] = [];

	const start = () => startPeer({ dataDir, apiToken: TOKEN, pinTimeoutMs: PIN_TIMEOUT_MS });
	const pinning = () => createPinningClient({ endpoint: peer.pinningApiUrl, accessToken: TOKEN });
	/** A client node holding `bytes` as a UnixFS file, connected to the peer unless told otherwise. */
	async function clientWithFile(bytes: Uint8Array, { connect = true, listen = false } = {}) {
		const node = await createNodeHelia({ listen: listen ? ['/ip4/127.0.0.1/tcp/0/ws'] : [] });
		nodes.push(node);
		const cid = await unixfs(node).addBytes(bytes);
		if (connect) await node.libp2p.dial(multiaddr(peer.multiaddrs[0]));
		return { node, cid };
	}

	beforeAll(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'provena-peer-'));
		peer = await start();
	});
	afterEach(async () => {
		await Promise.all(nodes.splice(0).map((n) => n.stop()));
	});
	afterAll(async () => {
		await peer?.stop();
		await rm(dataDir, { recursive: true, force: true });
	});

	it('prints a dialable ws multiaddr with its peer id', () => {
		expect(peer.multiaddrs[0]).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/ws\/p2p\/12D3Koo\w+$/);
		expect(peer.multiaddrs[0]).toContain(peer.peerId);
		expect(peer.pinningApiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});

	it('pins a file from a connected node, keeps it when the node leaves and across a restart', async () => {
		const data = randomBytes(3 * 1024 * 1024 + 1234); // several 1 MiB leaves + a root
		const { node, cid } = await clientWithFile(data);
		const blocks = [];
		for await (const { cid: block } of node.blockstore.getAll()) blocks.push(block);
		expect(blocks.length).toBeGreaterThan(3);

		const added = await pinning().addPin({ cid: cid.toString(), name: 'dataset.bin', meta: { app: 'provena' } });
		expect(['queued', 'pinning']).toContain(added.status);
		expect(added.delegates).toEqual(peer.multiaddrs);
		const seen: string[] = [];
		const pinned = await pinning().waitForPinned(added.requestid, { intervalMs: 50, onStatus: (s) => seen.push(s.status) });
		expect(pinned.status).toBe('pinned');
		expect(seen.at(-1)).toBe('pinned');

		await Promise.all(nodes.splice(0).map((n) => n.stop()));
		for (const block of blocks) expect(await peer.helia.blockstore.has(block)).toBe(true);
		expect(await peer.helia.pins.isPinned(cid)).toBe(true);

		// a fresh node gets the whole file from the peer alone
		const reader = await createNodeHelia();
		nodes.push(reader);
		await reader.libp2p.dial(multiaddr(peer.multiaddrs[0]));
		const chunks: Uint8Array[] = [];
		for await (const chunk of unixfs(reader).cat(cid, { signal: AbortSignal.timeout(10_000) })) chunks.push(chunk);
		expect(Buffer.concat(chunks).equals(data)).toBe(true);

		const { peerId } = peer;
		await peer.stop();
		peer = await start();
		expect(peer.peerId).toBe(peerId);
		const listed = await pinning().listPins({ cid: [cid.toString()] });
		expect(listed.count).toBe(1);
		expect(listed.results[0]).toMatchObject({ requestid: added.requestid, status: 'pinned', pin: { name: 'dataset.bin' } });
		expect(await peer.helia.pins.isPinned(cid)).toBe(true);
	});

	it('dials the origins given with the pin', async () => {
		const { node, cid } = await clientWithFile(randomBytes(200_000), { connect: false, listen: true });
		const origins = node.libp2p.getMultiaddrs().map(String);
		const { requestid } = await pinning().addPin({ cid: cid.toString(), origins });
		await expect(pinning().waitForPinned(requestid, { intervalMs: 50 })).resolves.toMatchObject({ status: 'pinned' });
	});

	it('refuses a missing or wrong token', async () => {
		for (const accessToken of ['wrong', undefined]) {
			const client = createPinningClient({ endpoint: peer.pinningApiUrl, accessToken });
			await expect(client.listPins()).rejects.toBeInstanceOf(PinningUnauthorizedError);
		}
		const res = await fetch(`${peer.pinningApiUrl}/pins`);
		expect(res.status).toBe(401);
		expect(await res.json()).toEqual({ error: { reason: 'UNAUTHORIZED', details: 'Access token is missing or invalid' } });
	});

	it('answers 400 with a reason for bad JSON, a bad CID or a bad origin', async () => {
		const post = (body: string) =>
			fetch(`${peer.pinningApiUrl}/pins`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body });
		const malformed = await post('{"cid": ');
		expect(malformed.status).toBe(400);
		expect((await malformed.json()).error).toMatchObject({ reason: 'BAD_REQUEST', details: expect.stringMatching(/not valid JSON/) });

		const error = await pinning().addPin({ cid: 'not-a-cid' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PinningRequestError);
		expect(error).toMatchObject({ status: 400, reason: 'BAD_REQUEST', details: expect.stringMatching(/"cid" is not a valid CID/) });

		const origin = await pinning()
			.addPin({ cid: 'bafkqaaa', origins: ['/nope/1'] })
			.catch((e: unknown) => e);
		expect(origin).toMatchObject({ status: 400, details: expect.stringMatching(/"origins" has an invalid multiaddr/) });
	});

	it('fails a CID nobody provides within the time limit', async () => {
		const cid = CID.createV1(raw.code, await sha256.digest(randomBytes(32)));
		const started = Date.now();
		const { requestid } = await pinning().addPin({ cid: cid.toString() });
		const error = await pinning().waitForPinned(requestid, { intervalMs: 50 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PinFailedError);
		expect(Date.now() - started).toBeLessThan(PIN_TIMEOUT_MS + 3000);
		const status = await pinning().getPin(requestid);
		expect(status.status).toBe('failed');
		expect(status.info?.status_details).toMatch(/timed out after 1.5 s/);
		expect((await pinning().listPins({ status: ['failed'] })).results.map((r) => r.requestid)).toContain(requestid);
	});

	it('removes a pin request and unpins its CID', async () => {
		const { cid } = await clientWithFile(randomBytes(50_000));
		const { requestid } = await pinning().addPin({ cid: cid.toString(), name: 'temp' });
		await pinning().waitForPinned(requestid, { intervalMs: 50 });
		expect(await peer.helia.pins.isPinned(cid)).toBe(true);

		await pinning().removePin(requestid);
		await expect(pinning().getPin(requestid)).rejects.toMatchObject({ status: 404, reason: 'NOT_FOUND' });
		expect((await pinning().listPins({ name: 'temp' })).count).toBe(0);
		expect(await peer.helia.pins.isPinned(cid)).toBe(false);
	});

	it('answers CORS preflights without a token', async () => {
		const res = await fetch(`${peer.pinningApiUrl}/pins`, {
			method: 'OPTIONS',
			headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' }
		});
		expect(res.status).toBe(204);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
	});

	it('refuses a second peer on the same data directory', async () => {
		await expect(start()).rejects.toBeInstanceOf(PeerDataDirInUseError);
	});
});
