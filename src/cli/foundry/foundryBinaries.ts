// Finds forge and anvil, installing Foundry from npm into .foundry/ on first use.
//
// Foundry is deliberately not a dependency in package.json: its npm wrapper lists every platform's binary
// package as an optional dependency, and a registry that lacks some of them (darwin, windows) leaves them
// out of package-lock.json, after which `npm ci` fails. Installing into a private prefix keeps the lock file
// clean and still picks the right binary for each machine (the real registry has them all).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foundryPrefix } from '../paths.ts';

/** The Foundry release the project is tested with. */
export const FOUNDRY_VERSION = '1.7.1';

/** The npm packages installed into .foundry/, pinned to {@link FOUNDRY_VERSION}. */
export const FOUNDRY_PACKAGES = [`@foundry-rs/forge@${FOUNDRY_VERSION}`, `@foundry-rs/anvil@${FOUNDRY_VERSION}`];

/** Absolute paths to the executables. */
export type FoundryBinaries = { forge: string; anvil: string };

type Tool = keyof FoundryBinaries;

/** Foundry could not be found, installed or run; the message says what to do. */
export class FoundryUnavailableError extends Error {
	override name = 'FoundryUnavailableError';
}

let pending: Promise<FoundryBinaries> | undefined;

/**
 * Returns forge and anvil, ready to run. With `FOUNDRY_BIN_DIR` set, uses the executables in that folder
 * (for an existing Foundry install); otherwise installs Foundry {@link FOUNDRY_VERSION} into .foundry/ if
 * it is missing or another version, and returns the platform binaries themselves (not the npm wrapper).
 *
 * @example
 * const { forge, anvil } = await ensureFoundry();
 */
export function ensureFoundry(): Promise<FoundryBinaries> {
	pending ??= locate().catch((error: unknown) => {
		pending = undefined;
		throw error;
	});
	return pending;
}

async function locate(): Promise<FoundryBinaries> {
	const binDir = process.env.FOUNDRY_BIN_DIR;
	if (binDir) {
		const binaries = { forge: join(binDir, executable('forge')), anvil: join(binDir, executable('anvil')) };
		for (const tool of ['forge', 'anvil'] as const) assertRuns(binaries[tool], undefined, 'FOUNDRY_BIN_DIR');
		return binaries;
	}
	if (!installedBinaries()) await install();
	const binaries = installedBinaries();
	if (!binaries)
		throw new FoundryUnavailableError(
			`npm installed ${FOUNDRY_PACKAGES.join(' and ')} into ${foundryPrefix}, ` +
				`but no ${process.platform}-${process.arch} binary came with them. ` +
				'Install Foundry yourself (https://getfoundry.sh) and set FOUNDRY_BIN_DIR to the folder holding forge and anvil.'
		);
	for (const tool of ['forge', 'anvil'] as const) assertRuns(binaries[tool], FOUNDRY_VERSION, foundryPrefix);
	return binaries;
}

/** The installed binaries when both tools are present at the pinned version, else undefined. */
function installedBinaries(): FoundryBinaries | undefined {
	const forge = installedBinary('forge');
	const anvil = installedBinary('anvil');
	return forge && anvil ? { forge, anvil } : undefined;
}

function installedBinary(tool: Tool): string | undefined {
	const scope = join(foundryPrefix, 'node_modules', '@foundry-rs');
	try {
		const wrapper = JSON.parse(readFileSync(join(scope, tool, 'package.json'), 'utf8')) as { version?: string };
		if (wrapper.version !== FOUNDRY_VERSION) return undefined;
	} catch {
		return undefined;
	}
	const arch = process.arch === 'x64' ? 'amd64' : process.arch;
	const candidates = [
		// The platform package npm picked from the wrapper's optionalDependencies.
		join(scope, `${tool}-${process.platform}-${arch}`, 'bin', executable(tool)),
		// Where the wrapper's postinstall puts a binary it had to download itself.
		join(scope, tool, executable(tool)),
		join(scope, 'dist', executable(tool))
	];
	return candidates.find((path) => existsSync(path));
}

/** Installs the pinned packages into .foundry/ with npm, its output on stderr. */
async function install(): Promise<void> {
	process.stderr.write(`Installing Foundry ${FOUNDRY_VERSION} into ${foundryPrefix} (first use only)…\n`);
	const args = ['install', '--prefix', foundryPrefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund'];
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const code = await new Promise<number>((resolve, reject) => {
		const child = spawn(npm, [...args, ...FOUNDRY_PACKAGES], {
			stdio: ['ignore', 2, 2],
			shell: process.platform === 'win32'
		});
		child.on('error', reject);
		child.on('close', (status) => resolve(status ?? 1));
	}).catch((error: unknown) => {
		throw new FoundryUnavailableError(`Could not run npm to install Foundry: ${(error as Error).message}`);
	});
	if (code !== 0)
		throw new FoundryUnavailableError(
			`npm install of ${FOUNDRY_PACKAGES.join(' ')} failed (exit ${code}). Check the registry is reachable, ` +
				'or install Foundry yourself and set FOUNDRY_BIN_DIR to the folder holding forge and anvil.'
		);
}

/** Runs `<binary> --version`, throwing when it does not run or reports another version. */
function assertRuns(binary: string, version: string | undefined, source: string): void {
	const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
	if (result.error || result.status !== 0)
		throw new FoundryUnavailableError(
			`${binary} (from ${source}) does not run: ${result.error?.message ?? result.stderr.trim()}`
		);
	if (version && !result.stdout.includes(`Version: ${version}`))
		throw new FoundryUnavailableError(
			`${binary} reports "${result.stdout.split('\n')[0]}", expected ${version}. Delete ${foundryPrefix} and retry.`
		);
}

function executable(tool: Tool): string {
	return process.platform === 'win32' ? `${tool}.exe` : tool;
}
