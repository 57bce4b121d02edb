// Builds a lean Helia node for Node.js: libp2p over WebSockets only, noise, yamux, identify and bitswap,
// with no bootstrap peers, delegated routers or gateways, so it works fully offline. The local peer
// (startPeer) and the tests' client nodes are both made here.
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { withBitswap } from '@helia/bitswap';
import { withLibp2pLight, type HeliaWithLibp2p } from '@helia/libp2p';
import { identify, type Identify } from '@libp2p/identify';
import { webSockets } from '@libp2p/websockets';
import { createHeliaLight, type HeliaInit } from 'helia';

/** The libp2p services every Provena Node helia has. */
export type NodeHeliaServices = { identify: Identify };

/** A started Helia node with libp2p. */
export type NodeHelia = HeliaWithLibp2p<NodeHeliaServices>;

export type CreateNodeHeliaOptions = {
	/** Multiaddrs to listen on, e.g. `/ip4/127.0.0.1/tcp/0/ws`. Default: none (dial only). */
	listen?: string[];
	/** Where blocks live. Default: in memory. */
	blockstore?: HeliaInit['blockstore'];
	/** Where pins, the peer store and the node's private key live. Default: in memory. */
	datastore?: HeliaInit['datastore'];
};

/**
 * Loopback and private ranges exempt from libp2p's inbound limits (5 connections a second per host by
 * default): every tab of a local app, and every reload, dials from 127.0.0.1.
 */
const LOCAL_RANGES = ['/ip4/127.0.0.0/ipcidr/8', '/ip6/::1/ipcidr/128'];

/**
 * Creates and starts a Helia node for Node.js. Its peer id comes from the datastore (created on first
 * start), so a persistent datastore gives a stable peer id.
 *
 * @example
 * const helia = await createNodeHelia({ listen: ['/ip4/127.0.0.1/tcp/0/ws'] });
 * console.log(helia.libp2p.getMultiaddrs().map(String));
 */
export async function createNodeHelia(options: CreateNodeHeliaOptions = {}): Promise<NodeHelia> {
	const helia = withBitswap(
		withLibp2pLight(
			createHeliaLight({ blockstore: options.blockstore, datastore: options.datastore }),
			{
				addresses: { listen: options.listen ?? [] },
				transports: [webSockets()],
				connectionEncrypters: [noise()],
				streamMuxers: [yamux()],
				services: { identify: identify() },
				connectionManager: { allow: LOCAL_RANGES }
			}
		)
	);
	await helia.start();
	return helia;
}
