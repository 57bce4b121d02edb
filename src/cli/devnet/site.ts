// Building the static site for a given chain / IPFS configuration, and serving the build on 127.0.0.1.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { repoRoot } from '../paths.ts';

/** The PUBLIC_* settings a site build bakes in (see src/lib/chain/settings.ts). */
export type SiteSettings = {
	PUBLIC_CHAIN_ID: string;
	PUBLIC_RPC_URL: string;
	PUBLIC_IPFS_PEERS?: string;
	PUBLIC_PINNING_ENDPOINT?: string;
	PUBLIC_EXPLORER_URL?: string;
};

/** Runs `vite build` into `outDir` (svelte.config.js reads PROVENA_BUILD_DIR) with `settings` in the environment. */
export async function buildSite(settings: SiteSettings, { outDir, quiet = true }: { outDir: string; quiet?: boolean }): Promise<void> {
	const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', quiet ? 'warn' : 'info'], {
		cwd: repoRoot,
		env: { ...process.env, ...settings, PROVENA_BUILD_DIR: outDir },
		stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (c) => (output += c));
	child.stderr?.on('data', (c) => (output += c));
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	if (code !== 0) throw new Error(`Building the site failed (vite build exited ${code}):\n${output}`);
}

export type RunningSite = { url: string; stop(): Promise<void> };

/** Serves the static build (`build/`) on 127.0.0.1:`port`, falling back to 404.html for unknown routes. */
export function serveSite({ port, dir = join(repoRoot, 'build') }: { port: number; dir?: string }): Promise<RunningSite> {
	const assets = sirv(dir, { dev: false, etag: true, single: '404.html' });
	const server: Server = createServer((req, res) => assets(req, res));
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${port}/`,
				stop: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); })
			})
		);
	});
}
