// Where the repository, the Foundry project and its outputs live. Resolved from this file, so the CLI
// behaves the same from any working directory.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder with package.json). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The Foundry project: foundry.toml, src/, test/, the solc shim and the wagmi config. */
export const contractsDir = join(repoRoot, 'contracts');

/** forge's build output: one `<File>.sol/<Contract>.json` artifact per contract. */
export const artifactsDir = join(contractsDir, 'out');

/** The private npm prefix Foundry is installed into on first use (gitignored). */
export const foundryPrefix = join(repoRoot, '.foundry');

/** The typed ABIs @wagmi/cli generates for the app (gitignored). */
export const abisFile = join(repoRoot, 'src/lib/chain/abis.ts');

/** The folder of `<chainId>.json` deployments files the app reads. */
export const deploymentsDir = join(repoRoot, 'src/lib/chain/deployments');
