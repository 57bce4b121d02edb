import { beforeAll, describe, expect, it } from 'vitest';
import { tree } from '@jax-js/jax';
import { fixtureWeights, tinyLlamaConfig } from '../model/fixtureModels.ts';
import { initJaxWasm } from '../training/initJaxWasm.ts';
import { jaxWeightsFromHost } from '../training/jaxForward.ts';
import { fixtureExamples, fixtureSettings } from './fineTuneFixtures.testing.ts';
import { measureStepTime } from './measureStepTime.ts';

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
		expect(measured.firstStepSeconds).toBeGreaterThan(measured.secondsPerStep); // the compile
		expect(measured.projectedSeconds).toBeCloseTo(15 * measured.secondsPerStep, 10);
		expect(measured.tokensPerSecond).toBeCloseTo(12 / measured.secondsPerStep, 6);
	});
});
