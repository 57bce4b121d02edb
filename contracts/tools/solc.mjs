#!/usr/bin/env node
// A stand-in for the native `solc` binary that forge runs, backed by the npm `solc` package (solc-js, the
// compiler built to WebAssembly). It lets `forge build`/`forge test` work without downloading a compiler:
// foundry.toml names this file as `solc` and sets `offline = true`. It answers the two calls forge makes:
//   solc --version                      → "solc, the solidity compiler commandline interface\nVersion: …"
//   solc [--base-path P] [--include-path P]… [--allow-paths A,B] --standard-json   (JSON on stdin → stdout)
// Plain JavaScript so it runs on whichever Node is on PATH (20 or newer).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const contractsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Parses the flags forge may pass; unknown flags are ignored so a newer forge keeps working. */
function parseFlags(argv) {
	const flags = { version: false, standardJson: false, basePath: undefined, includePaths: [], allowPaths: [] };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
		const value = () => inline ?? argv[++i] ?? '';
		if (name === '--version') flags.version = true;
		else if (name === '--standard-json') flags.standardJson = true;
		else if (name === '--base-path') flags.basePath = value();
		else if (name === '--include-path') flags.includePaths.push(value());
		else if (name === '--allow-paths') flags.allowPaths.push(...value().split(',').filter(Boolean));
	}
	return flags;
}

/**
 * Resolves an import forge did not already put in the input. solc has applied `settings.remappings` before
 * it asks, so the path is tried as given, then against the base path, the include paths, the allowed
 * paths and the contracts folder, like the native compiler's file reader.
 */
function makeImportCallback(flags) {
	const roots = [flags.basePath ?? process.cwd(), ...flags.includePaths, ...flags.allowPaths, contractsDir];
	return (path) => {
		const candidates = isAbsolute(path) ? [path] : roots.map((root) => resolve(root, path));
		for (const file of candidates) {
			try {
				return { contents: readFileSync(file, 'utf8') };
			} catch {
				// try the next root
			}
		}
		return { error: `File not found: ${path} (looked at ${candidates.join(', ')})` };
	};
}

const flags = parseFlags(process.argv.slice(2));
const solc = require('solc');

if (flags.version) {
	const version = solc.version().replace(/\.Emscripten.*$/, '');
	process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${version}\n`);
} else if (flags.standardJson) {
	const input = readFileSync(0, 'utf8');
	process.stdout.write(solc.compile(input, { import: makeImportCallback(flags) }));
} else {
	process.stderr.write('solc.mjs: only --version and --standard-json are supported (this is solc-js for forge).\n');
	process.exitCode = 1;
}
