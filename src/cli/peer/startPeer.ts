// The local IPFS peer: a Helia node listening on plain WebSockets (so the browser node can dial it),
// with blocks and data on disk under one directory, a peer id that survives restarts, and the Pinning
// Service API served beside it. `provena peer` and `provena up` run it; tests start it on free ports.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { FsBlockstore } from 'blockstore-fs';
import { FsDatastore } from 'datastore-fs';
import { createNodeHelia, type NodeHelia } from './createNodeHelia.ts';
import { createPinner } from './pinner.ts';
import { startPinningApi } from './pinningApi.ts';
import { loadPinRecords } from './pinRecords.ts';

export type StartPeerOptions = {
	/** Interface for both listeners. Default 127.0.0.1. */
	host?: string;
	/** libp2p WebSockets port; 0 picks a free one. Default 0. */
	port?: number;
	/** Pinning API port; 0 picks a free one. Default 0. */
	apiPort?: number;
	/** Holds blocks/, datastore/ (pins, pin requests, the private key) and a lock file. */
	dataDir: string;
	/** Bearer token the pinning API requires; none means no auth. */
	apiToken?: string;
	/** A pin request whose DAG is not complete by then ends `failed`. Default 60 000 ms. */
	pinTimeoutMs?: number;
	/** Pin requests fetched at once. Default 4. */
	pinConcurrency?: number;
};

export type RunningPeer = {
	peerId: string;
	/** Full multiaddrs to dial, e.g. `/ip4/127.0.0.1/tcp/4011/ws/p2p/12D3Koo…`. */
	multiaddrs: string[];
	/** Base URL of the Pinning Service API, e.g. `http://127.0.0.1:5011`. */
	pinningApiUrl: string;
	/** The underlying node, for in-process callers and tests. */
	helia: NodeHelia;
	/** Stops the API, the pinner and the node, and closes the stores. Safe to call twice. */
	stop(): Promise<void>;
};

/** The data directory is held by another running peer. */
export class PeerDataDirInUseError extends Error {
	override name = 'PeerDataDirInUseError';
	constructor(dataDir: string, pid: number) {
		super(`Another provena peer (pid ${pid}) is using ${dataDir}. Stop it first, or pass another --data directory.`);
	}
}

/**
 * Starts the local IPFS peer.
 *
 * @example
 * const peer = await startPeer({ port: 4011, apiPort: 5011, dataDir: '.provena/peer' });
 * console.log(peer.multiaddrs[0], peer.pinningApiUrl);
 * await peer.stop();
 */
export async function startPeer(options: StartPeerOptions): Promise<RunningPeer> {
	const host = options.host === undefined || options.host === 'localhost' ? '127.0.0.1' : options.host;
	const family = isIP(host);
	if (family === 0) throw new Error(`--host must be an IP address (e.g. 127.0.0.1), got "${host}"`);
	const dataDir = resolve(options.dataDir);
	await mkdir(dataDir, { recursive: true });
	const releaseLock = await lockDataDir(dataDir);
	const cleanup: Array<() => Promise<unknown>> = [releaseLock];
	const stopAll = async () => {
		for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
	};

	try {
		const blockstore = new FsBlockstore(join(dataDir, 'blocks'));
		await blockstore.open();
		cleanup.push(() => blockstore.close());
		const datastore = new FsDatastore(join(dataDir, 'datastore'));
		await datastore.open();
		cleanup.push(() => datastore.close());

		// libp2p's own listen error hides EADDRINUSE behind a generic message: check the ports first
		await assertPortFree(host, options.port ?? 0, '--port');
		await assertPortFree(host, options.apiPort ?? 0, '--api-port');
		const listen = `/ip${family}/${host}/tcp/${options.port ?? 0}/ws`;
		const helia = await createNodeHelia({ listen: [listen], blockstore, datastore });
		cleanup.push(() => helia.stop());
		const multiaddrs = () => helia.libp2p.getMultiaddrs().map(String);

		const records = await loadPinRecords(datastore);
		const pinner = createPinner(helia, records, {
			timeoutMs: options.pinTimeoutMs ?? 60_000,
			concurrency: options.pinConcurrency ?? 4
		});
		cleanup.push(() => pinner.stop());
		const api = await startPinningApi({
			host,
			port: options.apiPort ?? 0,
			apiToken: options.apiToken,
			records,
			pinner,
			delegates: multiaddrs
		});
		cleanup.push(() => api.close());
		pinner.resume();

		return {
			peerId: helia.libp2p.peerId.toString(),
			multiaddrs: multiaddrs(),
			pinningApiUrl: api.url,
			helia,
			stop: stopAll
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/** A port the peer needs is taken. */
export class PeerPortInUseError extends Error {
	override name = 'PeerPortInUseError';
	constructor(host: string, port: number, flag: string) {
		super(`Port ${port} on ${host} is already in use (another \`provena peer\`?). Stop that process, or pass ${flag} 0 for any free port.`);
	}
}

async function assertPortFree(host: string, port: number, flag: string): Promise<void> {
	if (port === 0) return;
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) =>
			reject(error.code === 'EADDRINUSE' ? new PeerPortInUseError(host, port, flag) : error)
		);
		server.listen(port, host, () => server.close(() => resolve()));
	});
}

/** Claims `dataDir` with a pid file; a file left by a dead process is taken over. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
	const file = join(dataDir, 'peer.pid');
	try {
		await writeFile(file, String(process.pid), { flag: 'wx' });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		const pid = Number(await readFile(file, 'utf8').catch(() => ''));
		if (pid && isAlive(pid)) throw new PeerDataDirInUseError(dataDir, pid);
		await writeFile(file, String(process.pid));
	}
	return () => rm(file, { force: true });
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
