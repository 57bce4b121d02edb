import { beforeAll, describe, expect, it } from 'vitest';
import { tree } from '@jax-js/jax';
import { fixtureWeights, tinyLlamaConfig } from '../model/fixtureModels.ts';
import { initJaxWasm } from '../training/initJaxWasm.ts';
import { jaxWeightsFromHost } from '../training/jaxForward.ts';
import { fixtureExamples, fixtureSettings } from './fineTuneFixtures.testing.ts';
import { measureStepTime } from './measureStepTime.ts';
import { TrainingOutOfMemoryError } from './errors.ts';

beforeAll(initJaxWasm);

describe('measureStepTime', () => {
	it('times real steps after the compile and projects the run', async () => {
		const base = jaxWeightsFromHost(tinyLlamaConfig, fixtureWeights(tinyLlamaConfig, 3));
		const settings = { ...fixtureSettings, duration: { kind: 'epochs' as const, epochs: 3 } };
		const measured = await measureStepTime({ config: tinyLlamaConfig, base, train: fixtureExamples(20), settings });
		tree.dispose(base);
		expect(measured.totalSteps).toBe(15);
		expect(measured.measuredSteps).toBe(3);
		expect(measured.secondsPerStep).toBeGreaterThan(0);
		expect(measured.firstStepSeconds).toBeGreaterThan(0);
		expect(measured.projectedSeconds).toBeCloseTo(15 * measured.secondsPerStep, 10);
		expect(measured.tokensPerSecond).toBeCloseTo(12 / measured.secondsPerStep, 6);
	});

	it('reports a GPU out of memory raised between steps as advice for a smaller batch or sequence length', async () => {
		const base = jaxWeightsFromHost(tinyLlamaConfig, fixtureWeights(tinyLlamaConfig, 3));
		let steps = 0;
		const measuring = measureStepTime({
			config: tinyLlamaConfig,
			base,
			train: fixtureExamples(20),
			settings: fixtureSettings,
			// As WebGPU reports it: an uncaptured GPUOutOfMemoryError the worker raises after the step it happened in.
			afterStep: () => {
				if (++steps === 2)
					throw Object.assign(new Error('Out of memory: could not allocate a buffer'), { name: 'GPUOutOfMemoryError' });
			}
		});
		await expect(measuring).rejects.toBeInstanceOf(TrainingOutOfMemoryError);
		await expect(measuring).rejects.toThrow(/Try batch size \d+ or sequence length \d+/);
		expect(steps).toBe(2);
		tree.dispose(base);
	});
});
