// Finds a Chromium-family browser already on this machine. Nothing is downloaded: a user with Chrome or
// Chromium installed needs nothing more, and CI installs Debian's chromium.
import { existsSync } from 'node:fs';

const candidates = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable',
	'/snap/bin/chromium',
	'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
	'/Applications/Chromium.app/Contents/MacOS/Chromium',
	'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'
];

/** The browser to test with: $CHROME_PATH, else the first system Chromium/Chrome found. */
export function findChromium(): string {
	const fromEnv = process.env.CHROME_PATH;
	if (fromEnv) {
		if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist.`);
		return fromEnv;
	}
	const found = candidates.find((path) => existsSync(path));
	if (!found) {
		throw new Error('No Chromium or Chrome found. Install one (Debian/Ubuntu: "sudo apt-get install chromium") or set CHROME_PATH to its executable.');
	}
	return found;
}

/** Flags that give headless Chromium WebGPU (SwiftShader where there is no GPU) and keep it offline. */
export const chromiumWebGpuArgs = [
	'--enable-unsafe-webgpu',
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
