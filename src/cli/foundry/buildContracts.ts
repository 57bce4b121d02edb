// Compiles the contracts with forge (solc-js behind contracts/tools/solc.mjs), leaving the artifacts
// (ABI + bytecode per contract) in contracts/out/ for the deploy script and the ABI generator.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runForge, type RunForgeOptions } from './runForge.ts';
import { artifactsDir, contractsDir } from '../paths.ts';

/** Options for {@link buildContracts}. */
export type BuildContractsOptions = RunForgeOptions & {
	/** Recompile everything, ignoring forge's cache. */
	force?: boolean;
};

/** `forge build` exited with an error; its output has already been shown. */
export class ContractsBuildError extends Error {
	override name = 'ContractsBuildError';
	readonly exitCode: number;
	constructor(exitCode: number) {
		super(`forge build failed (exit ${exitCode}); fix the compiler errors above and run it again.`);
		this.exitCode = exitCode;
	}
}

/**
 * Builds contracts/ with forge, sources and tests alike. Throws {@link ContractsBuildError} on failure.
 *
 * @example
 * await buildContracts();           // incremental
 * await buildContracts({ force: true });
 */
export async function buildContracts(options: BuildContractsOptions = {}): Promise<void> {
	const { force, ...runOptions } = options;
	const code = await runForge(['build', ...(force ? ['--force'] : [])], runOptions);
	if (code !== 0) throw new ContractsBuildError(code);
}

/**
 * True when an artifact of `contracts` is missing or older than a source file in contracts/src, i.e. a
 * deploy would use bytecode that does not match the code.
 */
export function artifactsAreStale(contracts: readonly string[]): boolean {
	const artifactTimes = contracts.map((name) => modifiedAt(join(artifactsDir, `${name}.sol`, `${name}.json`)));
	if (artifactTimes.some((time) => time === undefined)) return true;
	const oldestArtifact = Math.min(...(artifactTimes as number[]));
	const sources = readdirSync(join(contractsDir, 'src'), { recursive: true, encoding: 'utf8' });
	return sources.some((file) => (modifiedAt(join(contractsDir, 'src', file)) ?? 0) > oldestArtifact);
}

function modifiedAt(path: string): number | undefined {
	try {
		return statSync(path).mtimeMs;
	} catch {
		return undefined;
	}
}
