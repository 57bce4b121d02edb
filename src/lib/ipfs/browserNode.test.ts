// The browser node's logic, run in Node: the connection gater, the IndexedDB error, and (with in-memory
// stores) dialling a real local peer over WebSockets. Real-browser behaviour belongs in e2e/.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { multiaddr } from '@multiformats/multiaddr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer, type RunningPeer } from '../../cli/peer/startPeer.ts';
import { createBrowserNode, localPeerGater } from './browserNode.ts';
import { IndexedDbUnavailableError, PeerDialError } from './errors.ts';
import { getPeerStatus } from './peerStatus.ts';

const PEER = '/ip4/127.0.0.1/tcp/4011/ws/p2p/12D3KooWHQuJDQDjJUgRmKnQbGnPXCgUogHmJ66BVnobKzuZEJHx';

describe('localPeerGater', () => {
	const deny = localPeerGater([PEER]).denyDialMultiaddr as (ma: ReturnType<typeof multiaddr>) => boolean;

	it('allows the configured peer, with or without its /p2p/ part', () => {
		expect(deny(multiaddr(PEER))).toBe(false);
		expect(deny(multiaddr('/ip4/127.0.0.1/tcp/4011/ws'))).toBe(false);
	});

	it('keeps refusing other ws:// and private addresses, like the default browser gater', () => {
		expect(deny(multiaddr('/ip4/127.0.0.1/tcp/4012/ws'))).toBe(true);
		expect(deny(multiaddr('/ip4/192.168.1.4/tcp/443/tls/ws'))).toBe(true);
		expect(deny(multiaddr('/ip4/8.8.8.8/tcp/80/ws'))).toBe(true);
		expect(deny(multiaddr('/dns4/localhost/tcp/4011/ws'))).toBe(true);
		expect(deny(multiaddr('/dns4/example.com/tcp/443/tls/ws'))).toBe(false);
		expect(deny(multiaddr('/ip4/8.8.8.8/tcp/443/tls/ws'))).toBe(false);
	});
});

describe('createBrowserNode (in Node)', () => {
	let dataDir: string;
	let peer: RunningPeer;

	beforeAll(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'provena-browser-node-'));
		peer = await startPeer({ dataDir });
	});
	afterAll(async () => {
		await peer?.stop();
		await rm(dataDir, { recursive: true, force: true });
	});

	it('says what to do when IndexedDB is missing', async () => {
		const error = await createBrowserNode({ peers: [] }).then(
			() => new Error('expected a rejection'),
			(e: Error) => e
		);
		expect(error).toBeInstanceOf(IndexedDbUnavailableError);
		expect(error.message).toMatch(/IndexedDB is not available \(private browsing/);
	});

	it('dials the configured peer and reports one that is down without failing', async () => {
		const down = PEER.replace('/tcp/4011/', '/tcp/9/'); // another peer id: libp2p reuses connections by id
		const node = await createBrowserNode({ peers: [peer.multiaddrs[0] as string, down], persistent: false });
		try {
			expect(node.unreachablePeers).toEqual([
				{ addr: down, reason: expect.stringMatching(/Could not connect to the IPFS peer .*npm run peer/), error: expect.any(PeerDialError) }
			]);

			const status = getPeerStatus(node.helia);
			expect(status.peerId).toBe(node.peerId);
			expect(status.connections).toEqual([
				expect.objectContaining({ peerId: peer.peerId, status: 'open', direction: 'outbound', addr: expect.stringContaining('/ws') })
			]);
		} finally {
			await node.stop();
		}
	});

	it('redials the peer after it restarts', async () => {
		const addr = peer.multiaddrs[0] as string;
		const node = await createBrowserNode({ peers: [addr], persistent: false });
		try {
			const port = Number(addr.split('/')[4]);
			await peer.stop();
			peer = await startPeer({ dataDir, port });
			await expect
				.poll(() => getPeerStatus(node.helia).connections.map((c) => c.status), { timeout: 10_000, interval: 100 })
				.toEqual(['open']);
		} finally {
			await node.stop();
		}
	});
});
