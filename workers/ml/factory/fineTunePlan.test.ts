import { describe, expect, it } from 'vitest';
import { DEFAULT_FINE_TUNE_SETTINGS } from './fineTuneSettings.ts';
import { fixtureExamples, fixtureSettings } from './fineTuneFixtures.testing.ts';
import {
	evaluationBatches,
	exampleBatch,
	keptSnapshotSteps,
	learningRates,
	stepBatches,
	trainingSteps
} from './fineTunePlan.ts';

describe('the fine-tune plan', () => {
	it('counts steps from epochs or takes them as given', () => {
		expect(trainingSteps({ kind: 'epochs', epochs: 3 }, 100, 8)).toBe(38);
		expect(trainingSteps({ kind: 'epochs', epochs: 1 }, 3, 8)).toBe(1);
		expect(trainingSteps({ kind: 'steps', steps: 7 }, 100, 8)).toBe(7);
	});

	it('keeps evenly spaced snapshots ending at the last step', () => {
		expect(keptSnapshotSteps(100, 3)).toEqual([33, 67, 100]);
		expect(keptSnapshotSteps(12, 1)).toEqual([12]);
		expect(keptSnapshotSteps(2, 5)).toEqual([1, 2]);
	});

	it('warms up, peaks, and decays to zero by the end', () => {
		const rates = learningRates({ ...DEFAULT_FINE_TUNE_SETTINGS, warmupSteps: 10 }, 100);
		expect(rates[0]).toBe(0);
		expect(rates[10]).toBeCloseTo(2e-3, 15);
		expect(rates[99]).toBeGreaterThan(0);
		expect(rates[99]).toBeLessThan(1e-5);
		// Warmup is cut to a quarter of the run, so a short run still trains at its peak.
		const short = learningRates({ ...DEFAULT_FINE_TUNE_SETTINGS, warmupSteps: 10, schedule: 'linear' }, 8);
		expect(short.slice(0, 3)).toEqual([0, 1e-3, 2e-3]);
		expect(short[7]).toBeCloseTo(2e-3 / 6, 15);
	});

	it('pads every batch to exactly [batchSize, maxSeqLength], weighting only the targets', () => {
		const examples = fixtureExamples(5);
		const order = stepBatches(examples.length, fixtureSettings, 3);
		for (const indices of order) {
			const batch = exampleBatch(examples, indices, fixtureSettings);
			expect([batch.batchSize, batch.seqLength]).toEqual([4, 8]);
			expect(batch.inputIds).toHaveLength(32);
			expect(batch.count).toBe(12);
			// Row 0 [1, x, 3, 16 + x, 32 + x, 2]: positions 2, 3 and 4 predict the response and its end.
			expect([...batch.weights.subarray(0, 8)]).toEqual([0, 0, 1, 1, 1, 0, 0, 0]);
			expect(batch.targets[2]).toBe(examples[indices[0]!]!.tokenIds[3]);
		}
		const batches = [...evaluationBatches(examples, fixtureSettings)];
		expect(batches.map((b) => [b.batchSize, b.count])).toEqual([
			[4, 12],
			[4, 3]
		]);
	});
});
