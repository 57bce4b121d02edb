// A snapshot of a Helia node's libp2p connections, for the app's System page.
import type { Libp2p } from 'libp2p';

export type PeerConnectionStatus = {
	/** The remote peer's id. */
	peerId: string;
	/** The remote multiaddr of this connection. */
	addr: string;
	status: 'open' | 'closing' | 'closed' | 'aborted' | 'reset';
	direction: 'inbound' | 'outbound';
	/** When the connection opened (ms since epoch). */
	openedAt: number;
};

export type PeerStatus = { peerId: string; connections: PeerConnectionStatus[] };

/**
 * Lists the node's peer id and current connections.
 *
 * @example
 * const { peerId, connections } = getPeerStatus(node.helia);
 */
export function getPeerStatus(helia: { libp2p: Pick<Libp2p, 'peerId' | 'getConnections'> }): PeerStatus {
	return {
		peerId: helia.libp2p.peerId.toString(),
		connections: helia.libp2p.getConnections().map((connection) => ({
			peerId: connection.remotePeer.toString(),
			addr: connection.remoteAddr.toString(),
			status: connection.status,
			direction: connection.direction,
			openedAt: connection.timeline.open
		}))
	};
}
