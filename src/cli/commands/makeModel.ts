// `provena make-model [--out DIR] [--quick]`: builds the default model and its demo adapters from the project's
// own corpus (src/cli/defaultModel/), deterministically, with progress on stderr. --quick runs a few steps on a
// little text, for tests of the pipeline.
import { dirname, join, resolve } from 'node:path';
import { CliUsageError, parseCommandArgs } from '../args.ts';
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import { initJaxWasm } from '../../../workers/ml/training/initJaxWasm.ts';
import { buildDefaultModel } from '../defaultModel/buildDefaultModel.ts';
import { BUILD_SETTINGS, QUICK_SETTINGS } from '../defaultModel/settings.ts';

export const DEFAULT_OUT = 'static/models/provena-tiny';

export const help = `Usage: provena make-model [--out <dir>] [--quick]

Build Provena's default model (a tiny Llama in Hugging Face format) and its demo LoRA adapters: generate the
corpus, train the tokenizer, pre-train with the jax-js trainer on the CPU, fine-tune one adapter per demo
dataset, and write the model card, manifest.json and the Models page index (index.json beside <dir>).
The same code writes the same bytes. The full run takes about 25 minutes on two idle cores.

Options:
  --out <dir>    where to write the model (default ${DEFAULT_OUT})
  --quick        a few steps on a little text (seconds), for tests
  -h, --help     show this help`;

/**
 * Runs `provena make-model`; resolves to the exit code.
 *
 * @example
 * await run(['--out', '/tmp/tiny', '--quick']);
 */
export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommandArgs(argv, { out: { type: 'string' }, quick: { type: 'boolean' } });
	if (!parsed) {
		console.log(help);
		return 0;
	}
	if (parsed.positionals.length > 0) throw new CliUsageError(`unexpected argument "${parsed.positionals[0]}".`);
	const outDir = resolve(parsed.values.out ?? DEFAULT_OUT);
	const started = performance.now();
	try {
		await initJaxWasm();
		const report = await buildDefaultModel({
			outDir,
			indexFile: join(dirname(outDir), 'index.json'),
			settings: parsed.values.quick ? QUICK_SETTINGS : BUILD_SETTINGS,
			log: (line) => console.error(line)
		});
		console.error(
			`make-model: wrote ${Object.keys(report.files).length + 1} files to ${outDir} in ${((performance.now() - started) / 1000).toFixed(0)} s`
		);
		return 0;
	} catch (error) {
		console.error(`provena make-model: ${error instanceof ProvenaError ? error.shortMessage : String(error)}`);
		if (!(error instanceof ProvenaError) && error instanceof Error && error.stack) console.error(error.stack);
		return 1;
	}
}
