import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { TensorMap } from '../core/hostTensor.ts';
import { maxAbsDifference, tinyLlamaConfig } from '../model/fixtureModels.ts';
import { initializeWeights } from '../model/initializeWeights.ts';
import { referenceLogits } from '../reference/referenceForward.ts';
import { DecoderSessionError, type DecoderSession } from '../core/session.ts';
import { generate, GenerationError } from './generate.ts';
import { createOrtNodeDecoderSession, type BatchKvCache as OrtKvCache } from '../serving/ortNodeDecoderSession.ts';
import { SamplingError } from './sampling.ts';

const config: ModelConfig = tinyLlamaConfig;
const prompt = [1, 17, 42, 5];
// float32 ONNX against the float64 reference (see decoderTestFixtures.ts).
const TOLERANCE = 1e-4;

let weights: TensorMap;
let session: DecoderSession<OrtKvCache>;

beforeAll(async () => {
	weights = initializeWeights(config, { seed: 21, std: 0.3, perturbNormsAndBiases: 0.1 });
	session = await createOrtNodeDecoderSession(config, weights);
});
afterAll(() => session.release());

function lastRow(logits: Float64Array): Float64Array {
	return logits.subarray(logits.length - config.vocabSize);
}

function argmax(row: ArrayLike<number>): number {
	let best = 0;
	for (let id = 1; id < row.length; id++) if (row[id]! > row[best]!) best = id;
	return best;
}

describe('ortNodeDecoderSession', () => {
	it('prefill and cached steps give the reference logits, and a cache can be branched', async () => {
		const prefill = await session.forward(prompt, undefined);
		expect(prefill.cache.length).toBe(prompt.length);
		expect(maxAbsDifference(prefill.lastLogits, lastRow(referenceLogits(config, weights, prompt)))).toBeLessThan(
			TOLERANCE
		);
		for (const next of [7, 63]) {
			const step = await session.forward([next], prefill.cache);
			expect(step.cache.length).toBe(prompt.length + 1);
			const expected = lastRow(referenceLogits(config, weights, [...prompt, next]));
			expect(maxAbsDifference(step.lastLogits, expected)).toBeLessThan(TOLERANCE);
		}
		// A chunk of two on top of a cache.
		const chunk = await session.forward([9, 30], prefill.cache);
		const expected = lastRow(referenceLogits(config, weights, [...prompt, 9, 30]));
		expect(maxAbsDifference(chunk.lastLogits, expected)).toBeLessThan(TOLERANCE);
	});

	it('rejects empty chunks and ids outside the vocabulary', async () => {
		await expect(session.forward([], undefined)).rejects.toThrow(DecoderSessionError);
		await expect(session.forward([1, 64], undefined)).rejects.toThrow(/vocabulary of 64/);
		await expect(session.forward([-1], undefined)).rejects.toThrow(DecoderSessionError);
	});
});

describe('generate', () => {
	it('greedy decoding with the KV cache equals recomputing the full sequence each step', async () => {
		const maxNewTokens = 12;
		const { tokenIds, stoppedBy } = await generate(session, prompt, {
			maxNewTokens,
			sampling: { temperature: 0 },
			seed: 1
		});
		const expected: number[] = [];
		for (let i = 0; i < maxNewTokens; i++) {
			expected.push(argmax(lastRow(referenceLogits(config, weights, [...prompt, ...expected]))));
		}
		expect(tokenIds).toEqual(expected);
		expect(stoppedBy).toBe('length');
	});

	it('greedy decoding with a repetition penalty follows the penalised reference argmax', async () => {
		const penalty = 1.3;
		const { tokenIds } = await generate(session, prompt, {
			maxNewTokens: 8,
			sampling: { temperature: 0, repetitionPenalty: penalty },
			seed: 1
		});
		const sequence = [...prompt];
		for (let i = 0; i < 8; i++) {
			const row = Float64Array.from(lastRow(referenceLogits(config, weights, sequence)));
			for (const id of new Set(sequence)) row[id] = row[id]! > 0 ? row[id]! / penalty : row[id]! * penalty;
			sequence.push(argmax(row));
		}
		expect(tokenIds).toEqual(sequence.slice(prompt.length));
	});

	it('returns the prompt’s last reference logits as firstLogits', async () => {
		const { firstLogits } = await generate(session, prompt, { maxNewTokens: 2, sampling: { temperature: 1 }, seed: 3 });
		expect(maxAbsDifference(firstLogits, lastRow(referenceLogits(config, weights, prompt)))).toBeLessThan(TOLERANCE);
	});

	it('reproduces tokens for a seed at temperature 1 and differs for another seed', async () => {
		const run = (seed: number) =>
			generate(session, prompt, { maxNewTokens: 16, sampling: { temperature: 1 }, seed }).then((r) => r.tokenIds);
		const first = await run(100);
		expect(first).toHaveLength(16);
		expect(await run(100)).toEqual(first);
		expect(await run(101)).not.toEqual(first);
	});

	it('stops at a stop token without returning it', async () => {
		const { tokenIds: free } = await generate(session, prompt, {
			maxNewTokens: 10,
			sampling: { temperature: 0 },
			seed: 1
		});
		const streamed: number[] = [];
		const stopAt = 5;
		const result = await generate(session, prompt, {
			maxNewTokens: 10,
			sampling: { temperature: 0 },
			seed: 1,
			stopTokenIds: [free[stopAt]!],
			onToken: (id) => streamed.push(id)
		});
		const expected = free.slice(0, free.indexOf(free[stopAt]!));
		expect(result.tokenIds).toEqual(expected);
		expect(result.stoppedBy).toBe('stop-token');
		expect(streamed).toEqual(expected);
	});

	it('returns the tokens so far when the signal aborts', async () => {
		const controller = new AbortController();
		const k = 3;
		let forwards = 0;
		const counting: DecoderSession<OrtKvCache> = {
			...session,
			forward: (ids, cache) => {
				forwards++;
				return session.forward(ids, cache);
			}
		};
		const streamed: number[] = [];
		const result = await generate(counting, prompt, {
			maxNewTokens: 20,
			sampling: { temperature: 1 },
			seed: 4,
			signal: controller.signal,
			onToken: (id) => {
				streamed.push(id);
				if (streamed.length === k) controller.abort();
			}
		});
		expect(result.tokenIds).toHaveLength(k);
		expect(result.tokenIds).toEqual(streamed);
		expect(result.stoppedBy).toBe('aborted');
		// Prefill plus k - 1 steps: no step is run for a token that will never be sampled.
		expect(forwards).toBe(k);

		const already = new AbortController();
		already.abort();
		const none = await generate(session, prompt, {
			maxNewTokens: 5,
			sampling: { temperature: 1 },
			seed: 4,
			signal: already.signal
		});
		expect(none).toMatchObject({ tokenIds: [], stoppedBy: 'aborted' });
	});

	it('generates nothing for maxNewTokens 0 but still reports firstLogits', async () => {
		const result = await generate(session, prompt, { maxNewTokens: 0, sampling: { temperature: 1 }, seed: 1 });
		expect(result.tokenIds).toEqual([]);
		expect(result.stoppedBy).toBe('length');
		expect(result.firstLogits).toHaveLength(config.vocabSize);
	});

	it('rejects an empty prompt and invalid options', async () => {
		const options = { maxNewTokens: 1, sampling: { temperature: 1 }, seed: 1 };
		await expect(generate(session, [], options)).rejects.toThrow(GenerationError);
		await expect(generate(session, prompt, { ...options, maxNewTokens: -1 })).rejects.toThrow(/maxNewTokens/);
		await expect(generate(session, prompt, { ...options, maxNewTokens: 1.5 })).rejects.toThrow(GenerationError);
		await expect(generate(session, prompt, { ...options, sampling: { temperature: 1, topP: 2 } })).rejects.toThrow(
			SamplingError
		);
	});
});
