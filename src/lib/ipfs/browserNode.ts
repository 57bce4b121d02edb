// The app's Helia node in the browser: blocks and data in IndexedDB, a lean libp2p (WebSockets + noise +
// yamux + identify) and bitswap, dialling the configured peers (e.g. the local `provena peer`). No
// delegated routers or gateways unless given, so it works offline against a local peer.
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { withBitswap } from '@helia/bitswap';
import { withHTTP } from '@helia/http';
import { withLibp2pLight, type HeliaWithLibp2p } from '@helia/libp2p';
import { identify, type Identify } from '@libp2p/identify';
import { webSockets } from '@libp2p/websockets';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { IDBBlockstore } from 'blockstore-idb';
import { IDBDatastore } from 'datastore-idb';
import { createHeliaLight, type Helia } from 'helia';
import type { Libp2pOptions } from 'libp2p';
import { IndexedDbUnavailableError, PeerDialError } from './errors.ts';

export type BrowserHelia = HeliaWithLibp2p<{ identify: Identify }>;

export type CreateBrowserNodeOptions = {
	/** Full multiaddrs (with /p2p/) to dial on start, e.g. `/ip4/127.0.0.1/tcp/4011/ws/p2p/12D3Koo…`. */
	peers: string[];
	/** IndexedDB name prefix (`<dbName>/blocks`, `<dbName>/data`). Default `provena-ipfs`. */
	dbName?: string;
	/** Aborts start-up; a half-started node is stopped. */
	signal?: AbortSignal;
	/** false keeps everything in memory (lost on reload), e.g. when IndexedDB is unavailable. Default true. */
	persistent?: boolean;
	/** Delegated routing v1 URLs (production). Default none. */
	routers?: string[];
	/** Trustless gateway URLs to fetch blocks from (production). Default none. */
	gateways?: string[];
	/** Limit for each start-up dial of a configured peer. Default 5000 ms. */
	dialTimeoutMs?: number;
};

/** A configured peer the node could not reach; `reason` is ready for the UI. */
export type UnreachablePeer = { addr: string; reason: string; error: PeerDialError };

export type BrowserNode = {
	helia: BrowserHelia;
	peerId: string;
	/** Configured peers that could not be dialled at start-up (empty when all connected). The node keeps
	 * redialling them in the background, and any configured peer that disconnects. */
	unreachablePeers: UnreachablePeer[];
	/** Dials the configured peers again (e.g. a "reconnect" button); resolves to those still unreachable. */
	redial(): Promise<UnreachablePeer[]>;
	/** Stops libp2p and Helia and closes the IndexedDB stores. */
	stop(): Promise<void>;
};

/**
 * Creates and starts the browser node, then dials the configured peers (each bounded by
 * `dialTimeoutMs`). Throws {@link IndexedDbUnavailableError} when the stores cannot be opened; a peer
 * that cannot be reached is listed in `unreachablePeers` instead, and the node keeps running.
 *
 * @example
 * const node = await createBrowserNode({ peers: env.PUBLIC_IPFS_PEERS.split(',') });
 * for (const { reason } of node.unreachablePeers) console.warn(reason);
 */
export async function createBrowserNode(options: CreateBrowserNodeOptions): Promise<BrowserNode> {
	const { peers, dbName = 'provena-ipfs', signal, persistent = true } = options;
	signal?.throwIfAborted();
	const stores = persistent ? await openStores(dbName) : undefined;

	let helia: BrowserHelia | undefined;
	const stop = async () => {
		await helia?.stop();
		await Promise.all([stores?.blockstore.close(), stores?.datastore.close()]);
	};
	try {
		const light: Helia = createHeliaLight({ blockstore: stores?.blockstore, datastore: stores?.datastore });
		if (options.routers?.length || options.gateways?.length) {
			// withHTTP with explicit lists: its defaults would add public routers and gateways
			withHTTP(light, { delegatedRouters: options.routers ?? [], recursiveGateways: options.gateways ?? [] });
		}
		helia = withBitswap(
			withLibp2pLight(light, {
				addresses: { listen: [] },
				transports: [webSockets()],
				connectionEncrypters: [noise()],
				streamMuxers: [yamux()],
				services: { identify: identify() },
				connectionGater: localPeerGater(peers)
			})
		);
		await helia.start();
		signal?.throwIfAborted();
	} catch (error) {
		await stop().catch(() => undefined);
		throw error;
	}

	const node = helia;
	const dialTimeoutMs = options.dialTimeoutMs ?? 5_000;
	const redial = () => dialPeers(node, peers, dialTimeoutMs);
	const unreachablePeers = await redial();
	const stopRedialling = keepConnected(node, peers, dialTimeoutMs);
	return {
		helia: node,
		peerId: node.libp2p.peerId.toString(),
		unreachablePeers,
		redial,
		stop: async () => {
			stopRedialling();
			await stop();
		}
	};
}

async function openStores(dbName: string) {
	if (typeof indexedDB === 'undefined') {
		throw new IndexedDbUnavailableError({ details: 'globalThis.indexedDB is undefined' });
	}
	const blockstore = new IDBBlockstore(`${dbName}/blocks`);
	const datastore = new IDBDatastore(`${dbName}/data`);
	try {
		await blockstore.open();
		await datastore.open();
	} catch (error) {
		await Promise.allSettled([blockstore.close(), datastore.close()]);
		throw new IndexedDbUnavailableError({ cause: error, details: String(error) });
	}
	return { blockstore, datastore };
}

async function dialPeers(helia: BrowserHelia, peers: string[], timeoutMs: number): Promise<UnreachablePeer[]> {
	const results = await Promise.all(
		peers.map(async (addr): Promise<UnreachablePeer | undefined> => {
			try {
				await helia.libp2p.dial(multiaddr(addr), { signal: AbortSignal.timeout(timeoutMs) });
				return undefined;
			} catch (cause) {
				const why = describe(cause);
				const error = new PeerDialError(addr, { cause, details: why });
				return { addr, reason: `${error.shortMessage} (${why})`, error };
			}
		})
	);
	return results.filter((r) => r !== undefined);
}

/**
 * Redials configured peers that are not connected: soon after one disconnects, then backing off to
 * every 30 s while it stays down. (libp2p's own keep-alive redial gives up after one attempt here: the
 * WebSocket transport rejects with an Event, which its retry helper refuses to retry.)
 */
function keepConnected(helia: BrowserHelia, peers: string[], timeoutMs: number): () => void {
	const MIN_DELAY = 1_000;
	const MAX_DELAY = 30_000;
	const targets = peers.flatMap((addr) => {
		try {
			const ma = multiaddr(addr);
			return [{ addr, id: ma.getComponents().find((c) => c.name === 'p2p')?.value, transport: transportPart(ma) }];
		} catch {
			return [];
		}
	});
	let delay = MIN_DELAY;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;

	const isConnected = (target: (typeof targets)[number]) =>
		helia.libp2p
			.getConnections()
			.some((c) => c.status === 'open' && (c.remotePeer.toString() === target.id || transportPart(c.remoteAddr) === target.transport));
	const schedule = (ms: number) => {
		clearTimeout(timer);
		if (!stopped) timer = setTimeout(tick, ms);
	};
	async function tick() {
		const missing = targets.filter((t) => !isConnected(t)).map((t) => t.addr);
		if (missing.length === 0) return;
		const still = await dialPeers(helia, missing, timeoutMs);
		if (still.length === 0) delay = MIN_DELAY;
		else schedule((delay = Math.min(delay * 2, MAX_DELAY)));
	}
	const onDisconnect = () => {
		delay = MIN_DELAY;
		schedule(delay);
	};
	helia.libp2p.addEventListener('peer:disconnect', onDisconnect);
	schedule(delay);
	return () => {
		stopped = true;
		clearTimeout(timer);
		helia.libp2p.removeEventListener('peer:disconnect', onDisconnect);
	};
}

/** A readable cause: browsers reject a failed WebSocket with a bare Event that says nothing. */
function describe(cause: unknown): string {
	if (cause instanceof AggregateError) return cause.errors.map(describe).join('; ');
	if (cause instanceof Error) return cause.message;
	if (typeof Event !== 'undefined' && cause instanceof Event) {
		return `WebSocket ${cause.type}: the peer is down, the port is wrong or blocked, or the browser refused it`;
	}
	return String(cause);
}

type ConnectionGater = NonNullable<Libp2pOptions['connectionGater']>;

/**
 * libp2p's browser gater refuses insecure `ws://` and private/loopback addresses. This one keeps that
 * rule for everything except the configured peers' addresses (compared without their /p2p/ part).
 */
export function localPeerGater(peers: string[]): ConnectionGater {
	const allowed = new Set<string>();
	for (const peer of peers) {
		try {
			allowed.add(transportPart(multiaddr(peer)));
		} catch {
			// an invalid multiaddr is reported when it is dialled
		}
	}
	return {
		denyDialMultiaddr: (ma) => !allowed.has(transportPart(ma)) && (isInsecureWebSocket(ma) || isPrivate(ma))
	};
}

const transportPart = (ma: Multiaddr) => ma.decapsulateCode(421 /* p2p */).toString();

function isInsecureWebSocket(ma: Multiaddr): boolean {
	const names = ma.getComponents().map((c) => c.name);
	return names.includes('ws') && !names.includes('tls');
}

function isPrivate(ma: Multiaddr): boolean {
	const [first] = ma.getComponents();
	const host = first?.value?.toLowerCase() ?? '';
	if (first?.name === 'ip4') {
		const [a = 0, b = 0] = host.split('.').map(Number);
		return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b < 128);
	}
	if (first?.name === 'ip6') {
		return host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
	}
	if (first?.name.startsWith('dns')) return host === 'localhost' || host.endsWith('.localhost');
	return false;
}
