// Runs forge inside the Foundry project (contracts/), streaming its output, and reports its exit code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { ensureFoundry } from './foundryBinaries.ts';
import { contractsDir } from '../paths.ts';

/** Options for {@link runForge}. */
export type RunForgeOptions = {
	/** Where forge's output goes: the terminal (default) or nowhere. */
	stdio?: 'inherit' | 'ignore';
	/** Stops forge early (it gets SIGTERM). */
	signal?: AbortSignal;
};

/**
 * Runs `forge <args>` with contracts/ as working directory, installing Foundry first if needed.
 * Resolves to forge's exit code (128 + signal number when it was killed by a signal).
 *
 * @example
 * const code = await runForge(['test', '--match-contract', 'OpenVotesTest']);
 */
export async function runForge(args: readonly string[], options: RunForgeOptions = {}): Promise<number> {
	const { forge } = await ensureFoundry();
	return new Promise<number>((resolve, reject) => {
		const child = spawn(forge, args, {
			cwd: contractsDir,
			stdio: ['ignore', options.stdio ?? 'inherit', options.stdio ?? 'inherit'],
			signal: options.signal,
			killSignal: 'SIGTERM'
		});
		child.on('error', (error) => {
			if (error.name !== 'AbortError') reject(error);
		});
		child.on('close', (code, signal) => {
			resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
		});
	});
}
