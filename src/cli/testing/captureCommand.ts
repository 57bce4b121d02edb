// Runs a CLI command in-process for a test, capturing what it prints (console.log and process.stdout.write as
// stdout, console.error as stderr), so every command's tests read its output the same way.
import { vi } from 'vitest';

/** What a command printed, and its exit code. */
export type CapturedRun = { code: number; stdout: string; stderr: string };

/**
 * Calls `run(argv)` with its output captured.
 *
 * @example
 * const { code, stderr } = await captureCommand(run, ['a.txt', '--out', dir]);
 */
export async function captureCommand(run: (argv: string[]) => Promise<number>, argv: string[]): Promise<CapturedRun> {
	let stdout = '';
	let stderr = '';
	vi.spyOn(console, 'log').mockImplementation((...parts) => void (stdout += parts.join(' ') + '\n'));
	vi.spyOn(console, 'error').mockImplementation((...parts) => void (stderr += parts.join(' ') + '\n'));
	vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
	try {
		const code = await run(argv);
		return { code, stdout, stderr };
	} finally {
		vi.restoreAllMocks();
	}
}
