// requestRemotePin against the real local peer's Pinning Service API: a pin that succeeds, a service that is down,
// one that refuses the token, and one that cannot fetch the data in time. None of them throws.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unixfs } from '@helia/unixfs';
import { multiaddr } from '@multiformats/multiaddr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHelia, type NodeHelia } from '../../../cli/peer/createNodeHelia.ts';
import { startPeer, type RunningPeer } from '../../../cli/peer/startPeer.ts';
import { createPinningClient, type PinState } from './pinningClient.ts';
import { requestRemotePin } from './requestRemotePin.ts';

const TOKEN = 'remote-pin-token';

describe('requestRemotePin', () => {
	let dataDir: string;
	let peer: RunningPeer;
	let node: NodeHelia;

	beforeAll(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'provena-remote-pin-'));
		peer = await startPeer({ dataDir, apiToken: TOKEN, pinTimeoutMs: 1500 });
		node = await createNodeHelia();
		await node.libp2p.dial(multiaddr(peer.multiaddrs[0]));
	});
	afterAll(async () => {
		await node?.stop();
		await peer?.stop();
		await rm(dataDir, { recursive: true, force: true });
	});

	it('pins data held by a connected node and reports each status on the way', async () => {
		const cid = await unixfs(node).addBytes(randomBytes(300_000));
		const seen: PinState[] = [];
		const client = createPinningClient({ endpoint: peer.pinningApiUrl, accessToken: TOKEN });
		const outcome = await requestRemotePin({
			client,
			cid: cid.toString(),
			name: 'test contribution',
			intervalMs: 50,
			onStatus: (s) => seen.push(s.status)
		});
		expect(outcome.status).toBe('pinned');
		expect(seen.at(-1)).toBe('pinned');
		const { results } = await client.listPins({ cid: [cid.toString()] });
		expect(results.map((r) => r.status)).toEqual(['pinned']);
	});

	it('says the data stays local when the service is down, unauthorised, or cannot fetch it', async () => {
		const cid = (await unixfs(node).addBytes(randomBytes(1000))).toString();
		const down = await requestRemotePin({
			client: createPinningClient({ endpoint: 'http://127.0.0.1:9' }),
			cid,
			name: 'x'
		});
		expect(down).toMatchObject({ status: 'failed' });
		expect(down.status === 'failed' && down.message).toMatch(
			/Could not reach the pinning service.*stays pinned in this browser/s
		);

		const refused = await requestRemotePin({
			client: createPinningClient({ endpoint: peer.pinningApiUrl, accessToken: 'wrong' }),
			cid,
			name: 'x'
		});
		expect(refused.status === 'failed' && refused.message).toMatch(/refused the access token/);

		// Nobody connected to the peer has this CID: the service gives up and says so.
		const stranger = await createNodeHelia();
		const orphan = (await unixfs(stranger).addBytes(randomBytes(1000))).toString();
		await stranger.stop();
		const failed = await requestRemotePin({
			client: createPinningClient({ endpoint: peer.pinningApiUrl, accessToken: TOKEN }),
			cid: orphan,
			name: 'x',
			intervalMs: 50
		});
		expect(failed).toMatchObject({ status: 'failed', requestid: expect.any(String) });
		expect(failed.status === 'failed' && failed.message).toMatch(/could not pin/);
	});

	it('skips with advice when no service is configured', async () => {
		const outcome = await requestRemotePin({ client: undefined, cid: 'bafy', name: 'x' });
		expect(outcome.status).toBe('skipped');
		expect(outcome.status === 'skipped' && outcome.message).toMatch(/System page/);
	});
});
