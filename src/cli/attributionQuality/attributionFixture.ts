// A small adapter with attribution artifacts, and answers to attribute with it: what the Node-against-Chromium
// determinism test and the Chromium half of the `attribution` bench both use. Four planted-fact contributions, a few
// training steps (the integers must agree, whatever the adapter learned), and answers of every kind: facts in other
// words, a control in no contribution, a verbatim training answer and a plain-text (not chat) one.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TextAnswer } from '../../../workers/ml/attribution/attributionSession.ts';
import { run as train } from '../commands/train.ts';
import { plantedFactSet } from './plantedFactSet.ts';

/** The trained folder and the answers. */
export type AttributionFixture = { adapterDir: string; answers: TextAnswer[]; dataFiles: string[] };

/**
 * Writes the planted data under `dir`/data and trains `dir`/adapter with `provena train` (about 20 s on 2 cores).
 *
 * @example
 * const { adapterDir, answers } = await attributionFixture(tmp, 'static/models/provena-tiny');
 */
export async function attributionFixture(dir: string, modelDir: string): Promise<AttributionFixture> {
	const set = plantedFactSet({ count: 4, seed: 5, proseRecords: 3 });
	await mkdir(join(dir, 'data'), { recursive: true });
	const dataFiles: string[] = [];
	for (const c of set.contributions) {
		const path = join(dir, 'data', c.key);
		await writeFile(path, c.records.map((r) => JSON.stringify(r)).join('\n') + '\n');
		dataFiles.push(path);
	}
	const adapterDir = join(dir, 'adapter');
	const code = await train([
		'--model',
		modelDir,
		'--data',
		...dataFiles,
		'--out',
		adapterDir,
		'--steps',
		'6',
		'--batch',
		'4',
		'--max-seq-len',
		'96',
		'--samples',
		'0',
		'--validation-share',
		'0.01'
	]);
	if (code !== 0) throw new Error(`provena train exited with ${code} while making the attribution fixture.`);
	const [first, second] = set.contributions;
	const verbatim = first!.records.find((r) => r.response !== undefined)!;
	return {
		adapterDir,
		dataFiles,
		answers: [
			{ prompt: first!.fact.question, answer: first!.fact.answer, chat: true },
			{ prompt: second!.fact.question, answer: second!.fact.answer, chat: true },
			{ prompt: verbatim.prompt!, answer: verbatim.response!, chat: true },
			{ prompt: set.controls[0]!.question, answer: set.controls[0]!.answer, chat: true },
			{ prompt: '', answer: second!.fact.answer, chat: false }
		]
	};
}
