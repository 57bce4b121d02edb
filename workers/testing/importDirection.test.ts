// The import-direction checker on small fixtures: each kind of import that breaks the rule is found at its line,
// and imports that keep it pass. Without this, the tree test below could pass because the checker finds nothing.
import { describe, expect, it } from 'vitest';
import { describeViolations, findImportViolations } from './importDirection.ts';

const root = '/repo';
const check = (text: string, file = 'workers/ml/a.ts') => findImportViolations([{ path: file, text }], { root });

describe('findImportViolations', () => {
	it('finds every form of import that lands in src/, at its line', () => {
		const text = [
			"import { ok } from '../shared/ok.ts';",
			"import type { Helia } from '../../src/lib/ipfs/browserNode.ts';",
			"export { x } from '../../src/lib/x.ts';",
			'const reader = await import("../../src/lib/ipfs/unixfsModelReader.ts");',
			"import Worker from '../../src/lib/w.ts?worker';",
			"const wasm = new URL('../../src/assets/a.wasm', import.meta.url);",
			"import '../../src/side.ts';"
		].join('\n');
		const violations = check(text);
		expect(violations.map((v) => [v.line, v.specifier])).toEqual([
			[2, '../../src/lib/ipfs/browserNode.ts'],
			[3, '../../src/lib/x.ts'],
			[4, '../../src/lib/ipfs/unixfsModelReader.ts'],
			[5, '../../src/lib/w.ts?worker'],
			[7, '../../src/side.ts'],
			[6, '../../src/assets/a.wasm']
		]);
		expect(violations[0]!.reason).toBe('lands in src/lib/ipfs/browserNode.ts');
		expect(describeViolations(violations)).toContain("workers/ml/a.ts:2 imports '../../src/lib/ipfs/browserNode.ts'");
	});

	it("finds SvelteKit's app aliases, Svelte and .svelte files", () => {
		const text = [
			"import { base } from '$app/paths';",
			"import { x } from '$lib/x.ts';",
			"import { writable } from 'svelte/store';",
			"import Card from './Card.svelte';",
			"import { error } from '@sveltejs/kit';"
		].join('\n');
		expect(check(text).map((v) => v.line)).toEqual([1, 2, 3, 4, 5]);
	});

	it('passes imports within workers/, packages and the $workers alias', () => {
		const text = [
			"import { ProvenaError } from '../shared/errors/ProvenaError.ts';",
			"import * as ort from 'onnxruntime-web/webgpu';",
			"import wasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';",
			"import { y } from '$workers/ml/y.ts';",
			"import { srcMap } from './src/helper.ts';", // a folder called src inside workers/ is not the app
			"import { sveltish } from 'svelte-like-package';"
		].join('\n');
		expect(check(text)).toEqual([]);
	});
});
