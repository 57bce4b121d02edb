// Turns the browser half's measurements into the `modelfactory` rows and notes, in the Node half's format: per
// backend and shape the step time, tokens/s and peak memory (or where it stopped and why), checkpoint save and resume,
// and the ratios that carry over to other machines — step time against batch 1 × 64, 135M against the default model,
// and WebGPU against Wasm against Node at the same shape, all measured in one run. Pure.
import type { BrowserTrainingMeasurement } from '../../../../workers/bench/measureBrowserTraining.ts';
import type { TrainingJobResult } from '../modelFactoryPlan.ts';
import { median } from '../modelFactoryRows.ts';
import type { BenchRow } from '../types.ts';
import type { BrowserTrainingJobPlan } from './modelFactoryBrowserPlan.ts';
import { browserJobLabel, type BrowserTrainingJobResult } from './runBrowserTrainingJob.ts';

const MIB = 1024 * 1024;

/** Where a shape ran: in Node (the Node half, Wasm) or in Chromium on one backend. */
type Runtime = 'node-wasm' | 'chromium-wasm' | 'chromium-webgpu';

/** One successful measurement, wherever it ran, reduced to what the comparisons need. */
type Rate = {
	runtime: Runtime;
	model: string;
	batch: number;
	seq: number;
	stepSeconds: number;
	tokensPerSecond: number;
};

type Measured = BrowserTrainingJobResult & { measurement: BrowserTrainingMeasurement & { ok: true } };

/**
 * The browser half's rows: each result's, then the ratios (against `node`, the Node half's results from the same run,
 * where a shape was measured there too), then the checkpoints.
 *
 * @example
 * const rows = modelFactoryBrowserRows(browserResults, nodeResults);
 */
export function modelFactoryBrowserRows(
	browser: readonly BrowserTrainingJobResult[],
	node: readonly TrainingJobResult[]
): BenchRow[] {
	const rows: BenchRow[] = [];
	for (const result of browser) rows.push(...resultRows(result));
	rows.push(...shapeRatioRows(browser), ...runtimeRatioRows(rates(browser, node)));
	for (const result of browser)
		if (result.measurement.ok && result.measurement.checkpoint) rows.push(...checkpointRows(result as Measured));
	return rows;
}

/**
 * The lines under the table: where the 135M shape stopped per backend, tokens/s by shape and runtime side by side,
 * step time by batch and length per backend, and how each number is measured.
 *
 * @example
 * const notes = modelFactoryBrowserNotes(browserResults, nodeResults);
 */
export function modelFactoryBrowserNotes(
	browser: readonly BrowserTrainingJobResult[],
	node: readonly TrainingJobResult[]
): string[] {
	const notes = [...ladderNotes(browser), ...rateTable(rates(browser, node)), ...stepTimeTables(browser)];
	const isCpu = browser.some((result) => /\(CPU\)/.test(result.environment ?? ''));
	notes.push(
		`browser: one fresh headless Chromium per shape; step time: median of the timed steps after the first (which ` +
			`compiles); tokens/s: batch × length ÷ step time; GPU buffers: the most bytes of WebGPU buffers alive at once ` +
			`(jax-js's buffer pool included); Wasm memory: the size of jax-js's WebAssembly.Memory (it only grows; 4 GiB ` +
			`limit); checkpoint save: device→host, encode, one IndexedDB put with strict durability; resume: IndexedDB ` +
			`get, decode, host→device`
	);
	if (isCpu)
		notes.push(
			'WebGPU here is SwiftShader, a CPU emulation: its timings say nothing about a real GPU; read them as ratios within this run.'
		);
	return notes;
}

/** Why a browser job stopped, in words. */
export function browserStopReason(measurement: BrowserTrainingMeasurement & { ok: false }): string {
	if (measurement.timedOut) return `too slow: ${measurement.error}, during the ${measurement.phase}`;
	if (measurement.outOfMemory) return `out of memory during the ${measurement.phase}: ${measurement.error}`;
	return `failed during the ${measurement.phase}: ${measurement.error}`;
}

/** Seconds per step of a measured job: the median of the timed steps (the first, compiling step when none). */
function browserStepSeconds(measurement: BrowserTrainingMeasurement & { ok: true }): number {
	return measurement.stepSeconds.length > 0 ? median(measurement.stepSeconds) : measurement.firstStepSeconds;
}

/** The memory a backend holds its arrays in: GPU buffers on WebGPU, jax-js's Wasm memory on Wasm. */
function peakMemory(job: BrowserTrainingJobPlan, measurement: BrowserTrainingMeasurement) {
	return job.backend === 'webgpu'
		? { what: 'GPU buffers', bytes: measurement.gpuBufferBytes }
		: { what: 'Wasm memory', bytes: measurement.wasmBytes };
}

function resultRows({ job, measurement }: BrowserTrainingJobResult): BenchRow[] {
	const label = browserJobLabel(job);
	const memory = peakMemory(job, measurement);
	const memoryMiB = round(memory.bytes / MIB, 0);
	if (!measurement.ok)
		return [
			{
				name: `${label}: ${browserStopReason(measurement)}`,
				value: memoryMiB,
				unit: `MiB ${memory.what} when stopped`,
				details: { phase: measurement.phase, error: measurement.error, parameters: measurement.parameters }
			}
		];
	const seconds = browserStepSeconds(measurement);
	return [
		{
			name: `${label} step time`,
			value: round(seconds, 3),
			unit: 's',
			details: {
				firstStepSeconds: round(measurement.firstStepSeconds, 3),
				stepSeconds: measurement.stepSeconds.map((s) => round(s, 3)),
				weightsSeconds: round(measurement.weightsSeconds, 2),
				parameters: measurement.parameters,
				loraParameters: measurement.loraParameters
			}
		},
		{ name: `${label} training tokens/s`, value: round((job.batch * job.seq) / seconds, 1), unit: 'tokens/s' },
		{
			name: `${label} peak ${memory.what}`,
			value: memoryMiB,
			unit: 'MiB',
			details: {
				estimatedMiB: round(measurement.estimatedBytes / MIB, 0),
				measuredOverEstimate: round(memory.bytes / measurement.estimatedBytes, 2)
			}
		}
	];
}

/** Per backend: the default model's step time against 1 × 64, and the 135M shape's tokens/s against the default's. */
function shapeRatioRows(browser: readonly BrowserTrainingJobResult[]): BenchRow[] {
	const measured = browser.filter((result): result is Measured => result.measurement.ok);
	const rows: BenchRow[] = [];
	for (const backend of [...new Set(measured.map((result) => result.job.backend))]) {
		const ofBackend = measured.filter((result) => result.job.backend === backend);
		const find = (model: string, batch: number, seq: number) =>
			ofBackend.find((r) => r.job.model.id === model && r.job.batch === batch && r.job.seq === seq);
		const reference = find('default', 1, 64);
		for (const result of ofBackend) {
			if (result.job.model.id !== 'default' || !reference || result === reference) continue;
			rows.push({
				name: `chromium-${backend} default step time ${result.job.batch}×${result.job.seq} ÷ 1×64`,
				value: round(browserStepSeconds(result.measurement) / browserStepSeconds(reference.measurement), 2),
				unit: '×',
				details: { tokensRatio: (result.job.batch * result.job.seq) / 64 }
			});
		}
		for (const large of ofBackend) {
			const tiny = large.job.model.id === 'default' ? undefined : find('default', large.job.batch, large.job.seq);
			if (!tiny) continue;
			rows.push({
				name: `tokens/s chromium-${backend} ${large.job.model.id} ÷ default at ${large.job.batch}×${large.job.seq}`,
				value: round(browserStepSeconds(tiny.measurement) / browserStepSeconds(large.measurement), 4),
				unit: '×',
				details: { parameterRatio: round(large.measurement.parameters / tiny.measurement.parameters, 1) }
			});
		}
	}
	return rows;
}

/** Every successful measurement of both halves as a rate. */
function rates(browser: readonly BrowserTrainingJobResult[], node: readonly TrainingJobResult[]): Rate[] {
	const all: Rate[] = [];
	for (const { job, measurement } of browser) {
		if (!measurement.ok) continue;
		const stepSeconds = browserStepSeconds(measurement);
		const runtime: Runtime = job.backend === 'webgpu' ? 'chromium-webgpu' : 'chromium-wasm';
		all.push({
			runtime,
			model: job.model.id,
			batch: job.batch,
			seq: job.seq,
			stepSeconds,
			tokensPerSecond: (job.batch * job.seq) / stepSeconds
		});
	}
	for (const result of node) {
		if (!result.ok) continue;
		const stepSeconds = result.stepSeconds.length > 0 ? median(result.stepSeconds) : result.firstStepSeconds;
		const { model, batch, seq } = result.job;
		all.push({
			runtime: 'node-wasm',
			model: model.id,
			batch,
			seq,
			stepSeconds,
			tokensPerSecond: (batch * seq) / stepSeconds
		});
	}
	return all;
}

/** "default 4×64", as the Node half names its jobs. */
function shapeLabel({ model, batch, seq }: Pick<Rate, 'model' | 'batch' | 'seq'>): string {
	return `${model} ${batch}×${seq}`;
}

/** The shapes the browser measured, each once, in the order first measured. */
function browserShapes(all: readonly Rate[]): Pick<Rate, 'model' | 'batch' | 'seq'>[] {
	const seen = new Map<string, Pick<Rate, 'model' | 'batch' | 'seq'>>();
	for (const { runtime, model, batch, seq } of all)
		if (runtime !== 'node-wasm') seen.set(shapeLabel({ model, batch, seq }), { model, batch, seq });
	return [...seen.values()];
}

/** tokens/s of one runtime over another at each shape both measured: WebGPU ÷ Wasm in Chromium, and each ÷ Node. */
function runtimeRatioRows(all: readonly Rate[]): BenchRow[] {
	const pairs: [Runtime, Runtime][] = [
		['chromium-webgpu', 'chromium-wasm'],
		['chromium-wasm', 'node-wasm'],
		['chromium-webgpu', 'node-wasm']
	];
	const rows: BenchRow[] = [];
	for (const shape of browserShapes(all)) {
		const at = (runtime: Runtime) =>
			all.find(
				(r) => r.runtime === runtime && r.model === shape.model && r.batch === shape.batch && r.seq === shape.seq
			);
		for (const [top, bottom] of pairs) {
			const [a, b] = [at(top), at(bottom)];
			if (!a || !b) continue;
			rows.push({
				name: `tokens/s ${top} ÷ ${bottom}, ${shapeLabel(shape)}`,
				value: round(a.tokensPerSecond / b.tokensPerSecond, 3),
				unit: '×',
				details: { [top]: round(a.tokensPerSecond, 1), [bottom]: round(b.tokensPerSecond, 1) }
			});
		}
	}
	return rows;
}

function checkpointRows({ job, measurement }: Measured): BenchRow[] {
	const c = measurement.checkpoint!;
	const label = `chromium-${job.backend} ${job.model.id}`;
	const details = { bytes: c.bytes, exact: c.exact, loraParameters: measurement.loraParameters };
	return [
		{
			name: `${label} checkpoint save: device→host, encode, IndexedDB put`,
			value: round(c.toHostMs + c.encodeMs + c.storeMs, 1),
			unit: 'ms',
			details: {
				...details,
				toHostMs: round(c.toHostMs, 2),
				encodeMs: round(c.encodeMs, 2),
				storeMs: round(c.storeMs, 2)
			}
		},
		{
			name: `${label} checkpoint resume: IndexedDB get, decode, host→device`,
			value: round(c.loadMs + c.decodeMs + c.toDeviceMs, 1),
			unit: 'ms',
			details: {
				...details,
				loadMs: round(c.loadMs, 2),
				decodeMs: round(c.decodeMs, 2),
				toDeviceMs: round(c.toDeviceMs, 2)
			}
		}
	];
}

/** Per backend, where the 135M ladder stopped and why, or that every shape trained. */
function ladderNotes(browser: readonly BrowserTrainingJobResult[]): string[] {
	const notes: string[] = [];
	for (const backend of [...new Set(browser.map((result) => result.job.backend))]) {
		const ladder = browser.filter((r) => r.job.backend === backend && r.job.model.id !== 'default');
		if (ladder.length === 0) continue;
		const model = ladder[0]!.job.model.id;
		const last = ladder.at(-1)!;
		const fitted = ladder.filter((r) => r.measurement.ok).at(-1);
		const shape = (r: BrowserTrainingJobResult) => `${r.job.batch}×${r.job.seq}`;
		if (last.measurement.ok)
			notes.push(
				`chromium-${backend} ${model}: every shape tried trained (up to ${shape(last)}); ` +
					'PROVENA_BENCH_FACTORY_BROWSER_LARGE tries bigger ones.'
			);
		else
			notes.push(
				`chromium-${backend} ${model}: stopped at ${shape(last)}, ${browserStopReason(last.measurement)}; ` +
					(fitted ? `the largest shape that trained is ${shape(fitted)}.` : 'no shape trained.')
			);
	}
	return notes;
}

/** tokens/s at each browser shape, one column per runtime ("–" where a runtime did not measure it). */
function rateTable(all: readonly Rate[]): string[] {
	const runtimes: Runtime[] = ['node-wasm', 'chromium-wasm', 'chromium-webgpu'];
	const shapes = browserShapes(all);
	if (shapes.length === 0) return [];
	const cell = (value: string) => value.padStart(16);
	const width = 24;
	return [
		`${'tokens/s, one run:'.padEnd(width + 2)}${runtimes.map(cell).join('')}`,
		...shapes.map((shape) => {
			const label = shapeLabel(shape).padEnd(width);
			const values = runtimes.map((runtime) => {
				const rate = all.find(
					(r) => r.runtime === runtime && r.model === shape.model && r.batch === shape.batch && r.seq === shape.seq
				);
				return cell(rate ? rate.tokensPerSecond.toFixed(1) : '–');
			});
			return `  ${label}${values.join('')}`;
		})
	];
}

/** Per backend, the default model's seconds per step with batches as rows and lengths as columns. */
function stepTimeTables(browser: readonly BrowserTrainingJobResult[]): string[] {
	const notes: string[] = [];
	const measured = browser.filter((r): r is Measured => r.measurement.ok && r.job.model.id === 'default');
	for (const backend of [...new Set(measured.map((r) => r.job.backend))]) {
		const ofBackend = measured.filter((r) => r.job.backend === backend);
		const batches = [...new Set(ofBackend.map((r) => r.job.batch))].sort((a, b) => a - b);
		const seqs = [...new Set(ofBackend.map((r) => r.job.seq))].sort((a, b) => a - b);
		notes.push(
			`chromium-${backend} default model, seconds per step (rows: batch; columns: tokens per row ${seqs.join(', ')}):`
		);
		for (const batch of batches)
			notes.push(
				`  batch ${String(batch).padStart(2)}: ` +
					seqs
						.map((seq) => ofBackend.find((r) => r.job.batch === batch && r.job.seq === seq))
						.map((r) => (r ? browserStepSeconds(r.measurement).toFixed(3).padStart(7) : '      –'))
						.join(' ')
			);
	}
	return notes;
}

function round(value: number, digits: number): number {
	return Number.isFinite(value) ? Number(value.toFixed(digits)) : value;
}
