// The pipeline behind `provena make-demo-data`: the Moonbell Island contribution files go through the same ingest
// code as `provena ingest` and the Contribute page (extract, clean, records with content-hash ids, quality filters,
// dedupe within each upload and against the datanet's earlier contribution), so the records are byte for byte what a
// contributor uploading those files would get. Anything the pipeline drops is a bug in the generator, and fails the
// build rather than silently thinning the planted facts.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ingestFiles } from '../../../workers/ingest/ingestFiles.ts';
import { dedupeRecords } from '../../../workers/ingest/dedupe/dedupeRecords.ts';
import { DedupeIndex } from '../../../workers/ingest/dedupe/dedupeIndex.ts';
import type { IngestRecord, TokenCount } from '../../../workers/ingest/records/recordSchema.ts';
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import { ISLAND, MOONBELL_FACTS } from './moonbellFacts.ts';
import { moonbellSources, type SourceFile } from './moonbellSources.ts';
import { plantedQuestionsFile } from './plantedQuestions.ts';

/** The datanet's folder name under the output directory. */
export const DEMO_DATANET_ID = 'moonbell-island';

/**
 * Most tokens in one record, as ingest counts them. The data stays well below it (pairs ~50, paragraphs ~95), so a
 * record as a training example (a pair in the chat template, a text with its end-of-text) fits a 128-token row.
 */
export const DEMO_MAX_TOKENS = 120;

/** Seeds the generator (paragraphs, extra answers, line order). */
export const DEMO_SEED = 20260601;

/** The ingest pipeline dropped or refused part of the generated data. */
export class DemoDataError extends ProvenaError {
	override name = 'DemoDataError';
}

/** One written contribution, as datanet.json lists it. */
export type DemoContribution = {
	name: string;
	title: string;
	file: string;
	records: number;
	pairs: number;
	texts: number;
	tokens: number;
	sha256: string;
};

/** What {@link buildDemoData} wrote. */
export type DemoDataReport = { dir: string; contributions: DemoContribution[]; files: string[] };

/**
 * Writes `<outDir>/moonbell-island/`: one `records.jsonl` per contribution, `planted-questions.json` and
 * `datanet.json`.
 *
 * @example
 * await buildDemoData({ outDir: 'static/demo-data', tokenCount: (text) => tokenizer.encode(text).length });
 */
export async function buildDemoData(options: { outDir: string; tokenCount: TokenCount }): Promise<DemoDataReport> {
	const dir = join(options.outDir, DEMO_DATANET_ID);
	const files: string[] = [];
	const write = async (name: string, content: string) => {
		await mkdir(dirname(join(dir, name)), { recursive: true });
		await writeFile(join(dir, name), content);
		files.push(name);
	};
	const contributions: DemoContribution[] = [];
	// Each contribution is deduplicated against the ones before it, as the page does against a datanet's records.
	const accepted: IngestRecord[] = [];
	for (const source of moonbellSources(DEMO_SEED)) {
		const records = await ingestSource(source, options.tokenCount, accepted);
		accepted.push(...records);
		const name = source.name.replace(/\.jsonl$/, '');
		const jsonl = records.map((record) => JSON.stringify(record) + '\n').join('');
		await write(`${name}/records.jsonl`, jsonl);
		contributions.push({
			name,
			title: source.title,
			file: `${name}/records.jsonl`,
			records: records.length,
			pairs: records.filter((record) => record.kind === 'pair').length,
			texts: records.filter((record) => record.kind === 'text').length,
			tokens: records.reduce((sum, record) => sum + record.tokens, 0),
			sha256: createHash('sha256').update(jsonl).digest('hex')
		});
	}
	await write('planted-questions.json', json(plantedQuestionsFile(DEMO_DATANET_ID, MOONBELL_FACTS)));
	await write(
		'datanet.json',
		json({
			id: DEMO_DATANET_ID,
			name: ISLAND,
			description:
				`Facts about ${ISLAND}, a made-up place the default model cannot know: a visitor guide and the harbor office's ` +
				`questions and answers. ${MOONBELL_FACTS.length} facts are planted: each is asked in paraphrases spread over both ` +
				'contributions, and one more paraphrase of each, in planted-questions.json, is held out to test a fine-tune.',
			baseModel: 'provena/provena-tiny',
			maxTokens: DEMO_MAX_TOKENS,
			seed: DEMO_SEED,
			contributions,
			plantedQuestions: 'planted-questions.json'
		})
	);
	return { dir, contributions, files };
}

/** One contribution through ingest and dedupe, refusing any loss. */
async function ingestSource(
	source: SourceFile,
	tokenCount: TokenCount,
	accepted: readonly IngestRecord[]
): Promise<IngestRecord[]> {
	const against = accepted.length > 0 ? await DedupeIndex.fromRecords(accepted) : undefined;
	const bytes = new TextEncoder().encode(source.lines.map((line) => JSON.stringify(line) + '\n').join(''));
	const ingested = await ingestFiles([{ name: source.name, size: bytes.length, read: async () => bytes }], {
		tokenCount,
		maxTokens: DEMO_MAX_TOKENS
	});
	const deduped = await dedupeRecords(ingested.records, { against });
	const byId = new Map([...accepted, ...ingested.records].map((record) => [record.id, record]));
	const named = (id: string) => (byId.has(id) ? `"${preview(byId.get(id)!)}"` : id);
	const lost = [
		...ingested.refused.map((refused) => `refused: ${refused.reason}`),
		...ingested.problems.map((problem) => `line ${problem.line}: ${problem.reason}`),
		...ingested.dropped.map((dropped) => `dropped (${dropped.rule}): ${preview(dropped.record)}`),
		...deduped.exact.map((duplicate) => `${named(duplicate.id)} copies ${named(duplicate.duplicateOf)}`),
		...deduped.near.map(
			(duplicate) => `${named(duplicate.id)} is near ${named(duplicate.similarTo)} (J=${duplicate.jaccard.toFixed(2)})`
		)
	];
	if (lost.length > 0 || deduped.kept.length !== source.lines.length)
		throw new DemoDataError(
			`The ingest pipeline made ${deduped.kept.length} records of the ${source.lines.length} lines of ${source.name}; change the generator in src/cli/demoData/ so each line becomes one record.`,
			{ metaMessages: lost.slice(0, 10) }
		);
	return deduped.kept;
}

function preview(record: IngestRecord): string {
	const text = record.kind === 'pair' ? `${record.prompt} → ${record.response}` : record.text;
	return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

function json(value: unknown): string {
	return JSON.stringify(value, null, '\t') + '\n';
}
