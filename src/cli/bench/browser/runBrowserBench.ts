// The Node side of every browser benchmark: build the site once into .provena/bench-build, copy the suite's files
// under bench-assets/<suite>/, serve the build on 127.0.0.1, open /bench/?suite=… in headless Chromium with
// WebGPU, forward its progress lines, and return what the page's bench worker reported. Browser, server and
// page are closed whether the suite succeeds or not.
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';
import type { BrowserBenchResult } from '../../../../workers/bench/browserBench.ts';
import type { BrowserBenchName } from '../../../../workers/bench/browserBenches.ts';
import { chromiumWebGpuArgs, findChromium } from '../../devnet/findChromium.ts';
import { freePort } from '../../devnet/freePort.ts';
import { buildSite, serveSite, type RunningSite } from '../../devnet/site.ts';
import { repoRoot } from '../../paths.ts';

/** A browser benchmark did not produce a result (the page failed, the suite threw, or it timed out). */
export class BrowserBenchRunError extends ProvenaError {
	override name = 'BrowserBenchRunError';
}

/** Where browser benchmarks build the site (gitignored, apart from the devnet's and e2e's builds). */
export const benchBuildDir = join(repoRoot, '.provena/bench-build');

/** A file to serve: copied from a file or folder on disk, or written from bytes. `to` is relative to the suite's folder. */
export type BrowserBenchAsset = { to: string; from: string } | { to: string; bytes: Uint8Array };

/** Options of {@link runBrowserBench}. */
export type RunBrowserBenchOptions = {
	/** The worker-side suite (workers/bench/browserBenches.ts). */
	suite: BrowserBenchName;
	/** Query options for the suite; paths of assets are {@link benchAssetsUrl}(suite) + `to`. */
	options: Record<string, string>;
	assets: BrowserBenchAsset[];
	log: (line: string) => void;
	/** Default 15 minutes. */
	timeoutMs?: number;
};

/** The URL path the suite's assets are served under, e.g. `/bench-assets/decode-vs-transformers/`. */
export function benchAssetsUrl(suite: string): string {
	return `/bench-assets/${suite}/`;
}

let built: Promise<void> | undefined;

/** Builds the site once per process; PROVENA_BENCH_REUSE_BUILD=1 reuses an existing build (faster iterations). */
function ensureBuild(log: (line: string) => void): Promise<void> {
	if (process.env.PROVENA_BENCH_REUSE_BUILD === '1' && existsSync(join(benchBuildDir, 'index.html'))) {
		return (built ??= Promise.resolve());
	}
	built ??= (async () => {
		log(`building the site into ${benchBuildDir}`);
		// The bench page never talks to a chain; the build only needs some local values.
		await buildSite({ PUBLIC_CHAIN_ID: '31337', PUBLIC_RPC_URL: 'http://127.0.0.1:8545' }, { outDir: benchBuildDir });
	})();
	return built;
}

async function placeAssets(suite: string, assets: BrowserBenchAsset[]): Promise<void> {
	const root = join(benchBuildDir, benchAssetsUrl(suite));
	await rm(root, { recursive: true, force: true });
	for (const asset of assets) {
		const target = join(root, asset.to);
		await mkdir(dirname(target), { recursive: true });
		if ('bytes' in asset) await writeFile(target, asset.bytes);
		else await cp(asset.from, target, { recursive: true });
	}
}

type Outcome =
	{ state: 'running' } | { state: 'done'; result: BrowserBenchResult } | { state: 'failed'; error: string };

/**
 * Runs one browser suite end to end and returns its result.
 *
 * @example
 * const result = await runBrowserBench({ suite: 'decode-vs-transformers', options: { model: '/bench-assets/…/model/' }, assets, log });
 */
export async function runBrowserBench(run: RunBrowserBenchOptions): Promise<BrowserBenchResult> {
	const { suite, log } = run;
	await ensureBuild(log);
	await placeAssets(suite, run.assets);
	let site: RunningSite | undefined;
	let browser: Browser | undefined;
	try {
		site = await serveSite({ port: await freePort(), dir: benchBuildDir });
		browser = await chromium.launch({ executablePath: findChromium(), args: chromiumWebGpuArgs, headless: true });
		const context = await browser.newContext();
		// Benchmarks are offline: anything bound off this machine (a CDN wasm, a model hub) is refused and reported.
		const offMachine = new Set<string>();
		await context.route(
			(url) =>
				(url.protocol === 'http:' || url.protocol === 'https:') && !['127.0.0.1', 'localhost'].includes(url.hostname),
			(route) => (offMachine.add(new URL(route.request().url()).origin), route.abort())
		);
		const page = await context.newPage();
		const pageErrors: string[] = [];
		page.on('console', (message) => {
			const text = message.text();
			if (text.startsWith('[provena-bench] ')) log(text.slice('[provena-bench] '.length));
			else if (message.type() === 'error') pageErrors.push(text);
		});
		page.on('pageerror', (error) => pageErrors.push(error.message));
		const query = new URLSearchParams({ suite, ...run.options });
		const url = new URL(`bench/?${query}`, site.url).href;
		log(`opening ${url}`);
		await page.goto(url);
		try {
			await page.waitForFunction(
				() => {
					const state = (window as unknown as { __provenaBench?: { state: string } }).__provenaBench?.state;
					return state === 'done' || state === 'failed';
				},
				undefined,
				{ timeout: run.timeoutMs ?? 15 * 60_000, polling: 500 }
			);
		} catch (error) {
			throw new BrowserBenchRunError(
				`The browser benchmark "${suite}" gave no result in time. Run it again; if it hangs again, the browser's last console errors (below, if any) say where.`,
				{ cause: error, ...(pageErrors.length ? { details: pageErrors.slice(-5).join('\n') } : {}) }
			);
		}
		const outcome = (await page.evaluate(
			() => (window as unknown as { __provenaBench: unknown }).__provenaBench
		)) as Outcome;
		if (outcome.state !== 'done') {
			throw new BrowserBenchRunError(
				`The browser benchmark "${suite}" failed in the page: ${outcome.state === 'failed' ? outcome.error : 'no result'}`,
				pageErrors.length ? { details: pageErrors.slice(-5).join('\n') } : {}
			);
		}
		const { result } = outcome;
		if (offMachine.size === 0) return result;
		return {
			...result,
			notes: [...(result.notes ?? []), `Requests off this machine were refused: ${[...offMachine].join(', ')}.`]
		};
	} finally {
		await browser?.close().catch(() => undefined);
		await site?.stop();
	}
}
