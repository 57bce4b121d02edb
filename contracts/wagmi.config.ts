// @wagmi/cli configuration: turns the forge artifacts in contracts/out into typed ABIs for the app
// (src/lib/chain/abis.ts, generated and gitignored). Never edit or hand-copy an ABI: rebuild the contracts
// and run `npm run generate:abis` (or `provena deploy`, which does both).
//
// Only contracts whose source lives in contracts/src are exported (OpenZeppelin's and the tests' artifacts
// sit in the same out/ folder). Paths are relative to this file, so the command works from any folder.
import { readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@wagmi/cli';
import { foundry } from '@wagmi/cli/plugins';

const contractsDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(contractsDir);

/** The artifact folders (out/<File>.sol/) of every Solidity file under contracts/src. */
const sourceArtifacts = readdirSync(join(contractsDir, 'src'), { recursive: true, encoding: 'utf8' })
	.filter((file) => file.endsWith('.sol'))
	.map((file) => `${basename(file)}/*.json`);

export default defineConfig({
	// wagmi resolves `out` against the working directory.
	out: relative(process.cwd(), join(repoRoot, 'src/lib/chain/abis.ts')),
	plugins: [
		foundry({
			project: relative(process.cwd(), contractsDir) || '.',
			artifacts: 'out',
			include: sourceArtifacts,
			// provena builds with its own forge (src/cli/foundry); wagmi only reads the artifacts.
			forge: { build: false, rebuild: false, clean: false }
		})
	]
});
