// Argument parsing for the CLI's subcommands, on Node's own util.parseArgs so every command parses alike.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how a command was called; the entry point prints it with the command's help. */
export class CliUsageError extends Error {
	override name = 'CliUsageError';
}

/** The shape every subcommand module exports. */
export type CommandModule = {
	/** The command's --help text. */
	help: string;
	/** Runs the command and resolves to its exit code. */
	run(argv: string[]): Promise<number>;
};

/**
 * Parses `argv` against `options`, turning parse failures into {@link CliUsageError}.
 * Returns `undefined` when --help was asked for (the caller prints its help and exits 0).
 */
export function parseCommandArgs<const T extends NonNullable<ParseArgsConfig['options']>>(
	argv: string[],
	options: T
) {
	try {
		const parsed = parseArgs({
			args: argv,
			options: { ...options, help: { type: 'boolean', short: 'h' } },
			allowPositionals: true,
			strict: true
		});
		if ((parsed.values as { help?: boolean }).help) return undefined;
		return parsed;
	} catch (error) {
		throw new CliUsageError((error as Error).message);
	}
}
