// `provena up` as a user runs it: it comes up, serves the site, chain and peer, stops every child on Ctrl-C
// (SIGINT) with exit 0, and a second start needs no clean-up.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPublicClient, http } from 'viem';
import { freePort, portInUse } from '../devnet/freePort.ts';
import { repoRoot } from '../paths.ts';

const scratch = mkdtempSync(join(tmpdir(), 'provena-up-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function runUpOnce(ports: Record<'rpc' | 'peer' | 'pinning' | 'site', number>) {
	const child = spawn(
		process.execPath,
		['src/cli/provena.ts', 'up', '--rpc-port', `${ports.rpc}`, '--peer-port', `${ports.peer}`, '--pinning-port', `${ports.pinning}`, '--port', `${ports.site}`, '--peer-data', join(scratch, 'peer'), '--build-dir', join(scratch, 'build')],
		{ cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	const deadline = Date.now() + 120_000;
	while (!output.includes('Provena is running')) {
		if (child.exitCode !== null || Date.now() > deadline) throw new Error(`provena up did not come up:\n${output}`);
		await new Promise((r) => setTimeout(r, 200));
	}
	const site = await fetch(`http://127.0.0.1:${ports.site}/system/`);
	const chainId = await createPublicClient({ transport: http(`http://127.0.0.1:${ports.rpc}`) }).getChainId();
	const pins = await fetch(`http://127.0.0.1:${ports.pinning}/pins`);
	const peerId = /\/p2p\/(\w+)/.exec(output)?.[1];

	child.kill('SIGINT');
	const code = await exited;
	const stillListening = await Promise.all(Object.values(ports).map((port) => portInUse(port)));
	return { siteStatus: site.status, chainId, pinsStatus: pins.status, peerId, code, stillListening, output };
}

describe('provena up', () => {
	it('starts everything, stops every child on Ctrl-C, and starts again without clean-up', async () => {
		const ports = { rpc: await freePort(), peer: await freePort(), pinning: await freePort(), site: await freePort() };
		const first = await runUpOnce(ports);
		expect(first.siteStatus).toBe(200);
		expect(first.chainId).toBe(31337);
		expect(first.pinsStatus).toBe(200);
		expect(first.code, first.output).toBe(0);
		expect(first.stillListening).toEqual([false, false, false, false]);

		const second = await runUpOnce(ports);
		expect(second.siteStatus).toBe(200);
		expect(second.code, second.output).toBe(0);
		// The peer keeps its identity, so a page configured with its multiaddr keeps working.
		expect(second.peerId).toBe(first.peerId);
		expect(second.stillListening).toEqual([false, false, false, false]);
	}, 300_000);
});
