// The rule that keeps workers/ reusable from a worker, Node and the CLI: imports run one way, src/ → workers/, never
// back. This finds every module specifier of a file (static and type-only imports, `export … from`, dynamic
// `import()`, Vite's `?worker`/`?url` imports, `new URL(…, import.meta.url)` assets) with the TypeScript scanner,
// resolves it, and reports the ones that land in src/ or need Svelte or SvelteKit (which only the page has).
import path from 'node:path';
import ts from 'typescript';

/** One import that breaks the rule, at `file:line`. */
export type ImportViolation = { file: string; line: number; specifier: string; reason: string };

/** A source file to check: its path (absolute, or relative to the root) and its text. */
export type SourceFile = { path: string; text: string };

// SvelteKit's aliases into the app, and the modules only a Svelte page can load.
const APP_ALIASES = ['$lib', '$app', '$env', '$service-worker'];
const PAGE_ONLY_PACKAGES = ['svelte', '@sveltejs/kit'];

/**
 * The imports in `files` that reach into `srcDir` or need the page (an app alias, Svelte, SvelteKit, a .svelte file).
 *
 * @example
 * findImportViolations([{ path: 'workers/a.ts', text: "import x from '../src/lib/x.ts';" }], { root: '/repo' });
 * // [{ file: 'workers/a.ts', line: 1, specifier: '../src/lib/x.ts', reason: 'lands in src/lib/x.ts' }]
 */
export function findImportViolations(
	files: readonly SourceFile[],
	{ root, srcDir = 'src' }: { root: string; srcDir?: string }
): ImportViolation[] {
	const src = path.resolve(root, srcDir);
	const violations: ImportViolation[] = [];
	for (const file of files) {
		const absolute = path.resolve(root, file.path);
		const relativeFile = path.relative(root, absolute);
		for (const { specifier, pos } of moduleSpecifiers(file.text)) {
			const reason = violationOf(specifier, path.dirname(absolute), src, root);
			if (reason) violations.push({ file: relativeFile, line: lineOf(file.text, pos), specifier, reason });
		}
	}
	return violations;
}

/** `file:line imports 'specifier' (reason)`, one line per violation, for a test failure. */
export function describeViolations(violations: readonly ImportViolation[]): string {
	return violations.map((v) => `${v.file}:${v.line} imports '${v.specifier}' (${v.reason})`).join('\n');
}

function moduleSpecifiers(text: string): { specifier: string; pos: number }[] {
	const found = ts.preProcessFile(text, true, true).importedFiles.map((f) => ({ specifier: f.fileName, pos: f.pos }));
	// Assets a worker loads by URL are imports too, though the scanner does not list them; only real code counts
	// (the syntax tree), not text that looks like it inside a string.
	if (!text.includes('import.meta.url')) return found;
	const visit = (node: ts.Node): void => {
		if (
			ts.isNewExpression(node) &&
			ts.isIdentifier(node.expression) &&
			node.expression.text === 'URL' &&
			node.arguments?.length === 2 &&
			ts.isStringLiteralLike(node.arguments[0]!) &&
			node.arguments[1]!.getText() === 'import.meta.url'
		) {
			found.push({ specifier: node.arguments[0].text, pos: node.arguments[0].getStart() });
		}
		ts.forEachChild(node, visit);
	};
	visit(ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, true));
	return found;
}

function violationOf(specifier: string, fromDir: string, src: string, root: string): string | undefined {
	const bare = specifier.replace(/[?#].*$/, '');
	const alias = APP_ALIASES.find((a) => bare === a || bare.startsWith(`${a}/`));
	if (alias) return `${alias} is the app's alias; workers/ must not depend on src/`;
	if (PAGE_ONLY_PACKAGES.some((p) => bare === p || bare.startsWith(`${p}/`))) return `${bare} runs only in the page`;
	if (bare.endsWith('.svelte')) return 'a Svelte component runs only in the page';
	if (!bare.startsWith('.') && !path.isAbsolute(bare)) return undefined; // a package
	const target = path.resolve(fromDir, bare);
	if (target === src || target.startsWith(src + path.sep)) return `lands in ${path.relative(root, target)}`;
	return undefined;
}

function lineOf(text: string, pos: number): number {
	let line = 1;
	for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}
