import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRecordsJsonl, type ContributedRecord } from '../../../workers/ingest/records/parseRecordsJsonl.ts';
import { sha256Hex } from '../../../workers/ingest/records/recordId.ts';
import { recordText } from '../../../workers/ingest/records/recordSchema.ts';
import { captureCommand } from '../testing/captureCommand.ts';
import { baseCorpus } from '../defaultModel/corpus.ts';
import { BUILD_SETTINGS } from '../defaultModel/settings.ts';
import { MOONBELL_FACTS } from '../demoData/moonbellFacts.ts';
import { answerHasKeyword } from '../demoData/plantedAccuracy.ts';
import { readPlantedQuestions } from '../demoData/plantedQuestions.ts';
import { readModelTokenizer } from '../demoData/readModelTokenizer.ts';
import { repoRoot } from '../paths.ts';
import { run } from './makeDemoData.ts';

const root = mkdtempSync(join(tmpdir(), 'provena-demo-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const committed = join(repoRoot, 'static/demo-data/moonbell-island');

function listFiles(dir: string, under = dir): string[] {
	return readdirSync(dir)
		.flatMap((name) => {
			const path = join(dir, name);
			return statSync(path).isDirectory() ? listFiles(path, under) : [relative(under, path)];
		})
		.sort();
}

function contributions(dir: string): { name: string; records: ContributedRecord[] }[] {
	return ['island-guide', 'harbor-office-faq'].map((name) => {
		const { records, badLines } = parseRecordsJsonl(readFileSync(join(dir, name, 'records.jsonl')));
		expect(badLines, name).toBe(0);
		return { name, records };
	});
}

describe('provena make-demo-data', () => {
	it('writes the same bytes on every run, and the committed files are those bytes', async () => {
		for (const out of ['a', 'b']) {
			const { code, stdout } = await captureCommand(run, ['--out', join(root, out)]);
			expect(code).toBe(0);
			expect(stdout).toMatch(/island-guide\/records\.jsonl: \d+ records/);
		}
		const a = join(root, 'a', 'moonbell-island');
		const files = listFiles(a);
		expect(files).toEqual([
			'datanet.json',
			'harbor-office-faq/records.jsonl',
			'island-guide/records.jsonl',
			'planted-questions.json'
		]);
		expect(listFiles(join(root, 'b', 'moonbell-island'))).toEqual(files);
		expect(listFiles(committed)).toEqual(files);
		for (const name of files) {
			expect(readFileSync(join(root, 'b', 'moonbell-island', name)), name).toEqual(readFileSync(join(a, name)));
			expect(readFileSync(join(committed, name)).toString(), `${name} is stale: run provena make-demo-data`).toBe(
				readFileSync(join(a, name)).toString()
			);
		}
	}, 120_000);

	it('writes records that parse, carry their content-hash ids and fit a 128-token training row', async () => {
		const tokenizer = await readModelTokenizer(join(repoRoot, 'static/models/provena-tiny'));
		const datanet = JSON.parse(readFileSync(join(committed, 'datanet.json'), 'utf8'));
		let total = 0;
		for (const [index, { name, records }] of contributions(committed).entries()) {
			expect(datanet.contributions[index]).toMatchObject({ name, records: records.length });
			total += records.length;
			for (const record of records) {
				expect(record.id).toBe(await sha256Hex(recordText(record)));
				expect(record.source?.file).toBe(`${name}.jsonl`);
				const example =
					record.kind === 'pair'
						? tokenizer.encodeChatSpans([
								{ role: 'user', content: record.prompt! },
								{ role: 'assistant', content: record.response! }
							]).messages[1]!.end
						: tokenizer.encode(record.text!).length + 1;
				expect(example, recordText(record)).toBeLessThanOrEqual(128);
			}
			expect(records.filter((record) => record.kind === 'text').length).toBeGreaterThan(20);
		}
		expect(total).toBeGreaterThanOrEqual(200);
		expect(total).toBeLessThanOrEqual(400);
	});

	it('holds each planted question out of the records and trains its fact from both contributions', () => {
		const questions = readPlantedQuestions(JSON.parse(readFileSync(join(committed, 'planted-questions.json'), 'utf8')));
		expect(questions.map((question) => question.id)).toEqual(MOONBELL_FACTS.map((fact) => fact.id));
		const files = contributions(committed);
		const everything = files.flatMap(({ records }) => records.map(recordText)).join('\n');
		// The keywords are words the default model never saw, so a right answer comes from the datanet.
		const corpus = baseCorpus(BUILD_SETTINGS.seed, BUILD_SETTINGS.corpusChars).join('\n').toLowerCase();
		for (const [i, question] of questions.entries()) {
			const fact = MOONBELL_FACTS[i]!;
			expect(everything).not.toContain(question.question);
			for (const keyword of question.keywords) {
				expect(question.question.toLowerCase()).not.toContain(keyword.toLowerCase());
				expect(corpus, keyword).not.toContain(keyword.toLowerCase());
			}
			for (const { name, records } of files) {
				const taught = records.filter(
					(record) =>
						record.kind === 'pair' &&
						fact.questions.includes(record.prompt as never) &&
						answerHasKeyword(record.response!, question.keywords)
				);
				expect(taught.length, `${fact.id} in ${name}`).toBeGreaterThanOrEqual(3);
			}
		}
	});
});
