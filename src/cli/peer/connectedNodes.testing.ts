// Two real Helia nodes on 127.0.0.1 for tests of transfer over bitswap: `publisher` listens on WebSockets and
// `reader` has dialled it, so what one adds the other can fetch.
import { createNodeHelia, type NodeHelia } from './createNodeHelia.ts';

/** Starts the pair; stop both with `Promise.all([publisher.stop(), reader.stop()])`. */
export async function startConnectedNodes(): Promise<{ publisher: NodeHelia; reader: NodeHelia }> {
	const publisher = await createNodeHelia({ listen: ['/ip4/127.0.0.1/tcp/0/ws'] });
	const reader = await createNodeHelia();
	await reader.libp2p.dial(publisher.libp2p.getMultiaddrs()[0]!);
	return { publisher, reader };
}
