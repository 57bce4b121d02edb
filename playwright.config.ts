// End-to-end tests in the system's Chromium with WebGPU on, against a devnet the global setup starts on free
// ports (anvil with the contracts, the IPFS peer, the built site) and tears down afterwards.
import { defineConfig } from '@playwright/test';
import { chromiumWebGpuArgs, findChromium } from './src/cli/devnet/findChromium.ts';

export default defineConfig({
	testDir: 'e2e',
	testMatch: '**/*.spec.ts',
	globalSetup: './e2e/globalSetup.ts',
	timeout: 90_000,
	expect: { timeout: 20_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		headless: true,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: { executablePath: findChromium(), args: chromiumWebGpuArgs }
	}
});
