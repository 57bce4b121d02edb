import { beforeAll, describe, expect, it } from 'vitest';
import { numpy as np } from '@jax-js/jax';
import { referenceLogits } from '../reference/referenceForward.ts';
import { loraScale } from '../core/loraAdapter.ts';
import { jaxForward, jaxLoraFromAdapter, jaxWeightsFromHost } from './jaxForward.ts';
import {
	fixtureAdapter,
	fixtureConfigs,
	fixtureSequences,
	fixtureWeights,
	maxAbsDifference
} from '../model/fixtureModels.ts';
import { initJaxWasm } from './initJaxWasm.ts';

// Float32 jax against the float64 reference through 2 layers of std-0.3 weights (logits of order 1):
// differences are float32 rounding, so 1e-4 absolute is a comfortable bound; the maxima are logged.
const TOLERANCE = 1e-4;

beforeAll(initJaxWasm);

describe('jaxForward', () => {
	for (const [name, config] of Object.entries(fixtureConfigs)) {
		for (const withLora of [false, true]) {
			it(`matches referenceLogits: ${name}, ${withLora ? 'with' : 'without'} LoRA`, async () => {
				const host = fixtureWeights(config, 7);
				const adapter = withLora ? fixtureAdapter(config, 11) : undefined;
				const ids = np.array(fixtureSequences, { dtype: np.int32 });
				const logits = jaxForward(
					{ config, loraScale: adapter ? loraScale(adapter) : 0 },
					jaxWeightsFromHost(config, host),
					adapter ? jaxLoraFromAdapter(config, adapter) : undefined,
					ids
				);
				expect(logits.shape).toEqual([2, 7, config.vocabSize]);
				const values = (await logits.data()) as Float32Array;
				const expected = new Float64Array(
					fixtureSequences.flatMap((row) => [...referenceLogits(config, host, row, { lora: adapter })])
				);
				const error = maxAbsDifference(values, expected);
				console.log(`jaxForward ${name}${withLora ? ' + LoRA' : ''}: max |logit error| ${error.toExponential(2)}`);
				expect(error).toBeLessThan(TOLERANCE);
			});
		}
	}

	it('applies an adapter only to the layers and modules it selects', async () => {
		const config = fixtureConfigs['llama, tied embeddings']!;
		const host = fixtureWeights(config, 3);
		const adapter = fixtureAdapter(config, 5, { targetModules: ['q_proj', 'v_proj', 'down_proj'], layers: [1] });
		const logits = jaxForward(
			{ config, loraScale: loraScale(adapter) },
			jaxWeightsFromHost(config, host),
			jaxLoraFromAdapter(config, adapter),
			np.array([fixtureSequences[0]!], { dtype: np.int32 })
		);
		const values = (await logits.data()) as Float32Array;
		const expected = referenceLogits(config, host, fixtureSequences[0]!, { lora: adapter });
		expect(maxAbsDifference(values, expected)).toBeLessThan(TOLERANCE);
	});
});
