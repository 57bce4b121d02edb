// A local anvil node: the devnet chain (id 31337, OPEN as its native currency, dev accounts funded).
import { spawn, type ChildProcess } from 'node:child_process';
import { ensureFoundry } from '../foundry/foundryBinaries.ts';

export type RunningAnvil = { rpcUrl: string; port: number; stop(): Promise<void> };

export type StartAnvilOptions = {
	port: number;
	/** Seconds between blocks; undefined mines a block per transaction (instant, best for tests). */
	blockTime?: number;
	/** Extra OPEN per dev account (anvil's default is 10,000). */
	balance?: number;
};

/** Starts anvil on 127.0.0.1:`port` and resolves once it answers JSON-RPC. */
export async function startAnvil({ port, blockTime, balance = 10_000 }: StartAnvilOptions): Promise<RunningAnvil> {
	const { anvil } = await ensureFoundry();
	// Twenty dev accounts, not anvil's ten: the end-to-end specs share one devnet and each keeps its own accounts,
	// and governance needs several voters besides.
	const args = ['--host', '127.0.0.1', '--port', String(port), '--chain-id', '31337', '--balance', String(balance), '--accounts', '32', '--optimism', '--silent'];
	if (blockTime) args.push('--block-time', String(blockTime));
	const child = spawn(anvil, args, { stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	child.stderr?.on('data', (chunk) => (stderr += chunk));
	const rpcUrl = `http://127.0.0.1:${port}`;
	try {
		await waitForRpc(rpcUrl, child, () => stderr);
	} catch (error) {
		child.kill('SIGKILL');
		throw error;
	}
	return { rpcUrl, port, stop: () => stopChild(child) };
}

async function waitForRpc(rpcUrl: string, child: ChildProcess, stderr: () => string, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`anvil exited with code ${child.exitCode}: ${stderr().trim() || 'no output'}`);
		try {
			const response = await fetch(rpcUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] })
			});
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`anvil did not answer on ${rpcUrl} within ${timeoutMs / 1000} s. ${stderr()}`);
}

/** Stops a child process: SIGTERM, then SIGKILL if it lingers. */
export function stopChild(child: ChildProcess, graceMs = 3_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}
