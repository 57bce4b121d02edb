// Turns the `modelfactory` measurements into the bench's rows and notes: per shape the step time, tokens/s and peak
// memory; the large model's stop with its reason; checkpoint times; and the ratios that carry over to other machines
// (135M against the default model at the same batch shape, step time against batch 1 × 64). Pure.
import type { BenchRow } from './types.ts';
import { jobLabel, type TrainingJobResult } from './modelFactoryPlan.ts';

const MIB = 1024 * 1024;

/**
 * The median of `values` (the middle one, or the mean of the two middle ones).
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Seconds per step of a measured job: the median of the timed steps (the first, compiling step when none). */
export function stepSeconds(result: TrainingJobResult & { ok: true }): number {
	return result.stepSeconds.length > 0 ? median(result.stepSeconds) : result.firstStepSeconds;
}

/** Tokens one step processes: every position of every row (the batch is full). */
export function tokensPerStep(result: Pick<TrainingJobResult, 'job'>): number {
	return result.job.batch * result.job.seq;
}

/**
 * The rows of every result, in order, then the ratio rows.
 *
 * @example
 * const rows = modelFactoryRows([...gridResults, ...ladderResults]);
 */
export function modelFactoryRows(results: readonly TrainingJobResult[]): BenchRow[] {
	const rows: BenchRow[] = [];
	for (const result of results) rows.push(...resultRows(result));
	rows.push(...ratioRows(results));
	for (const result of results) if (result.ok && result.checkpoint) rows.push(...checkpointRows(result));
	return rows;
}

/** Why a job stopped, in words. */
export function stopReason(result: TrainingJobResult & { ok: false }): string {
	if (result.timedOut) return `too slow: stopped after the time limit, during the ${result.phase}`;
	if (result.outOfMemory) return `out of memory during the ${result.phase} (jax-js Wasm has a 4 GiB memory)`;
	return `failed during the ${result.phase}: ${result.error}`;
}

function resultRows(result: TrainingJobResult): BenchRow[] {
	const label = jobLabel(result.job);
	const memory = {
		wasmMiB: round(result.wasmBytes / MIB, 0),
		maxRssMiB: round(result.maxRssBytes / MIB, 0),
		estimatedMiB: round(result.estimatedBytes / MIB, 0)
	};
	if (!result.ok)
		return [
			{
				name: `${label}: ${stopReason(result)}`,
				value: memory.wasmMiB,
				unit: 'MiB Wasm when stopped',
				details: { ...memory, error: result.error, phase: result.phase, parameters: result.parameters }
			}
		];
	const seconds = stepSeconds(result);
	return [
		{
			name: `${label} step time`,
			value: round(seconds, 3),
			unit: 's',
			details: {
				firstStepSeconds: round(result.firstStepSeconds, 3),
				stepSeconds: result.stepSeconds.map((s) => round(s, 3)),
				weightsSeconds: round(result.weightsSeconds, 2),
				parameters: result.parameters,
				loraParameters: result.loraParameters
			}
		},
		{ name: `${label} training tokens/s`, value: round(tokensPerStep(result) / seconds, 1), unit: 'tokens/s' },
		{
			name: `${label} peak Wasm memory`,
			value: memory.wasmMiB,
			unit: 'MiB',
			details: { ...memory, measuredOverEstimate: round(result.wasmBytes / result.estimatedBytes, 2) }
		},
		{ name: `${label} peak process RSS`, value: memory.maxRssMiB, unit: 'MiB' }
	];
}

function ratioRows(results: readonly TrainingJobResult[]): BenchRow[] {
	const measured = results.filter((result): result is TrainingJobResult & { ok: true } => result.ok);
	const find = (model: string, batch: number, seq: number) =>
		measured.find((r) => r.job.model.id === model && r.job.batch === batch && r.job.seq === seq);
	const rows: BenchRow[] = [];
	const reference = find('default', 1, 64);
	for (const result of measured) {
		if (result.job.model.id !== 'default' || !reference || result === reference) continue;
		rows.push({
			name: `default step time ${result.job.batch}×${result.job.seq} ÷ 1×64`,
			value: round(stepSeconds(result) / stepSeconds(reference), 2),
			unit: '×',
			details: { tokensRatio: tokensPerStep(result) / tokensPerStep(reference) }
		});
	}
	for (const large of measured) {
		if (large.job.model.id === 'default') continue;
		const tiny = find('default', large.job.batch, large.job.seq);
		if (!tiny) continue;
		const tinyRate = tokensPerStep(tiny) / stepSeconds(tiny);
		const largeRate = tokensPerStep(large) / stepSeconds(large);
		rows.push({
			name: `tokens/s ${large.job.model.id} ÷ default at ${large.job.batch}×${large.job.seq}`,
			value: round(largeRate / tinyRate, 4),
			unit: '×',
			details: { parameterRatio: round(large.parameters / tiny.parameters, 1) }
		});
	}
	return rows;
}

function checkpointRows(result: TrainingJobResult & { ok: true }): BenchRow[] {
	const c = result.checkpoint!;
	const model = result.job.model.id;
	const details = { exact: c.exact, loraParameters: result.loraParameters };
	return [
		{ name: `${model} checkpoint (adapter + AdamW m, v) size`, value: round(c.bytes / 1024, 1), unit: 'KiB', details },
		{
			name: `${model} checkpoint write: device→host, encode, write + fsync`,
			value: round(c.toHostMs + c.encodeMs + c.writeMs, 1),
			unit: 'ms',
			details: { toHostMs: round(c.toHostMs, 2), encodeMs: round(c.encodeMs, 2), writeMs: round(c.writeMs, 2) }
		},
		{
			name: `${model} checkpoint read: read, decode, host→device`,
			value: round(c.readMs + c.decodeMs + c.toDeviceMs, 1),
			unit: 'ms',
			details: { readMs: round(c.readMs, 2), decodeMs: round(c.decodeMs, 2), toDeviceMs: round(c.toDeviceMs, 2) }
		}
	];
}

function round(value: number, digits: number): number {
	return Number.isFinite(value) ? Number(value.toFixed(digits)) : value;
}
