// The span half of the `attribution` bench, in Node: suffix-array build speed against Debian's libdivsufsort on the
// same token bytes (two big-endian bytes a token, infini-gram's encoding; our SA-IS sorts the tokens themselves), and
// the attribution of a 256-token answer through a chunked index, with how much of the index it had to read (the
// chunks its searches walked through, against the whole index; the manifest and tables it opens, apart).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suffixArrayBuild } from '../../../workers/bench/attributionCosts.ts';
import type { BenchRow } from './types.ts';

const HARNESS_SOURCE = join(import.meta.dirname, 'native/divsufsortBench.c');

/** libdivsufsort's harness, compiled once here; undefined (and why) where the library or a compiler is missing. */
function buildHarness(dir: string): { path?: string; missing?: string } {
	if (!existsSync('/usr/include/divsufsort.h') && !existsSync('/usr/include/x86_64-linux-gnu/divsufsort.h'))
		return { missing: 'libdivsufsort is not installed (apt-get install libdivsufsort-dev)' };
	const path = join(dir, 'divsufsortBench');
	try {
		execFileSync('cc', ['-O2', '-o', path, HARNESS_SOURCE, '-ldivsufsort'], { stdio: 'pipe' });
		return { path };
	} catch (error) {
		return { missing: `the harness did not compile: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}` };
	}
}

/** Rows for suffix-array builds at each size; each size is built by both, and the orders compared. */
export function suffixArrayRows(
	sizes: readonly number[],
	log: (line: string) => void
): { rows: BenchRow[]; notes: string[] } {
	const rows: BenchRow[] = [];
	const notes: string[] = [];
	const dir = mkdtempSync(join(tmpdir(), 'provena-sa-'));
	try {
		const harness = buildHarness(dir);
		if (harness.missing) notes.push(`libdivsufsort skipped: ${harness.missing}.`);
		for (const size of sizes) {
			log(`suffix array of ${size.toLocaleString('en')} tokens…`);
			const { tokens, order: ours, row } = suffixArrayBuild(size);
			const oursMs = row.details!['ms'] as number;
			rows.push(row);
			if (!harness.path) continue;
			const bytes = new Uint8Array(size * 2);
			for (let i = 0; i < size; i++) {
				bytes[2 * i] = tokens[i]! >>> 8;
				bytes[2 * i + 1] = tokens[i]! & 0xff;
			}
			writeFileSync(join(dir, 'in.bin'), bytes);
			const theirsMs = Number(
				execFileSync(harness.path, [join(dir, 'in.bin'), join(dir, 'sa.bin')], { encoding: 'utf8' }).trim()
			);
			const raw = readFileSync(join(dir, 'sa.bin'));
			const theirs = new Int32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
			// The byte suffixes at even offsets are the token suffixes, in the same order.
			let same = true;
			for (let i = 0, r = 0; i < theirs.length && same; i++)
				if (theirs[i]! % 2 === 0) same = theirs[i]! / 2 === ours[r++]!;
			rows.push({
				name: `libdivsufsort (C, on 2 bytes a token), ${size.toExponential(0)} tokens`,
				value: Math.round(size / (theirsMs / 1000)),
				unit: 'tokens/s',
				details: { ms: theirsMs, sameOrder: same }
			});
			rows.push({
				name: `SA-IS time ÷ libdivsufsort time, ${size.toExponential(0)} tokens`,
				value: Number((oursMs / theirsMs).toFixed(2)),
				unit: '×'
			});
			if (!same) notes.push(`At ${size} tokens our suffix array and libdivsufsort's differ: a bug to chase.`);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	return { rows, notes };
}

export { spanQueryRows, zipfTokens } from '../../../workers/bench/attributionCosts.ts';
