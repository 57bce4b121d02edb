// Small, learnable fine-tune data for the factory's tests: pairs over the tiny fixture models' 64-token vocabulary
// whose response follows from the prompt, so a few LoRA steps visibly lower the loss.
import { DEFAULT_FINE_TUNE_SETTINGS, type FineTuneSettings } from './fineTuneSettings.ts';
import type { TrainingExample } from './trainingExamples.ts';

/**
 * `count` pair examples: prompt [1, x, 3], response [16 + x, 32 + x, 2] (2 ending the turn), mask on the response.
 *
 * @example
 * const examples = fixtureExamples(24);
 */
export function fixtureExamples(count: number, idPrefix = 'record'): TrainingExample[] {
	return Array.from({ length: count }, (_, i) => {
		const x = 4 + (i % 12);
		return {
			recordId: `${idPrefix}-${i}`,
			sourceIndex: 0,
			kind: 'pair' as const,
			tokenIds: [1, x, 3, 16 + x, 32 + x, 2],
			lossMask: [0, 0, 0, 1, 1, 1],
			truncated: false
		};
	});
}

/** Settings that train the fixtures in a dozen quick steps, checkpointing, validating and snapshotting every 4. */
export const fixtureSettings: FineTuneSettings = {
	...DEFAULT_FINE_TUNE_SETTINGS,
	rank: 4,
	alpha: 8,
	targetModules: ['q_proj', 'v_proj', 'down_proj'],
	learningRate: 2e-2,
	warmupSteps: 2,
	duration: { kind: 'steps', steps: 12 },
	batchSize: 4,
	maxSeqLength: 8,
	checkpointEvery: 4,
	keptCheckpoints: 3,
	validateEvery: 4
};
