// `provena test` (npm test): every suite in order — contracts build and typed ABIs (everything else needs
// them), type check, unit tests, forge tests, end-to-end tests — then one summary. Fails if any suite fails.
import { spawn } from 'node:child_process';
import { parseCommandArgs } from '../args.ts';
import { contractsDir, repoRoot } from '../paths.ts';
import { buildContracts } from '../foundry/buildContracts.ts';
import { generateAbis } from '../foundry/generateAbis.ts';
import { ensureFoundry } from '../foundry/foundryBinaries.ts';

export const help = `provena test — run every test

Usage: provena test [--only check,unit,forge,planted-bugs,e2e]

Suites: check (svelte-check, strict TypeScript), unit (Vitest in Node), forge (contracts: unit, fuzz,
invariant), planted-bugs (each bug the contract review found, put back, must fail its test), e2e
(Playwright in the system's Chromium with WebGPU, against its own devnet).`;

const suites = {
	check: ['node_modules/@sveltejs/kit/svelte-kit.js', 'sync'],
	unit: ['node_modules/vitest/vitest.mjs', 'run'],
	forge: [],
	'planted-bugs': [],
	e2e: ['node_modules/@playwright/test/cli.js', 'test']
} as const;

type Suite = keyof typeof suites;

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommandArgs(argv, { only: { type: 'string' } });
	if (!parsed) return (console.log(help), 0);
	const chosen = (parsed.values.only?.split(',') ?? Object.keys(suites)) as Suite[];

	const results: { suite: string; ok: boolean; seconds: number }[] = [];
	const timed = async (suite: string, fn: () => Promise<boolean>) => {
		const started = Date.now();
		console.log(`\n━━ ${suite} ━━`);
		let ok = false;
		try {
			ok = await fn();
		} catch (error) {
			console.error(error instanceof Error ? error.message : error);
		}
		results.push({ suite, ok, seconds: (Date.now() - started) / 1000 });
		return ok;
	};

	const prepared = await timed('contracts + typed ABIs', async () => {
		await buildContracts();
		await generateAbis();
		return true;
	});
	if (prepared) {
		for (const suite of chosen) {
			await timed(suite, async () => {
				if (suite === 'check') {
					return (await exec(process.execPath, [...suites.check])) && (await exec(process.execPath, ['node_modules/svelte-check/bin/svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings']));
				}
				if (suite === 'forge') return exec((await ensureFoundry()).forge, ['test'], contractsDir);
				if (suite === 'planted-bugs') return exec(process.execPath, ['src/cli/provena.ts', 'contracts', 'planted-bugs']);
				return exec(process.execPath, [...suites[suite]]);
			});
		}
	}

	console.log('\n━━ summary ━━');
	for (const r of results) console.log(`${r.ok ? 'pass' : 'FAIL'}  ${r.suite.padEnd(24)} ${r.seconds.toFixed(1)} s`);
	const failed = results.filter((r) => !r.ok).length;
	console.log(`${results.length - failed} passed, ${failed} failed`);
	return failed ? 1 : 0;
}

function exec(command: string, args: string[], cwd = repoRoot): Promise<boolean> {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd, stdio: 'inherit', env: process.env });
		child.once('exit', (code) => resolve(code === 0));
		child.once('error', (error) => {
			console.error(error.message);
			resolve(false);
		});
	});
}
