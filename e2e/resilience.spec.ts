// Bad conditions a user meets: the RPC goes down, the browser has no WebGPU, IndexedDB is blocked.
import { chromium } from '@playwright/test';
import { chromiumWebGpuArgs, findChromium } from '../src/cli/devnet/findChromium.ts';
import { test, expect } from './fixtures/devnet.ts';

test('when the RPC is unreachable the page says so, retries, and recovers', async ({ page, devnet }) => {
	const rpcOrigin = new URL(devnet.rpcUrl).origin;
	await page.route(`${rpcOrigin}/**`, (route) => route.abort('connectionrefused'));
	await page.goto('/system/');
	const banner = page.getByTestId('rpc-down');
	await expect(banner).toContainText("Can't reach Provena devnet");
	await expect(banner).toContainText('npm start');
	await expect(page.getByTestId('chain-status')).toContainText('unreachable');

	await page.unroute(`${rpcOrigin}/**`);
	await banner.getByRole('button', { name: 'Retry now' }).click();
	await expect(banner).toBeHidden();
	await expect(page.getByTestId('chain-status')).toHaveText('reachable');
});

test('without WebGPU the System page says so and what to do', async ({ devnet }) => {
	// A browser started without --enable-unsafe-webgpu gets no adapter on this machine: a real "no WebGPU".
	const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumWebGpuArgs.filter((a) => a !== '--enable-unsafe-webgpu') });
	try {
		const page = await browser.newPage();
		await page.goto(new URL('/system/', devnet.siteUrl).href);
		await expect(page.getByTestId('webgpu-status')).toContainText('Not available');
		await expect(page.getByTestId('webgpu-card')).toContainText('Use a recent Chrome or Edge');
	} finally {
		await browser.close();
	}
});

test('with IndexedDB blocked (as in some private windows) the page explains and keeps working', async ({ page }) => {
	await page.addInitScript(() => {
		Object.defineProperty(IDBFactory.prototype, 'open', {
			value() {
				throw new DOMException('The user denied permission to access the database.', 'SecurityError');
			}
		});
	});
	await page.goto('/system/');
	await expect(page.getByTestId('idb-blocked')).toContainText('IndexedDB is blocked');
	// The IPFS node still starts, in memory, and says what that means.
	await expect(page.getByTestId('ipfs-warning')).toContainText('kept in memory only');
	await expect(page.getByTestId('ipfs-peer-count')).toHaveText('1');
	await expect(page.getByTestId('chain-status')).toHaveText('reachable');
});
