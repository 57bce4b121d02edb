import { describe, expect, it } from 'vitest';
import { fixtureAdapter, fixtureConfigs, fixtureWeights } from '../model/fixtureModels.ts';
import { generate } from '../generation/generate.ts';
import { createOrtNodeServingSession } from './ortNodeServingSession.ts';
import { rowDecoderSession } from '../core/session.ts';
import { ALL_LORA_TARGETS } from './servingTargets.ts';
import { generateBatch } from './generateBatch.ts';

const config = fixtureConfigs['Qwen2-like, biases, untied head']!;
const weights = fixtureWeights(config, 42);
const adapters = [
	fixtureAdapter(config, 11, { rank: 4, targetModules: ['q_proj', 'v_proj'] }),
	fixtureAdapter(config, 12, { rank: 2, useRsLora: true, targetModules: ['gate_proj', 'down_proj'] })
];
const prompt = [1, 17, 42, 5];

async function servingWithAdapters() {
	const serving = await createOrtNodeServingSession(config, weights, { targets: ALL_LORA_TARGETS, rank: 4, slots: 3 });
	await serving.writeSlot(1, adapters[0]);
	await serving.writeSlot(2, adapters[1]);
	return serving;
}

describe('generateBatch', () => {
	it.each([
		['greedy', { temperature: 0 }],
		['sampled', { temperature: 0.9, topK: 20, topP: 0.95, repetitionPenalty: 1.1 }]
	])('gives each row the tokens its adapter gives alone (%s)', async (_, sampling) => {
		const serving = await servingWithAdapters();
		const slots = [0, 1, 2, 1];
		const streamed: number[][] = slots.map(() => []);
		const batch = await generateBatch(
			serving,
			slots.map((slot) => ({ promptIds: prompt, slot })),
			{ maxNewTokens: 12, sampling, seed: 5, onToken: (row, id) => streamed[row]!.push(id) }
		);
		for (const [row, slot] of slots.entries()) {
			const alone = await generate(rowDecoderSession(serving, slot), prompt, { maxNewTokens: 12, sampling, seed: 5 });
			expect(batch[row]!.tokenIds).toEqual(alone.tokenIds);
			expect(streamed[row]).toEqual(alone.tokenIds);
		}
		// Different adapters really answer differently (else the test above proves little).
		expect(batch[0]!.tokenIds).not.toEqual(batch[1]!.tokenIds);
		await serving.release();
	});

	it('stops a row at its stop token while the others go on', async () => {
		const serving = await servingWithAdapters();
		const free = await generateBatch(serving, [{ promptIds: prompt, slot: 1 }, { promptIds: prompt, slot: 2 }], {
			maxNewTokens: 8,
			sampling: { temperature: 0 },
			seed: 1
		});
		// Make row 0's third token a stop token; row 1 must be unaffected unless it emits it too.
		const stop = free[0]!.tokenIds[2]!;
		const stopped = await generateBatch(serving, [{ promptIds: prompt, slot: 1 }, { promptIds: prompt, slot: 2 }], {
			maxNewTokens: 8,
			sampling: { temperature: 0 },
			seed: 1,
			stopTokenIds: [stop]
		});
		expect(stopped[0]).toEqual({ tokenIds: free[0]!.tokenIds.slice(0, 2), stoppedBy: 'stop-token' });
		const firstStop = free[1]!.tokenIds.indexOf(stop);
		expect(stopped[1]!.tokenIds).toEqual(firstStop === -1 ? free[1]!.tokenIds : free[1]!.tokenIds.slice(0, firstStop));
		await serving.release();
	});

	it('returns what it has when aborted, and refuses prompts of different lengths', async () => {
		const serving = await servingWithAdapters();
		const controller = new AbortController();
		let seen = 0;
		const results = await generateBatch(serving, [{ promptIds: prompt, slot: 0 }, { promptIds: prompt, slot: 1 }], {
			maxNewTokens: 20,
			sampling: { temperature: 0 },
			seed: 1,
			signal: controller.signal,
			onToken: () => {
				if (++seen === 4) controller.abort();
			}
		});
		expect(results.map((r) => r.tokenIds.length)).toEqual([2, 2]);
		expect(results.map((r) => r.stoppedBy)).toEqual(['aborted', 'aborted']);
		await expect(
			generateBatch(serving, [{ promptIds: [1, 2], slot: 0 }, { promptIds: [1], slot: 0 }], {
				maxNewTokens: 2,
				sampling: { temperature: 0 },
				seed: 1
			})
		).rejects.toThrow(/same length/);
		await serving.release();
	});
});
