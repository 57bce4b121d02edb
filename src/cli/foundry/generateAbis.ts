// Regenerates src/lib/chain/abis.ts (typed `as const` ABIs for viem/wagmi) from the forge artifacts in
// contracts/out, with @wagmi/cli and contracts/wagmi.config.ts. ABIs are never copied by hand.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { abisFile, artifactsDir, repoRoot } from '../paths.ts';

/** @wagmi/cli failed or did not write the ABI file. */
export class AbiGenerationError extends Error {
	override name = 'AbiGenerationError';
}

/** Options for {@link generateAbis}. */
export type GenerateAbisOptions = {
	/** Hide wagmi's progress output (it is still shown when wagmi fails). */
	quiet?: boolean;
	/** Regenerate even when abis.ts is newer than every artifact. */
	force?: boolean;
};

/** Whether abis.ts exists and no forge artifact has changed since it was written. */
export function abisAreCurrent(): boolean {
	if (!existsSync(abisFile) || !existsSync(artifactsDir)) return false;
	const written = statSync(abisFile).mtimeMs;
	const artifacts = readdirSync(artifactsDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json'));
	return artifacts.every((file) => statSync(join(artifactsDir, file)).mtimeMs <= written);
}

/**
 * Runs `wagmi generate --config contracts/wagmi.config.ts` (on the project's Node 24 when installed) and
 * checks that it wrote src/lib/chain/abis.ts; skipped when the file is newer than every artifact. Build the
 * contracts first. Resolves to the file's path.
 *
 * @example
 * await buildContracts();
 * await generateAbis(); // src/lib/chain/abis.ts now exports openVotesAbi
 */
export async function generateAbis(options: GenerateAbisOptions = {}): Promise<string> {
	// Rewriting an unchanged file would also race anything importing it meanwhile (parallel unit tests).
	if (!options.force && abisAreCurrent()) return abisFile;
	const startedAt = Date.now();
	const projectNode = join(repoRoot, 'node_modules/.bin/node');
	const node = existsSync(projectNode) ? projectNode : process.execPath;
	const wagmi = join(repoRoot, 'node_modules/.bin/wagmi');
	const args = [
		// The foundry plugin probes `forge config` with `shell: true`, which Node 24 flags as deprecated.
		'--disable-warning=DEP0190',
		wagmi,
		'generate',
		'--config',
		'contracts/wagmi.config.ts'
	];
	const quiet = options.quiet ?? false;
	const output: Buffer[] = [];
	const code = await new Promise<number>((resolve, reject) => {
		const stdio = quiet ? 'pipe' : 'inherit';
		const child = spawn(node, args, { cwd: repoRoot, stdio: ['ignore', stdio, stdio] });
		child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
		child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
		child.on('error', reject);
		child.on('close', (status) => resolve(status ?? 1));
	});
	// Quiet runs keep wagmi's spinner to themselves unless something went wrong.
	if (code !== 0 && quiet) process.stderr.write(Buffer.concat(output));
	if (code !== 0) throw new AbiGenerationError(`wagmi generate failed (exit ${code}); see its output above.`);
	if (!existsSync(abisFile) || statSync(abisFile).mtimeMs < startedAt - 1000)
		throw new AbiGenerationError(`wagmi generate exited cleanly but did not write ${abisFile}.`);
	if (!/export const \w+Abi = \[/.test(readFileSync(abisFile, 'utf8')))
		throw new AbiGenerationError(
			`${abisFile} holds no ABI: are there artifacts in contracts/out? Build the contracts first.`
		);
	return abisFile;
}
