#!/usr/bin/env node
// The `provena` command line: one entry point whose subcommands call the same plain-TypeScript code the
// app and its workers use. Each subcommand lives in its own module under commands/ and is loaded lazily,
// so `provena --help` stays instant and a broken optional dependency only breaks its own command.
import { commands, type CommandName } from './commands/index.ts';
import { CliUsageError } from './args.ts';

const usage = `provena — Datanets, ModelFactory, OpenLoRA and Proof of Attribution, from the command line.

Usage: provena <command> [options]

Commands:
${Object.entries(commands)
	.map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
	.join('\n')}

Run "provena <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		console.log(usage);
		return 0;
	}
	if (name === '--version' || name === '-v') {
		const { default: pkg } = await import('../../package.json', { with: { type: 'json' } });
		console.log(pkg.version);
		return 0;
	}
	if (!(name in commands)) {
		console.error(`provena: unknown command "${name}".\n\n${usage}`);
		return 2;
	}
	const command = commands[name as CommandName];
	const module = await command.load();
	try {
		return await module.run(rest);
	} catch (error) {
		if (error instanceof CliUsageError) {
			console.error(`provena ${name}: ${error.message}\n\n${module.help}`);
			return 2;
		}
		throw error;
	}
}

process.exitCode = await main(process.argv.slice(2));
