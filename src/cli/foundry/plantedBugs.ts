// Planted bugs: each fix the contract review asked for, put back one at a time, must make a named test fail.
// A fix whose removal no test notices is not tested, however many tests pass; this is the check that it is.
// Entries live in contracts/test/planted-bugs/*.json; each replaces one exact snippet of a source file with its
// buggy version, runs the named forge test (or Vitest test) and expects it to fail, then restores the file.
import { writeFileSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contractsDir, repoRoot } from '../paths.ts';

/** One planted bug. `test` is a forge `--match-test` regex; `vitest` a Vitest file and `-t` name instead. */
export type PlantedBug = {
	name: string;
	file: string;
	find: string;
	replace: string;
	test?: string;
	vitest?: string;
};

/** What happened to one planted bug. */
export type PlantedBugResult = { name: string; caught: boolean; detail: string };

/** Runs a planted bug's test; resolves to whether at least one test ran and failed (a build error is not a catch). */
export type TestRunner = (bug: PlantedBug) => Promise<{ failed: boolean; summary: string }>;

export const plantedBugsDir = join(contractsDir, 'test/planted-bugs');

/** Every entry of every `*.json` file in `dir`, in file order. Throws on a malformed entry, naming it. */
export async function readPlantedBugs(dir = plantedBugsDir): Promise<PlantedBug[]> {
	const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
	const bugs: PlantedBug[] = [];
	for (const file of files) {
		const entries: unknown = JSON.parse(await readFile(join(dir, file), 'utf8'));
		if (!Array.isArray(entries)) throw new Error(`${file}: expected an array of planted bugs`);
		for (const [i, entry] of entries.entries()) {
			const bug = entry as Partial<PlantedBug>;
			const where = `${file}[${i}]${bug.name ? ` (${bug.name})` : ''}`;
			for (const key of ['name', 'file', 'find'] as const) {
				if (typeof bug[key] !== 'string' || bug[key] === '') throw new Error(`${where}: "${key}" must be a non-empty string`);
			}
			// An empty replacement is a deleted check, which is a bug like any other.
			if (typeof bug.replace !== 'string') throw new Error(`${where}: "replace" must be a string`);
			if (!bug.test === !bug.vitest) throw new Error(`${where}: give exactly one of "test" (forge) or "vitest"`);
			bugs.push(bug as PlantedBug);
		}
	}
	return bugs;
}

/**
 * Plants each bug in turn, runs its test and restores the file, whatever happens (the original text is written back
 * in `finally`, and on SIGINT/SIGTERM). A bug is caught when the snippet is found exactly once and the test fails.
 */
export async function checkPlantedBugs(
	bugs: readonly PlantedBug[],
	runTest: TestRunner,
	log: (line: string) => void = console.log
): Promise<PlantedBugResult[]> {
	const results: PlantedBugResult[] = [];
	for (const bug of bugs) {
		const path = join(repoRoot, bug.file);
		const original = await readFile(path, 'utf8');
		const occurrences = original.split(bug.find).length - 1;
		if (occurrences !== 1) {
			results.push({ name: bug.name, caught: false, detail: `the fixed snippet occurs ${occurrences} times in ${bug.file}, not once` });
			continue;
		}
		const restore = () => writeFileSyncQuiet(path, original);
		process.once('SIGINT', restore).once('SIGTERM', restore);
		try {
			await writeFile(path, original.replace(bug.find, bug.replace));
			log(`planted: ${bug.name} (${bug.file})`);
			const { failed, summary } = await runTest(bug);
			results.push({
				name: bug.name,
				caught: failed,
				detail: failed ? `caught by ${bug.test ?? bug.vitest}: ${summary}` : `not caught by ${bug.test ?? bug.vitest}: ${summary}`
			});
		} finally {
			await writeFile(path, original);
			process.off('SIGINT', restore).off('SIGTERM', restore);
		}
	}
	return results;
}

function writeFileSyncQuiet(path: string, text: string) {
	// A signal arrived mid-run: put the fixed file back synchronously before the process goes.
	writeFileSync(path, text);
	process.exit(130);
}
