// releaseUnsentPins against the real local peer's Pinning Service API and a real Helia node: what a cancelled
// publish pinned is gone here and on the service; a pin the node had before, and other requests for the same CID,
// stay; a service that is down is reported, not thrown.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { multiaddr } from '@multiformats/multiaddr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHelia, type NodeHelia } from '../../../cli/peer/createNodeHelia.ts';
import { startPeer, type RunningPeer } from '../../../cli/peer/startPeer.ts';
import { addContributionFile } from '../../datanets/ipfs/contributionContent.ts';
import { createPinningClient, type PinningClient } from './pinningClient.ts';
import { requestRemotePin } from './requestRemotePin.ts';
import { releaseUnsentPins } from './releaseUnsentPins.ts';

const TOKEN = 'release-token';

describe('releaseUnsentPins', () => {
	let dataDir: string;
	let peer: RunningPeer;
	let node: NodeHelia;
	let client: PinningClient;

	beforeAll(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'provena-release-pins-'));
		peer = await startPeer({ dataDir, apiToken: TOKEN, pinTimeoutMs: 5000 });
		node = await createNodeHelia();
		await node.libp2p.dial(multiaddr(peer.multiaddrs[0]));
		client = createPinningClient({ endpoint: peer.pinningApiUrl, accessToken: TOKEN });
	});
	afterAll(async () => {
		await node?.stop();
		await peer?.stop();
		await rm(dataDir, { recursive: true, force: true });
	});

	/** Publishes like the page does: add and pin here, then a remote pin request followed to `pinned`. */
	async function publish(bytes: Uint8Array, name: string) {
		const { cid, pinnedBefore } = await addContributionFile(node, bytes);
		const outcome = await requestRemotePin({ client, cid: cid.toString(), name, intervalMs: 50 });
		expect(outcome.status).toBe('pinned');
		return { cid, pinnedHere: !pinnedBefore, requestid: outcome.status === 'pinned' ? outcome.requestid : undefined };
	}

	it('unpins here and deletes the service request of a publish whose transaction was cancelled', async () => {
		const made = await publish(randomBytes(40_000), 'cancelled contribution');
		expect(await node.pins.isPinned(made.cid)).toBe(true);
		expect(await peer.helia.pins.isPinned(made.cid)).toBe(true);

		const released = await releaseUnsentPins(node, client, { ...made, cid: made.cid.toString() });

		expect(released).toEqual({ local: 'unpinned', remote: 'removed' });
		expect(await node.pins.isPinned(made.cid)).toBe(false);
		expect(await peer.helia.pins.isPinned(made.cid)).toBe(false);
		expect((await client.listPins({ cid: [made.cid.toString()], status: ['queued', 'pinning', 'pinned', 'failed'] })).count).toBe(0);
	});

	it('keeps a local pin that was there before, and the other requests for the same CID', async () => {
		const bytes = randomBytes(30_000);
		const earlier = await publish(bytes, 'earlier contribution');
		const again = await publish(bytes, 'same bytes, cancelled');
		expect(again.pinnedHere).toBe(false);

		const released = await releaseUnsentPins(node, client, { ...again, cid: again.cid.toString() });

		expect(released).toEqual({ local: 'kept', remote: 'removed' });
		expect(await node.pins.isPinned(again.cid)).toBe(true);
		const left = await client.listPins({ cid: [again.cid.toString()] });
		expect(left.results.map((r) => r.requestid)).toEqual([earlier.requestid]);
	});

	it('reports a pinning service it cannot reach instead of throwing, and still unpins here', async () => {
		const { cid } = await addContributionFile(node, randomBytes(1000));
		const released = await releaseUnsentPins(node, createPinningClient({ endpoint: 'http://127.0.0.1:9' }), {
			cid: cid.toString(),
			pinnedHere: true,
			requestid: 'gone-request'
		});
		expect(released.local).toBe('unpinned');
		expect(released.remote).toBe('none');
		expect(released.problem).toMatch(/still keeps .*Remove it in the service's dashboard/);
		expect(await node.pins.isPinned(cid)).toBe(false);
	});
});
