// `provena up`: the whole local product in one command. Ctrl-C stops every child; a second start begins from
// a fresh chain (anvil keeps no state) and the same contract addresses (deterministic deployer nonce).
import { resolve } from 'node:path';
import { parseCommandArgs } from '../args.ts';
import { portInUse } from '../devnet/freePort.ts';
import { startDevnet, type DevnetPorts } from '../devnet/startDevnet.ts';

export const help = `provena up — start the local devnet and the site

Usage: provena up [--rpc-port 8545] [--peer-port 4011] [--pinning-port 5011] [--port 4173]
                  [--peer-data .provena/peer] [--build-dir build]

Starts anvil (chain 31337, OPEN as native currency, dev accounts funded) with the contracts deployed,
the local IPFS peer with its pinning service, builds the site against them and serves it. Ctrl-C stops all.`;

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommandArgs(argv, {
		'rpc-port': { type: 'string', default: '8545' },
		'peer-port': { type: 'string', default: '4011' },
		'pinning-port': { type: 'string', default: '5011' },
		port: { type: 'string', default: '4173' },
		'peer-data': { type: 'string' },
		'build-dir': { type: 'string' }
	});
	if (!parsed) return (console.log(help), 0);
	const ports: DevnetPorts = {
		rpc: Number(parsed.values['rpc-port']),
		peer: Number(parsed.values['peer-port']),
		pinningApi: Number(parsed.values['pinning-port']),
		site: Number(parsed.values.port)
	};
	for (const [name, port] of Object.entries(ports)) {
		if (await portInUse(port)) {
			console.error(`Port ${port} (${name}) is already in use. Stop whatever holds it (an earlier "provena up"?) or pick another with --help's options.`);
			return 1;
		}
	}
	const started = Date.now();
	const devnet = await startDevnet({
		ports,
		peerDataDir: parsed.values['peer-data'] && resolve(parsed.values['peer-data']),
		buildDir: parsed.values['build-dir'] && resolve(parsed.values['build-dir']),
		log: (line) => console.log(line)
	});
	console.log(`
Provena is running (${((Date.now() - started) / 1000).toFixed(1)} s):

  Site           ${devnet.siteUrl}
  Chain RPC      ${devnet.rpcUrl}  (chain id 31337, currency OPEN)
  IPFS peer      ${devnet.peer.multiaddrs.join('\n                 ')}
  Pinning API    ${devnet.peer.pinningApiUrl}

Open the site, connect with "Devnet test accounts". Press Ctrl-C to stop everything.`);

	await new Promise<void>((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	console.log('\nStopping…');
	await devnet.stop();
	console.log('Stopped.');
	return 0;
}
