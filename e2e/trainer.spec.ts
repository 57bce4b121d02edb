// The trainer's self-test on the System page, in real Chromium: jax-js in a Web Worker on WebGPU (SwiftShader
// here), and on Wasm in a browser without WebGPU; both must match the float64 reference and lower the loss.
import { chromium } from '@playwright/test';
import { chromiumWebGpuArgs, findChromium } from '../src/cli/devnet/findChromium.ts';
import { test, expect } from './fixtures/devnet.ts';
import type { Page } from '@playwright/test';

// SwiftShader runs every kernel on the CPU of a shared 2-core machine: ~10 s a run was seen; leave room.
const runTimeout = 300_000;
test.setTimeout(2 * runTimeout + 60_000);

async function runSelfTest(page: Page): Promise<string> {
	const card = page.getByTestId('trainer-card');
	const button = card.getByRole('button', { name: 'Run trainer self-test' });
	// Keyboard: focus the button and press Enter.
	await button.focus();
	await page.keyboard.press('Enter');
	await expect(card.getByTestId('trainer-progress')).toBeVisible();
	await expect(card.getByTestId('trainer-verdict').or(card.getByTestId('trainer-error'))).toBeVisible({
		timeout: runTimeout
	});
	await expect(card.getByTestId('trainer-error')).toHaveCount(0);
	const backend = (await card.getByTestId('trainer-backend').textContent()) ?? '';
	console.log(`trainer self-test: ${(await card.locator('dl').first().innerText()).replace(/\s+/g, ' ')}`);
	for (const fixture of await card.getByTestId('trainer-fixture').all()) {
		const figures = await fixture.locator('dd').allTextContents();
		console.log(`trainer self-test (${backend}): ${figures.map((f) => f.replace(/\s+/g, ' ').trim()).join(' | ')}`);
	}
	await expect(card.getByTestId('trainer-verdict')).toContainText('Passed');
	for (const kind of ['logits', 'gradients', 'training']) {
		await expect(card.getByTestId(`trainer-${kind}`)).toHaveCount(2);
		for (const figure of await card.getByTestId(`trainer-${kind}`).all()) {
			await expect(figure).toHaveAttribute('data-passed', 'true');
		}
	}
	// The figures fit the narrow viewport.
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	await expect(button).toBeEnabled();
	return backend;
}

async function openSystemPage(page: Page): Promise<void> {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto('/system/');
}

test('the trainer runs on WebGPU in a worker, matches the reference and lowers the loss', async ({ page }) => {
	await openSystemPage(page);
	expect(await runSelfTest(page)).toBe('webgpu');
	await expect(page.getByTestId('trainer-fallback')).toHaveCount(0);
	// Again in the same worker: jax-js starts once, and a run leaves nothing behind that spoils the next.
	expect(await runSelfTest(page)).toBe('webgpu');
});

test('without WebGPU the trainer falls back to Wasm, says so, and still passes', async ({ devnet }) => {
	// Without --enable-unsafe-webgpu this machine's Chromium grants no adapter.
	const args = chromiumWebGpuArgs.filter((a) => a !== '--enable-unsafe-webgpu');
	const browser = await chromium.launch({ executablePath: findChromium(), args });
	try {
		const page = await browser.newPage({ baseURL: devnet.siteUrl });
		await openSystemPage(page);
		expect(await runSelfTest(page)).toBe('wasm');
		const fallback = page.getByTestId('trainer-fallback');
		await expect(fallback).toContainText('WebGPU is not available');
		console.log(`trainer fallback: ${await fallback.textContent()}`);
	} finally {
		await browser.close();
	}
});
