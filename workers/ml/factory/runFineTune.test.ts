import { beforeAll, describe, expect, it } from 'vitest';
import { tree } from '@jax-js/jax';
import { fixtureConfigs, fixtureWeights, tinyLlamaConfig } from '../model/fixtureModels.ts';
import type { HostTensor } from '../core/hostTensor.ts';
import { initJaxWasm } from '../training/initJaxWasm.ts';
import { jaxWeightsFromHost } from '../training/jaxForward.ts';
import { decodeCheckpoint, encodeCheckpoint, type FineTuneCheckpoint } from './checkpoint.ts';
import { CheckpointMismatchError, FineTuneSettingsError, NonFiniteLossError } from './errors.ts';
import { fixtureExamples, fixtureSettings } from './fineTuneFixtures.testing.ts';
import { stepBatches } from './fineTunePlan.ts';
import { runFineTune, type CompletedFineTune, type FineTuneProgress, type RunFineTuneOptions } from './runFineTune.ts';

beforeAll(initJaxWasm);

const config = tinyLlamaConfig;
const examples = fixtureExamples(24);
const train = examples.slice(0, 20);
const validation = examples.slice(20);

/** Runs with the fixture base and settings, collecting progress and checkpoints (as bytes, as they are stored). */
async function run(overrides: Partial<RunFineTuneOptions> = {}) {
	const base = jaxWeightsFromHost(config, fixtureWeights(config, 3));
	const progress: FineTuneProgress[] = [];
	const checkpoints: Uint8Array[] = [];
	try {
		const result = await runFineTune({
			config,
			base,
			baseFingerprint: 'fixture-3',
			train,
			validation,
			settings: fixtureSettings,
			onProgress: (p) => progress.push(p),
			onCheckpoint: (c) => void checkpoints.push(encodeCheckpoint(c)),
			...overrides
		});
		return { result, progress, checkpoints };
	} finally {
		tree.dispose(base);
	}
}

function completed(result: Awaited<ReturnType<typeof run>>['result']): CompletedFineTune {
	if (result.aborted) throw new Error('the run was aborted');
	return result;
}

function tensorsOf(adapter: { tensors: ReadonlyMap<string, HostTensor> }): [string, number[]][] {
	return [...adapter.tensors].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, t]) => [name, [...t.data]]);
}

describe('runFineTune', () => {
	it('lowers the loss, validates, checkpoints and keeps evenly spaced snapshots', async () => {
		const { result, progress, checkpoints } = await run();
		const done = completed(result);
		const losses = done.log.losses;
		console.log(`runFineTune fixture: loss ${losses[0]!.toFixed(3)} → ${losses.at(-1)!.toFixed(3)}`);
		expect(losses).toHaveLength(12);
		expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.7);
		expect(done.log.validation.map((v) => v.step)).toEqual([4, 8, 12]);
		expect(done.log.validation.at(-1)!.loss).toBeLessThan(done.log.validation[0]!.loss);
		expect(done.snapshots.map((s) => s.step)).toEqual([4, 8, 12]);
		expect(tensorsOf(done.snapshots.at(-1)!.adapter)).toEqual(tensorsOf(done.adapter));
		// Each snapshot's learning rate is the mean over its interval: warmup 0, 0.01, then the cosine decay.
		expect(done.snapshots[0]!.learningRate).toBeCloseTo((0 + 0.01 + 0.02 + done.log.learningRates[3]!) / 4, 12);
		expect(checkpoints.map((bytes) => decodeCheckpoint(bytes).step)).toEqual([4, 8, 12]);
		const steps = progress.filter((p) => p.kind === 'step');
		expect(steps.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		expect(steps.every((p) => p.tokensPerSecond > 0 && p.totalSteps === 12)).toBe(true);
		expect(steps.at(-1)!.eta).toBe(0);
		// Every step trains on its batch's response tokens only: 4 examples × 3 targets.
		expect(done.log.targetTokens.every((n) => n === 12)).toBe(true);
		expect(progress.filter((p) => p.kind === 'validation').map((p) => p.step)).toEqual([4, 8, 12]);
	});

	it('resumed from a checkpoint, gives the same adapter bit for bit as an uninterrupted run', async () => {
		const straight = completed((await run()).result);
		// Paused after step 5 (not a checkpoint step), through bytes, as the page stores it.
		const controller = new AbortController();
		const paused = await run({
			signal: controller.signal,
			onProgress: (p) => p.kind === 'step' && p.step === 5 && controller.abort()
		});
		expect(paused.result.aborted).toBe(true);
		const stored = decodeCheckpoint(encodeCheckpoint(paused.result.checkpoint));
		expect(stored.step).toBe(5);
		expect(stored.snapshots.map((s) => s.step)).toEqual([4]);
		const resumed = completed((await run({ resumeFrom: stored })).result);
		expect(tensorsOf(resumed.adapter)).toEqual(tensorsOf(straight.adapter));
		expect(resumed.log).toEqual(straight.log);
		expect(resumed.snapshots.map((s) => [s.step, s.learningRate, tensorsOf(s.adapter)])).toEqual(
			straight.snapshots.map((s) => [s.step, s.learningRate, tensorsOf(s.adapter)])
		);
		// The final checkpoints are the same bytes too: nothing about the interruption is recorded.
		expect(encodeCheckpoint(resumed.checkpoint)).toEqual(encodeCheckpoint(straight.checkpoint));
	});

	it('refuses a checkpoint from other settings or data, naming what differs', async () => {
		const { checkpoints } = await run({ settings: { ...fixtureSettings, duration: { kind: 'steps', steps: 4 } } });
		const other: FineTuneCheckpoint = decodeCheckpoint(checkpoints[0]!);
		await expect(run({ resumeFrom: other })).rejects.toThrow(/the settings differ/);
		const sameSettings = decodeCheckpoint((await run()).checkpoints[0]!);
		await expect(run({ resumeFrom: sameSettings, train: train.slice(1) })).rejects.toThrow(CheckpointMismatchError);
		await expect(run({ resumeFrom: sameSettings, baseFingerprint: 'another' })).rejects.toThrow(/base model/);
	});

	it('refuses settings out of range with each field’s message', async () => {
		const error = await run({ settings: { ...fixtureSettings, rank: 0, learningRate: 1e6 } }).catch((e) => e);
		expect(error).toBeInstanceOf(FineTuneSettingsError);
		expect(Object.keys(error.errors).sort()).toEqual(['learningRate', 'rank']);
		const long = { ...examples[0]!, recordId: 'long', tokenIds: Array(9).fill(5), lossMask: Array(9).fill(1) };
		await expect(run({ validation: [long] })).rejects.toThrow(/Example long has 9 tokens, more than .* 8/);
	});

	it('stops at a non-finite loss with the state before the bad step and a lower learning rate to try', async () => {
		// An untied model whose embedding row 60 is NaN: the step whose batch holds the one example reading token 60
		// gets a NaN loss; every step before it is finite.
		const qwen = fixtureConfigs['Qwen2-like, biases, untied head']!;
		const host = new Map(fixtureWeights(qwen, 5));
		const embedding = host.get('model.embed_tokens.weight')!;
		const poisoned = new Float32Array(embedding.data);
		poisoned.fill(NaN, 60 * qwen.hiddenSize, 61 * qwen.hiddenSize);
		host.set('model.embed_tokens.weight', { shape: embedding.shape, data: poisoned });
		const data = fixtureExamples(20);
		const order = stepBatches(data.length, fixtureSettings, 12);
		const poisonedIndex = order[2]!.find((i) => !order[0]!.includes(i) && !order[1]!.includes(i))!;
		data[poisonedIndex] = { ...data[poisonedIndex]!, tokenIds: [1, 60, 3, 20, 36, 2] };
		const badStep = order.findIndex((batch) => batch.includes(poisonedIndex));
		expect(badStep).toBe(2);
		const base = jaxWeightsFromHost(qwen, host);
		const checkpoints: FineTuneCheckpoint[] = [];
		const error = await runFineTune({
			config: qwen,
			base,
			baseFingerprint: 'poisoned',
			train: data,
			validation,
			settings: fixtureSettings,
			onCheckpoint: (c) => void checkpoints.push(c)
		}).catch((e) => e);
		tree.dispose(base);
		expect(error).toBeInstanceOf(NonFiniteLossError);
		expect(error.shortMessage).toMatch(
			new RegExp(`at step ${badStep + 1} .*lower the learning rate \\(try 0\\.002\\)`)
		);
		expect(error.suggestedLearningRate).toBe(0.002);
		const kept: FineTuneCheckpoint = error.checkpoint;
		expect(kept.step).toBe(badStep);
		expect(kept.log.losses).toHaveLength(badStep);
		expect(kept.log.losses.every(Number.isFinite)).toBe(true);
		expect([...kept.adapter.tensors.values()].every((t) => t.data.every(Number.isFinite))).toBe(true);
		expect([...kept.optimizer.m.values()].every((t) => t.data.every(Number.isFinite))).toBe(true);
		// The checkpoints stored before it are untouched: none was written for the failed step.
		expect(checkpoints.every((c) => c.step < badStep + 1)).toBe(true);
	});

	it('an abort before the first step returns the starting checkpoint', async () => {
		const controller = new AbortController();
		controller.abort();
		const { result, checkpoints } = await run({ signal: controller.signal });
		expect(result.aborted).toBe(true);
		expect(result.checkpoint.step).toBe(0);
		expect(checkpoints).toHaveLength(1);
	});
});
