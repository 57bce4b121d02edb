// `provena bench` (npm run bench): runs the benchmark suites, prints a table per suite and writes each
// report as JSON. Benchmarks measure; they never fail on a number (tests never assert timings).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { CliUsageError, parseCommandArgs } from '../args.ts';
import { formatReport } from '../bench/formatReport.ts';
import { benchSuites, type BenchSuiteName } from '../bench/suites.ts';
import { artifactsAreStale, buildContracts } from '../foundry/buildContracts.ts';
import { repoRoot } from '../paths.ts';
import { CONTRACT_NAMES } from '../../lib/chain/deployments/types.ts';

export const help = `Usage: provena bench [--only <suite,…>] [--out <dir>]

Run the benchmarks, print a table per suite and write <dir>/<suite>.json (default bench-results/).

Suites:
${Object.entries(benchSuites)
	.map(([name, suite]) => `  ${name.padEnd(14)} ${suite.title}`)
	.join('\n')}`;

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommandArgs(argv, { only: { type: 'string' }, out: { type: 'string' } });
	if (!parsed) return (console.log(help), 0);
	const names = (parsed.values.only?.split(',') ?? Object.keys(benchSuites)) as BenchSuiteName[];
	const unknown = names.filter((name) => !(name in benchSuites));
	if (unknown.length > 0) throw new CliUsageError(`unknown suite "${unknown[0]}" (see provena bench --help).`);
	const outDir = resolve(parsed.values.out ?? join(repoRoot, 'bench-results'));

	if (artifactsAreStale(CONTRACT_NAMES)) {
		console.error('Building contracts…');
		await buildContracts();
	}
	await mkdir(outDir, { recursive: true });
	let failed = 0;
	for (const name of names) {
		const started = Date.now();
		try {
			const report = await benchSuites[name].run((line) => console.error(`  [${name}] ${line}`));
			const file = join(outDir, `${name}.json`);
			await writeFile(file, `${JSON.stringify({ ...report, measuredAt: new Date().toISOString() }, null, 2)}\n`);
			console.log(`\n${formatReport(report)}\n  → ${relative(process.cwd(), file)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		} catch (error) {
			failed += 1;
			console.error(`\nprovena bench ${name}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	return failed === 0 ? 0 : 1;
}
