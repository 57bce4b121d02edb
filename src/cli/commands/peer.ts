// `provena peer`: runs the local IPFS peer (Helia over WebSockets + the Pinning Service API) in the
// foreground until Ctrl+C / SIGTERM, then stops it cleanly.
import { CliUsageError, parseCommandArgs } from '../args.ts';
import { startPeer } from '../peer/startPeer.ts';

export const help = `Usage: provena peer [options]

Runs the local IPFS peer the app dials (WebSockets, no TLS) and its pinning service API.

Options:
  --host <ip>           interface for both listeners (default 127.0.0.1)
  --port <n>            libp2p WebSockets port, 0 = any free (default 4011)
  --api-port <n>        pinning service API port, 0 = any free (default 5011)
  --data <dir>          blocks, pins and the peer's key (default .provena/peer)
  --token <ENV_NAME>    require "Authorization: Bearer <token>", the token read from $ENV_NAME
  --pin-timeout <s>     a pin whose data cannot be fetched in time fails (default 60)
  --json                print one JSON line { peerId, multiaddrs, pinningApiUrl } instead of text
  -h, --help            show this help

The peer id is kept in the data directory, so the multiaddr stays the same across restarts.`;

function port(value: string, flag: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CliUsageError(`${flag} must be a port number (0-65535), got "${value}"`);
	return n;
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommandArgs(argv, {
		host: { type: 'string', default: '127.0.0.1' },
		port: { type: 'string', default: '4011' },
		'api-port': { type: 'string', default: '5011' },
		data: { type: 'string', default: '.provena/peer' },
		token: { type: 'string' },
		'pin-timeout': { type: 'string', default: '60' },
		json: { type: 'boolean', default: false }
	});
	if (!parsed) {
		console.log(help);
		return 0;
	}
	const { values, positionals } = parsed;
	if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
	let apiToken: string | undefined;
	if (values.token !== undefined) {
		apiToken = process.env[values.token];
		if (!apiToken) throw new CliUsageError(`--token names $${values.token}, which is not set or empty`);
	}
	const pinTimeout = Number(values['pin-timeout']);
	if (!(pinTimeout > 0)) throw new CliUsageError(`--pin-timeout must be a positive number of seconds`);

	let peer;
	try {
		peer = await startPeer({
			host: values.host,
			port: port(values.port, '--port'),
			apiPort: port(values['api-port'], '--api-port'),
			dataDir: values.data,
			apiToken,
			pinTimeoutMs: pinTimeout * 1000
		});
	} catch (error) {
		if (error instanceof CliUsageError) throw error;
		console.error(`provena peer: ${(error as Error).message}`);
		return 1;
	}
	if (values.json) {
		console.log(JSON.stringify({ peerId: peer.peerId, multiaddrs: peer.multiaddrs, pinningApiUrl: peer.pinningApiUrl }));
	} else {
		console.log(`IPFS peer ${peer.peerId}`);
		for (const addr of peer.multiaddrs) console.log(`  multiaddr    ${addr}`);
		console.log(`  pinning API  ${peer.pinningApiUrl}${apiToken ? `  (bearer token from $${values.token})` : '  (no auth)'}`);
		console.log(`  data         ${values.data}`);
		console.log('Press Ctrl+C to stop.');
	}

	const signal = await new Promise<NodeJS.Signals>((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	if (!values.json) console.log(`\n${signal}: stopping the peer…`);
	await peer.stop();
	if (!values.json) console.log('Peer stopped.');
	return 0;
}
