// Runs one planted bug's test and reads its verdict from the output: a catch is a test that ran and failed,
// never a build error or a pattern that matched nothing (both also exit non-zero).
import { spawn } from 'node:child_process';
import { buildContracts } from './buildContracts.ts';
import { ensureFoundry } from './foundryBinaries.ts';
import { contractsDir, repoRoot } from '../paths.ts';
import type { PlantedBug, TestRunner } from './plantedBugs.ts';

export const runPlantedBugTest: TestRunner = async (bug: PlantedBug) => {
	if (bug.test) {
		const { forge } = await ensureFoundry();
		const output = await capture(forge, ['test', '--match-test', bug.test], contractsDir);
		const match = /(\d+) tests passed, (\d+) failed/.exec(output.text);
		if (!match) return { failed: false, summary: lastLines(output.text) };
		return { failed: Number(match[2]) > 0, summary: match[0] };
	}
	// A forge entry before this one compiled its planted bug into contracts/out; TypeScript tests that deploy read
	// those artifacts, so they are rebuilt from the restored sources first (a stale or buggy artifact would fail the
	// test for a reason that is not the planted bug).
	await buildContracts({ stdio: 'ignore' });
	const [file, ...nameParts] = bug.vitest!.split(' -t ');
	const args = ['node_modules/vitest/vitest.mjs', 'run', file!.trim(), ...(nameParts.length ? ['-t', nameParts.join(' -t ').trim()] : [])];
	const output = await capture(process.execPath, args, repoRoot);
	const failed = /Tests\s+.*?(\d+) failed/.exec(output.text.replace(/\x1b\[[0-9;]*m/g, ''));
	return { failed: Boolean(failed && Number(failed[1]) > 0), summary: failed ? failed[0] : lastLines(output.text) };
};

function capture(command: string, args: string[], cwd: string): Promise<{ code: number; text: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env: process.env });
		let text = '';
		child.stdout.on('data', (chunk) => (text += chunk));
		child.stderr.on('data', (chunk) => (text += chunk));
		child.once('error', reject);
		child.once('close', (code) => resolve({ code: code ?? 1, text }));
	});
}

function lastLines(text: string): string {
	return text.trim().split('\n').slice(-3).join(' | ');
}
