// The `modelfactory` bench, Node part: LoRA training on jax-js Wasm with the trainer's own step, for the default
// model over a batch × sequence grid and for a 135M-class Llama (SmolLM2-135M's shape, seeded weights) up a ladder of
// batch shapes until one does not fit; peak memory per shape; checkpoint write and read. Each measurement runs in a
// process of its own (modelFactoryJob.ts), one at a time, so one that runs out of memory or time becomes a row.
// The browser half (browser/modelFactoryBrowser.ts: the same steps in Chromium on WebGPU and on Wasm) runs after it
// in the same run, so its rows can be divided by these.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { jobLabel, modelFactoryPlan, type TrainingJob, type TrainingJobResult } from './modelFactoryPlan.ts';
import { modelFactoryRows, stepSeconds, stopReason, tokensPerStep } from './modelFactoryRows.ts';
import { browserEnvironment, runModelFactoryBrowser } from './browser/modelFactoryBrowser.ts';
import { browserHalfEnabled, modelFactoryBrowserPlan } from './browser/modelFactoryBrowserPlan.ts';
import { modelFactoryBrowserNotes, modelFactoryBrowserRows } from './browser/modelFactoryBrowserRows.ts';
import type { BenchReport, BenchSuite } from './types.ts';

const JOB_SCRIPT = fileURLToPath(new URL('./modelFactoryJob.ts', import.meta.url));

export const modelFactory: BenchSuite = {
	title:
		'ModelFactory on Wasm in Node and on WebGPU and Wasm in Chromium: LoRA training tokens/s, step time by batch and length, peak memory, checkpoints',
	async run(log) {
		const plan = modelFactoryPlan(process.env);
		// Read before the Node half runs, so a mistyped setting fails now rather than minutes in.
		const browserPlan = browserHalfEnabled(process.env) ? modelFactoryBrowserPlan(process.env) : undefined;
		const results: TrainingJobResult[] = [];
		for (const job of plan.grid) results.push(await runJob(job, plan.timeoutSeconds, log));
		const notes: string[] = [];
		let largestFit: TrainingJob | undefined;
		for (const job of plan.ladder) {
			const result = await runJob(job, plan.timeoutSeconds, log);
			results.push(result);
			if (!result.ok) {
				notes.push(
					`${job.model.id}: stopped at ${job.batch}×${job.seq}, ${stopReason(result)}; ` +
						(largestFit
							? `the largest shape that trained is ${largestFit.batch}×${largestFit.seq}.`
							: 'no shape trained.')
				);
				break;
			}
			largestFit = job;
		}
		if (largestFit && largestFit === plan.ladder.at(-1))
			notes.push(
				`${largestFit.model.id}: every shape of the ladder trained; PROVENA_BENCH_FACTORY_LARGE tries bigger ones.`
			);
		notes.push(...summaryNotes(results, plan.timeoutSeconds));
		const browser = browserPlan ? await runModelFactoryBrowser(browserPlan, log) : [];
		if (browserPlan) notes.push(...modelFactoryBrowserNotes(browser, results));
		else notes.push('The browser half was skipped (PROVENA_BENCH_FACTORY_BROWSER=0).');
		return {
			suite: 'modelfactory',
			title: modelFactory.title,
			environment:
				`Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores), jax-js Wasm (one thread); ` +
				`LoRA rank 8 on q_proj, v_proj (ModelFactory's defaults), AdamW, seeded random tokens, one process per shape` +
				(browserPlan ? `; ${browserEnvironment(browser)}` : ''),
			rows: [...modelFactoryRows(results), ...modelFactoryBrowserRows(browser, results)],
			notes
		} satisfies BenchReport;
	}
};

/** Runs one job in a child process; a crash or the time limit becomes a failed result. */
export function runJob(
	job: TrainingJob,
	timeoutSeconds: number,
	log: (line: string) => void
): Promise<TrainingJobResult> {
	const label = jobLabel(job);
	log(`${label}: starting`);
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [...process.execArgv, JOB_SCRIPT, JSON.stringify(job)], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		let lastPhase: 'weights' | 'first step' | 'steps' = 'weights';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			for (const line of chunk.toString().split('\n').filter(Boolean)) {
				if (/^step 0 /.test(line)) lastPhase = 'steps';
				else if (/parameters ready/.test(line)) lastPhase = 'first step';
				log(`${label}: ${line}`);
			}
		});
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutSeconds * 1000);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
			if (line) return resolve(JSON.parse(line.slice('RESULT '.length)) as TrainingJobResult);
			const why = timedOut
				? `stopped after ${timeoutSeconds} s (PROVENA_BENCH_FACTORY_TIMEOUT)`
				: `the process ended (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' ')}`;
			resolve({
				job,
				parameters: 0,
				loraParameters: 0,
				weightsSeconds: 0,
				wasmBytes: 0,
				maxRssBytes: 0,
				estimatedBytes: 0,
				ok: false,
				phase: lastPhase,
				// V8 ends the process itself when its own heap runs out.
				outOfMemory: /heap out of memory|allocation failed/i.test(stderr),
				timedOut,
				error: why
			});
		});
	});
}

/** Lines under the table: how step time grows with batch and length, and what is measured how. */
function summaryNotes(results: readonly TrainingJobResult[], timeoutSeconds: number): string[] {
	const notes: string[] = [];
	const tiny = results.filter((r): r is TrainingJobResult & { ok: true } => r.ok && r.job.model.id === 'default');
	const batches = [...new Set(tiny.map((r) => r.job.batch))].sort((a, b) => a - b);
	const seqs = [...new Set(tiny.map((r) => r.job.seq))].sort((a, b) => a - b);
	if (tiny.length > 0) {
		notes.push(`default model, seconds per step (rows: batch; columns: tokens per row ${seqs.join(', ')}):`);
		for (const batch of batches)
			notes.push(
				`  batch ${String(batch).padStart(2)}: ` +
					seqs
						.map((seq) => tiny.find((r) => r.job.batch === batch && r.job.seq === seq))
						.map((r) => (r ? stepSeconds(r).toFixed(3).padStart(7) : '      –'))
						.join(' ')
			);
		const best = tiny.reduce((a, b) => (tokensPerStep(a) / stepSeconds(a) > tokensPerStep(b) / stepSeconds(b) ? a : b));
		notes.push(
			`default model: best ${Math.round(tokensPerStep(best) / stepSeconds(best))} tokens/s at ${best.job.batch}×${best.job.seq}`
		);
	}
	const ratios = results.filter((r) => r.ok && r.estimatedBytes > 0).map((r) => r.wasmBytes / r.estimatedBytes);
	if (ratios.length > 0)
		notes.push(
			`peak Wasm memory is ${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}× estimateTrainingMemory's total ` +
				"(jax-js's Wasm allocator never returns memory and keeps freed blocks per size class, so the peak includes them)"
		);
	notes.push(
		'step time: median of the timed steps after the first (which compiles); tokens/s: batch × length ÷ step time; ' +
			"Wasm memory: the size of jax-js's WebAssembly.Memory at the end (it only grows); RSS: the process's peak " +
			`(host copies of the weights included); each shape may take ${timeoutSeconds} s (PROVENA_BENCH_FACTORY_TIMEOUT)`
	);
	return notes;
}
