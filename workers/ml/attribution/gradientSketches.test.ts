// Gradient sketches on the tiny fixture model at two kept checkpoints: a group's sum scores as its examples do one by
// one, an answer that repeats a training example credits that example's group most, and the integers repeat exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tree } from '@jax-js/jax';
import { loraScale } from '../core/loraAdapter.ts';
import { fixtureAdapter, fixtureWeights, tinyLlamaConfig } from '../model/fixtureModels.ts';
import { initJaxWasm } from '../training/initJaxWasm.ts';
import { jaxLoraFromAdapter, jaxWeightsFromHost, type JaxWeights } from '../training/jaxForward.ts';
import { releaseTrainSteps } from '../training/trainStep.ts';
import { answerSketches, gradientScores, gradientSketches, type SketchCheckpoint } from './gradientSketches.ts';

const config = tinyLlamaConfig;
const spec = { dimensions: 256, seed: 11, quantBits: 12 };
let base: JaxWeights;
let checkpoints: SketchCheckpoint[];

beforeAll(async () => {
	await initJaxWasm();
	base = jaxWeightsFromHost(config, fixtureWeights(config, 3));
	checkpoints = [
		{ step: 4, learningRate: 1e-3, seed: 5 },
		{ step: 8, learningRate: 5e-4, seed: 6 }
	].map(({ step, learningRate, seed }) => {
		const adapter = fixtureAdapter(config, seed, { targetModules: ['q_proj', 'v_proj'] });
		return {
			step,
			learningRate,
			model: { settings: { config, loraScale: loraScale(adapter) }, base, lora: jaxLoraFromAdapter(config, adapter) }
		};
	});
});

afterAll(() => {
	for (const c of checkpoints) {
		tree.dispose(c.model.lora);
		releaseTrainSteps(c.model.settings);
	}
	tree.dispose(base);
});

/** Four examples per group, each group drawing its tokens from its own part of the vocabulary. */
const examples = [0, 1].flatMap((group) =>
	[0, 1, 2, 3].map((i) => {
		const tokenIds = Array.from({ length: 12 }, (_, t) => 2 + group * 30 + ((i * 7 + t * 3) % 30));
		return { group, record: group * 4 + i, tokenIds, lossMask: tokenIds.map((_, t) => (t >= 4 ? 1 : 0)) };
	})
);

describe('gradient sketches', () => {
	it('weighs checkpoints by learning rate and scores a group’s sum as the sum of its examples', async () => {
		const byGroup = await gradientSketches(examples, (e) => e.group, 2, checkpoints, spec);
		expect(byGroup.checkpoints).toEqual([
			{ step: 4, weight: 256 },
			{ step: 8, weight: 128 }
		]);
		const byRecord = await gradientSketches(examples, (e) => e.record, 8, checkpoints, spec);
		// Each group's row is its four records' rows added up, to the rounding of four quantisations.
		let worst = 0;
		for (let k = 0; k < 2; k++)
			for (let group = 0; group < 2; group++)
				for (let d = 0; d < spec.dimensions; d++) {
					let records = 0;
					for (let r = group * 4; r < group * 4 + 4; r++) records += byRecord.sums[k]![r * spec.dimensions + d]!;
					worst = Math.max(worst, Math.abs(byGroup.sums[k]![group * spec.dimensions + d]! - records));
				}
		expect(worst).toBeLessThanOrEqual(2);
		expect(byGroup.sums[0]!.some((x) => Math.abs(x) > 100)).toBe(true);
	});

	it('credits the group of the training example an answer repeats, the same integers every time', async () => {
		const sketches = await gradientSketches(examples, (e) => e.group, 2, checkpoints, spec);
		for (const [index, group] of [
			[1, 0],
			[6, 1]
		] as const) {
			const scores = gradientScores(await answerSketches(examples[index]!, checkpoints, sketches), sketches);
			expect(scores[group], `example ${index}: ${scores}`).toBeGreaterThan(scores[1 - group]!);
		}
		const again = await gradientSketches(examples, (e) => e.group, 2, checkpoints, spec);
		expect(again.sums).toEqual(sketches.sums);
	});

	it('refuses sketches of another shape and examples outside the groups', async () => {
		const sketches = await gradientSketches(examples.slice(0, 2), () => 0, 1, checkpoints, spec);
		expect(() => gradientScores([new Int32Array(256)], sketches)).toThrow(
			'The answer has 1 checkpoint sketches; the adapter kept 2.'
		);
		await expect(gradientSketches(examples, () => 3, 2, checkpoints, spec)).rejects.toThrow('outside [0, 2)');
		await expect(gradientSketches(examples, () => 0, 1, [], spec)).rejects.toThrow('at least one kept checkpoint');
	});
});
