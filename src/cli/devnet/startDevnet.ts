// The whole local stack in one call: anvil with the contracts deployed, the IPFS peer, and the site built
// against them and served. Used by `provena up` and by the e2e suite's global setup.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startAnvil, type RunningAnvil } from './anvil.ts';
import { repoRoot } from '../paths.ts';
import { buildSite, serveSite, type RunningSite, type SiteSettings } from './site.ts';
import { deployProtocol } from '../deploy/deployProtocol.ts';
import { buildContracts } from '../foundry/buildContracts.ts';
import { generateAbis } from '../foundry/generateAbis.ts';
import { startPeer, type RunningPeer } from '../peer/startPeer.ts';

export type DevnetPorts = { rpc: number; peer: number; pinningApi: number; site: number };

export type RunningDevnet = {
	rpcUrl: string;
	siteUrl: string;
	peer: RunningPeer;
	settings: SiteSettings;
	stop(): Promise<void>;
};

export type StartDevnetOptions = {
	ports: DevnetPorts;
	/** Where the peer keeps its blocks and identity. */
	peerDataDir?: string;
	/** Where the site is built (kept apart so tests never overwrite a running devnet's site). */
	buildDir?: string;
	log?: (line: string) => void;
};

/** Starts anvil, deploys, starts the peer, builds and serves the site. Stops what it started on failure. */
export async function startDevnet({ ports, peerDataDir = join(repoRoot, '.provena/peer'), buildDir = join(repoRoot, 'build'), log = () => {} }: StartDevnetOptions): Promise<RunningDevnet> {
	const stops: (() => Promise<void>)[] = [];
	const stopAll = async () => {
		for (const stop of stops.reverse()) await stop().catch(() => {});
	};
	try {
		log('Building contracts…');
		await buildContracts();
		log(`Starting anvil on 127.0.0.1:${ports.rpc}…`);
		const anvil: RunningAnvil = await startAnvil({ port: ports.rpc });
		stops.push(anvil.stop);
		log('Deploying contracts…');
		// No journal: a devnet that fails to start is thrown away with its anvil, so there is nothing to resume.
		await deployProtocol({ rpcUrl: anvil.rpcUrl, journal: false });
		await generateAbis();
		log(`Starting the IPFS peer on 127.0.0.1:${ports.peer}…`);
		mkdirSync(peerDataDir, { recursive: true });
		const peer = await startPeer({ port: ports.peer, apiPort: ports.pinningApi, dataDir: peerDataDir });
		stops.push(peer.stop);
		const settings: SiteSettings = {
			PUBLIC_CHAIN_ID: '31337',
			PUBLIC_RPC_URL: anvil.rpcUrl,
			PUBLIC_IPFS_PEERS: peer.multiaddrs.join(','),
			PUBLIC_PINNING_ENDPOINT: peer.pinningApiUrl
		};
		log('Building the site…');
		await buildSite(settings, { outDir: buildDir });
		const site: RunningSite = await serveSite({ port: ports.site, dir: buildDir });
		stops.push(site.stop);
		return { rpcUrl: anvil.rpcUrl, siteUrl: site.url, peer, settings, stop: stopAll };
	} catch (error) {
		await stopAll();
		throw error;
	}
}
