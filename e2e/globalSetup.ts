// Starts a private devnet for the e2e run on free ports, hands its URLs to the tests through the environment,
// and returns the teardown that stops it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/cli/devnet/freePort.ts';
import { repoRoot } from '../src/cli/paths.ts';
import { startDevnet } from '../src/cli/devnet/startDevnet.ts';

export default async function globalSetup() {
	const peerDataDir = mkdtempSync(join(tmpdir(), 'provena-e2e-peer-'));
	const devnet = await startDevnet({
		ports: { rpc: await freePort(), peer: await freePort(), pinningApi: await freePort(), site: await freePort() },
		peerDataDir,
		// A separate build folder per run lets two checkouts' runs (or two people) test side by side.
		buildDir: process.env.PROVENA_E2E_BUILD_DIR ?? join(repoRoot, '.provena/e2e-build'),
		log: (line) => console.log(`[e2e devnet] ${line}`)
	});
	process.env.PROVENA_E2E_URL = devnet.siteUrl;
	process.env.PROVENA_E2E_RPC = devnet.rpcUrl;
	process.env.PROVENA_E2E_PEER_ID = devnet.peer.peerId;
	process.env.PROVENA_E2E_PEER_ADDRS = devnet.peer.multiaddrs.join(',');
	process.env.PROVENA_E2E_PINNING_API = devnet.peer.pinningApiUrl;
	console.log(`[e2e devnet] site ${devnet.siteUrl}, rpc ${devnet.rpcUrl}, peer ${devnet.peer.peerId}`);
	return async () => {
		await devnet.stop();
		rmSync(peerDataDir, { recursive: true, force: true });
	};
}
