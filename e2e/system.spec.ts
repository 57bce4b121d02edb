// The System page reports what this browser can do, measured for real: WebGPU from a worker, storage,
// the in-page IPFS node connected to the local peer, and the chain.
import { test, expect } from './fixtures/devnet.ts';

test('System page shows WebGPU from a worker, storage, the IPFS peer and the chain', async ({ page, devnet }) => {
	await page.goto('/system/');
	await expect(page.getByTestId('webgpu-status')).toContainText('Available');
	await expect(page.getByTestId('webgpu-vendor')).not.toBeEmpty();
	const fromWorker = await page.evaluate(async () => (await navigator.gpu?.requestAdapter())?.info.vendor);
	await expect(page.getByTestId('webgpu-vendor')).toHaveText(fromWorker || 'unknown');

	await expect(page.getByTestId('persisted')).toHaveText(/yes|no/);
	await expect(page.getByTestId('idb-blocked')).toHaveCount(0);
	if ((await page.getByTestId('persisted').textContent()) === 'no') {
		// The browser decides; either answer is explained to the user.
		await page.getByRole('button', { name: 'Ask to keep data persistently' }).click();
		await expect(page.getByTestId('storage-card').getByRole('status')).toHaveText(/now persistent|The browser declined/);
	}

	await expect(page.getByTestId('ipfs-peer-id')).toHaveText(/^12D3Koo|^Qm/);
	await expect(page.getByTestId('ipfs-peer-count')).toHaveText('1');
	await expect(page.getByTestId('ipfs-peer')).toContainText(devnet.peerId);

	await expect(page.getByTestId('chain-status')).toHaveText('reachable');
	await expect(page.getByTestId('chain-block')).toHaveText(/^\d+$/);
	await expect(page.getByTestId('chain-latency')).toHaveText(/^\d+ ms$/);
});

test('the pinning service can be set and tested; a wrong URL says what to check', async ({ page }) => {
	await page.goto('/system/');
	const card = page.getByTestId('pinning-card');
	// The site's default is the local peer's pinning API.
	await expect(card.getByLabel('Service URL')).toHaveValue(process.env.PROVENA_E2E_PINNING_API!);
	await card.getByRole('button', { name: 'Save and test' }).click();
	await expect(card.getByTestId('pinning-result')).toHaveText(/^Connected\. The service keeps \d+ pins? for this token\.$/);

	await card.getByLabel('Service URL').fill('http://127.0.0.1:9/');
	await card.getByRole('button', { name: 'Save and test' }).click();
	await expect(card.getByTestId('pinning-result')).toContainText('Could not reach the pinning service');
	// The choice is remembered in this browser.
	await page.reload();
	await expect(page.getByTestId('pinning-card').getByLabel('Service URL')).toHaveValue('http://127.0.0.1:9/');
});
