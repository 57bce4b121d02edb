import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths.ts';
import { checkPlantedBugs, readPlantedBugs, type PlantedBug } from './plantedBugs.ts';

async function scratchFile(text: string): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'planted-'));
	const path = join(dir, 'Fixed.sol');
	await writeFile(path, text);
	return path;
}

describe('checkPlantedBugs', () => {
	it('plants the bug while the test runs, restores the file after, and counts a failing test as a catch', async () => {
		const path = await scratchFile('uint256 cap = 1 << 28;\n');
		const bug: PlantedBug = { name: 'cap', file: relative(repoRoot, path), find: '1 << 28', replace: '2 ** 32', test: 'x' };
		const seen: string[] = [];
		const results = await checkPlantedBugs(
			[bug],
			async () => {
				seen.push(await readFile(path, 'utf8'));
				return { failed: true, summary: '0 tests passed, 1 failed' };
			},
			() => {}
		);
		expect(seen).toEqual(['uint256 cap = 2 ** 32;\n']);
		expect(await readFile(path, 'utf8')).toBe('uint256 cap = 1 << 28;\n');
		expect(results).toEqual([{ name: 'cap', caught: true, detail: 'caught by x: 0 tests passed, 1 failed' }]);
	});

	it('reports a bug no test notices, a snippet that is not there once, and restores the file when the runner throws', async () => {
		const path = await scratchFile('a a b\n');
		const file = relative(repoRoot, path);
		const missed = await checkPlantedBugs(
			[
				{ name: 'unnoticed', file, find: 'b', replace: 'c', test: 't' },
				{ name: 'twice', file, find: 'a', replace: 'c', test: 't' }
			],
			async () => ({ failed: false, summary: '3 tests passed, 0 failed' }),
			() => {}
		);
		expect(missed.map((r) => [r.name, r.caught])).toEqual([
			['unnoticed', false],
			['twice', false]
		]);
		expect(missed[1]!.detail).toContain('occurs 2 times');
		await expect(
			checkPlantedBugs([{ name: 'boom', file, find: 'b', replace: 'c', test: 't' }], async () => Promise.reject(new Error('runner died')), () => {})
		).rejects.toThrow('runner died');
		expect(await readFile(path, 'utf8')).toBe('a a b\n');
	});

	it('refuses malformed entries, naming them', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'planted-dir-'));
		await mkdir(dir, { recursive: true });
		await writeFile(join(dir, 'bad.json'), JSON.stringify([{ name: 'no test', file: 'f', find: 'a', replace: 'b' }]));
		await expect(readPlantedBugs(dir)).rejects.toThrow('bad.json[0] (no test): give exactly one of "test" (forge) or "vitest"');
	});

	it("reads the project's planted bugs: every entry names its file, snippet and test", async () => {
		const bugs = await readPlantedBugs();
		expect(bugs.length).toBeGreaterThan(0);
		for (const bug of bugs) {
			const source = await readFile(join(repoRoot, bug.file), 'utf8');
			expect(source.split(bug.find).length - 1, `${bug.name}: the fixed snippet occurs once in ${bug.file}`).toBe(1);
		}
	});
});
