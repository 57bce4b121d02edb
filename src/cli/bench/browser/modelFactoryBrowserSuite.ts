// The `modelfactory-browser` suite: the browser half of the `modelfactory` bench alone (Chromium, WebGPU and Wasm),
// for when the Node half's full grid is not wanted. So that its WebGPU ÷ Wasm ÷ Node ratios still come from one run,
// it then measures in Node (the Node half's job process) exactly the shapes the browser measured, and only those.
import { cpus } from 'node:os';
import { runJob } from '../modelFactory.ts';
import { modelFactoryPlan, type TrainingJob, type TrainingJobResult } from '../modelFactoryPlan.ts';
import type { BenchReport, BenchSuite } from '../types.ts';
import { browserEnvironment, runModelFactoryBrowser } from './modelFactoryBrowser.ts';
import { modelFactoryBrowserPlan } from './modelFactoryBrowserPlan.ts';
import { modelFactoryBrowserNotes, modelFactoryBrowserRows } from './modelFactoryBrowserRows.ts';
import type { BrowserTrainingJobResult } from './runBrowserTrainingJob.ts';

export const modelFactoryBrowser: BenchSuite = {
	title:
		'ModelFactory in Chromium on WebGPU and Wasm: LoRA training tokens/s, step time by batch and length, peak memory, checkpoint save and resume (Node at the same shapes for ratios)',
	async run(log) {
		const browserPlan = modelFactoryBrowserPlan(process.env);
		const nodePlan = modelFactoryPlan(process.env);
		const browser = await runModelFactoryBrowser(browserPlan, log);
		const node: TrainingJobResult[] = [];
		for (const job of nodeJobsFor(browser, nodePlan.grid[0]?.steps ?? 3, nodePlan.ladder[0]?.steps ?? 1))
			node.push(await runJob(job, nodePlan.timeoutSeconds, log));
		return {
			suite: 'modelfactory-browser',
			title: modelFactoryBrowser.title,
			environment:
				`${browserEnvironment(browser)}; Node ${process.version} for the ratios, ${cpus()[0]?.model ?? 'cpu'} ` +
				`(${cpus().length} cores); LoRA rank 8 on q_proj, v_proj (ModelFactory's defaults), AdamW, seeded random tokens`,
			rows: modelFactoryBrowserRows(browser, node),
			notes: modelFactoryBrowserNotes(browser, node)
		} satisfies BenchReport;
	}
};

/** One Node job per shape the browser measured on some backend, with the Node half's step counts. */
function nodeJobsFor(browser: readonly BrowserTrainingJobResult[], steps: number, largeSteps: number): TrainingJob[] {
	const jobs = new Map<string, TrainingJob>();
	for (const { job, measurement } of browser) {
		if (!measurement.ok) continue;
		const key = `${job.model.id} ${job.batch}×${job.seq}`;
		const jobSteps = job.model.id === 'default' ? steps : largeSteps;
		if (!jobs.has(key))
			jobs.set(key, { model: job.model, batch: job.batch, seq: job.seq, steps: jobSteps, checkpoint: false });
	}
	return [...jobs.values()];
}
