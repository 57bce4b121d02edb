// The page's IPFS node as the UI sees it: started once in the browser (Helia loaded lazily so it never
// weighs on first paint), with its peer id, its connections, and a clear error when it cannot start.
import type { PeerStatus } from '$lib/ipfs/peerStatus.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';

export type IpfsNodeStatus = 'idle' | 'starting' | 'online' | 'error';

export class IpfsNode {
	status = $state<IpfsNodeStatus>('idle');
	peerId = $state<string>();
	connections = $state.raw<PeerStatus['connections']>([]);
	error = $state<string>();
	/** Something the user should know although the node runs (e.g. blocks kept in memory only). */
	warning = $state<string>();
	/** Configured peers that could not be dialled, with why. */
	unreachablePeers = $state.raw<{ addr: string; reason: string }[]>([]);

	#node: Awaited<ReturnType<typeof import('$lib/ipfs/browserNode.ts').createBrowserNode>> | undefined;
	#timer: ReturnType<typeof setInterval> | undefined;

	get helia() {
		return this.#node?.helia;
	}

	/** The running node's Helia, waiting for start-up; throws with the start-up error when the node cannot run. */
	async ready(timeoutMs = 30_000): Promise<NonNullable<IpfsNode['helia']>> {
		const deadline = Date.now() + timeoutMs;
		while (this.status === 'idle' || this.status === 'starting') {
			if (Date.now() > deadline) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const helia = this.#node?.helia;
		if (this.status === 'online' && helia) return helia;
		throw new Error(
			this.error
				? `The page's IPFS node is not running: ${this.error}`
				: "The page's IPFS node did not start in time; reload the page, or see the System page."
		);
	}

	async start({ peers, routers, gateways }: { peers: string[]; routers: string[]; gateways: string[] }): Promise<void> {
		if (this.status === 'starting' || this.status === 'online') return;
		this.status = 'starting';
		this.error = undefined;
		try {
			const [{ createBrowserNode }, { getPeerStatus }, { IndexedDbUnavailableError }] = await Promise.all([
				import('$lib/ipfs/browserNode.ts'),
				import('$lib/ipfs/peerStatus.ts'),
				import('$lib/ipfs/errors.ts')
			]);
			try {
				this.#node = await createBrowserNode({ peers, routers, gateways });
			} catch (error) {
				if (!(error instanceof IndexedDbUnavailableError)) throw error;
				// Still useful without IndexedDB: fetch and add blocks in memory, and say they will not survive a reload.
				this.#node = await createBrowserNode({ peers, routers, gateways, persistent: false });
				this.warning =
					'IndexedDB is blocked, so IPFS blocks are kept in memory only and are lost on reload. Allow site data (or leave private browsing) to keep them.';
			}
			this.peerId = this.#node.peerId;
			this.unreachablePeers = this.#node.unreachablePeers ?? [];
			this.status = 'online';
			const refresh = () => {
				if (this.#node) this.connections = getPeerStatus(this.#node.helia).connections;
			};
			refresh();
			this.#timer = setInterval(refresh, 2_000);
		} catch (error) {
			this.status = 'error';
			this.error = errorMessage(error);
		}
	}

	async stop(): Promise<void> {
		clearInterval(this.#timer);
		await this.#node?.stop();
		this.#node = undefined;
		this.status = 'idle';
	}
}

export const ipfsNode = new IpfsNode();
