// Imports run one way, src/ → workers/: no file under workers/ may import from src/ (or through SvelteKit's $lib /
// $app aliases), nor load Svelte. The checker itself is tested on fixtures in testing/importDirection.test.ts.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeViolations, findImportViolations } from './testing/importDirection.ts';

const workersDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(workersDir);

describe('import direction', () => {
	it('no file under workers/ imports from src/ or needs the page', async () => {
		const names = (await readdir(workersDir, { recursive: true })).filter((name) => /\.(ts|js|mjs)$/.test(name));
		expect(names.length).toBeGreaterThan(100); // the scan reached the tree
		const files = await Promise.all(
			names.map(async (name) => ({ path: path.join(workersDir, name), text: await readFile(path.join(workersDir, name), 'utf8') }))
		);
		const violations = findImportViolations(files, { root });
		expect(violations, describeViolations(violations)).toEqual([]);
	});
});
