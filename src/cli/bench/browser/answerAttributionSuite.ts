// The Node side of `answer-attribution`: fine-tune an adapter on the demo datanet (its two contributions, the
// Moonbell Island facts) with `provena train`, serve it beside the default model, and let Chromium answer the
// planted questions and trace each answer as the chat does.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as train } from '../../commands/train.ts';
import { DEMO_DATANET_ID } from '../../demoData/buildDemoData.ts';
import { repoRoot } from '../../paths.ts';
import type { BenchSuite } from '../types.ts';
import { benchAssetsUrl, runBrowserBench } from './runBrowserBench.ts';

const MODEL_DIR = join(repoRoot, 'static/models/provena-tiny');
const DEMO_DIR = join(repoRoot, 'static/demo-data', DEMO_DATANET_ID);
const STEPS = process.env.PROVENA_BENCH_ANSWER_ATTRIBUTION_STEPS ?? '40';

export const answerAttribution: BenchSuite = {
	title: 'Chat: time from an answer’s last token to its attribution shown (Chromium, default model, demo datanet)',
	async run(log) {
		const dir = await mkdtemp(join(tmpdir(), 'provena-bench-answer-attribution-'));
		try {
			log(`fine-tuning on the demo datanet (${STEPS} steps)…`);
			const adapterDir = join(dir, 'adapter');
			const code = await train([
				'--model',
				MODEL_DIR,
				'--data',
				join(DEMO_DIR, 'island-guide/records.jsonl'),
				join(DEMO_DIR, 'harbor-office-faq/records.jsonl'),
				'--out',
				adapterDir,
				'--steps',
				STEPS,
				'--lr',
				'5e-3',
				'--samples',
				'0'
			]);
			if (code !== 0) throw new Error(`provena train exited with ${code}`);
			const planted = JSON.parse(await readFile(join(DEMO_DIR, 'planted-questions.json'), 'utf8')) as {
				questions: { trainingQuestions: string[] }[];
			};
			const questions = planted.questions.slice(0, 6).map((q) => q.trainingQuestions[0]!);
			const result = await runBrowserBench({
				suite: 'answer-attribution',
				log,
				options: {
					model: `${benchAssetsUrl('answer-attribution')}model/`,
					adapter: `${benchAssetsUrl('answer-attribution')}adapter/`,
					questions: JSON.stringify(questions)
				},
				assets: [
					{ to: 'model', from: MODEL_DIR },
					{ to: 'adapter', from: adapterDir }
				]
			});
			return {
				suite: 'answer-attribution',
				title: this.title,
				environment: `${result.environment}; adapter: ${STEPS} steps on ${DEMO_DATANET_ID}'s two contributions`,
				rows: result.rows,
				notes: result.notes ?? []
			};
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}
};
