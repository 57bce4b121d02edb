// The inference engine's self-test on the System page, in real Chromium: onnxruntime-web on WebGPU
// (SwiftShader here), and the Wasm fallback in a browser without WebGPU, both checked against the reference on
// mixed-adapter batches of the GQA and Qwen2-like fixtures and of the default model with two demo adapters.
import { chromium } from '@playwright/test';
import { chromiumWebGpuArgs, findChromium } from '../src/cli/devnet/findChromium.ts';
import { test, expect } from './fixtures/devnet.ts';
import type { Page } from '@playwright/test';

async function runSelfTest(page: Page): Promise<{ backend: string; maxError: number }> {
	await page.goto('/system/');
	const card = page.getByTestId('engine-card');
	const button = card.getByRole('button', { name: 'Run self-test' });
	// Keyboard: focus the button and press Enter.
	await button.focus();
	await page.keyboard.press('Enter');
	await expect(card.getByTestId('engine-verdict')).toBeVisible({ timeout: 60_000 });
	await expect(card.getByTestId('engine-error')).toHaveCount(0);
	const backend = (await card.getByTestId('engine-backend').textContent()) ?? '';
	const maxError = Number(await card.getByTestId('engine-max-error').textContent());
	console.log(`engine self-test: backend ${backend}, max error ${maxError} (${await card.getByTestId('engine-max-error').getAttribute('title')})`);
	await expect(card.getByTestId('engine-verdict')).toContainText('Passed');
	// The fixtures of each shape and the site's default model with two of its adapters were all checked.
	await expect(card.getByTestId('engine-max-error')).toHaveAttribute('title', /GQA.*Qwen2-like.*provena\/provena-tiny/);
	await expect(card.getByRole('button', { name: 'Run self-test' })).toBeEnabled();
	return { backend, maxError };
}

test('the inference engine runs on WebGPU and matches the reference', async ({ page }) => {
	const { backend, maxError } = await runSelfTest(page);
	expect(backend).toBe('webgpu');
	expect(maxError).toBeLessThan(1e-4);
	await expect(page.getByTestId('engine-fallback')).toHaveCount(0);
});

test('without WebGPU the inference engine falls back to Wasm, says so, and still matches', async ({ devnet }) => {
	// As in resilience.spec.ts: without --enable-unsafe-webgpu this machine's Chromium grants no adapter.
	const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumWebGpuArgs.filter((a) => a !== '--enable-unsafe-webgpu') });
	try {
		const page = await browser.newPage({ baseURL: devnet.siteUrl });
		const { backend, maxError } = await runSelfTest(page);
		expect(backend).toBe('wasm');
		expect(maxError).toBeLessThan(1e-4);
		await expect(page.getByTestId('engine-fallback')).toContainText('WebGPU is not available');
	} finally {
		await browser.close();
	}
});
