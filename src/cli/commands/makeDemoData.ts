// `provena make-demo-data [--out DIR]`: writes the demo datanet ModelFactory's tests, bench and first-run tutorial
// train on (Moonbell Island, src/cli/demoData/), deterministically, through the real ingest pipeline.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliUsageError, parseCommandArgs } from '../args.ts';
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import { buildDemoData, DEMO_DATANET_ID, DEMO_MAX_TOKENS } from '../demoData/buildDemoData.ts';
import { readModelTokenizer } from '../demoData/readModelTokenizer.ts';

export const DEFAULT_OUT = 'static/demo-data';

/** The default model, whose tokenizer measures the records (found beside this package, not in the working directory). */
const DEFAULT_MODEL = fileURLToPath(new URL('../../../static/models/provena-tiny', import.meta.url));

export const help = `Usage: provena make-demo-data [--out <dir>]

Write the demo datanet "${DEMO_DATANET_ID}": facts about a made-up island that the default model cannot know, as
two contributions of prompt/response pairs and short text records (at most ${DEMO_MAX_TOKENS} tokens each), made by
the same ingest pipeline as \`provena ingest\`. Twelve facts are planted: each is asked in paraphrases spread over
both contributions, and one more paraphrase of each is held out, with its answer's keywords, to score a fine-tune.
The same code writes the same bytes.

Writes <dir>/${DEMO_DATANET_ID}/:
  island-guide/records.jsonl, harbor-office-faq/records.jsonl   the two contributions' records
  planted-questions.json   the held-out questions, their keywords and the paraphrases that trained
  datanet.json             name, description, and each contribution's counts and sha-256

Options:
  --out <dir>    where to write (default ${DEFAULT_OUT})
  -h, --help     show this help`;

/**
 * Runs `provena make-demo-data`; resolves to the exit code.
 *
 * @example
 * await run(['--out', '/tmp/demo-data']);
 */
export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommandArgs(argv, { out: { type: 'string' } });
	if (!parsed) {
		console.log(help);
		return 0;
	}
	if (parsed.positionals.length > 0) throw new CliUsageError(`unexpected argument "${parsed.positionals[0]}".`);
	try {
		const tokenizer = await readModelTokenizer(DEFAULT_MODEL);
		const report = await buildDemoData({
			outDir: resolve(parsed.values.out ?? DEFAULT_OUT),
			tokenCount: (text) => tokenizer.encode(text).length
		});
		for (const c of report.contributions)
			console.log(`${c.file}: ${c.records} records (${c.pairs} pairs, ${c.texts} texts), ${c.tokens} tokens`);
		console.log(`make-demo-data: wrote ${report.files.length} files to ${report.dir}`);
		return 0;
	} catch (error) {
		console.error(`provena make-demo-data: ${error instanceof ProvenaError ? error.message : String(error)}`);
		return 1;
	}
}
