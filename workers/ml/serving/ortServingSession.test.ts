import { describe, expect, it } from 'vitest';
import { referenceLogits } from '../reference/referenceForward.ts';
import type { LoraAdapter } from '../core/loraAdapter.ts';
import { fixtureAdapter, fixtureConfigs, fixtureWeights, maxAbsDifference } from '../model/fixtureModels.ts';
import { TOLERANCE } from '../onnx/decoderTestFixtures.ts';
import { createOrtNodeServingSession } from './ortNodeServingSession.ts';
import { ALL_LORA_TARGETS } from './servingTargets.ts';

const rows = [
	[1, 17, 42, 5, 63, 0, 9],
	[3, 3, 60, 21, 8, 44, 31],
	[7, 50, 2, 2, 19, 33, 12],
	[1, 17, 42, 5, 63, 0, 9]
];
// Row 3 repeats row 0's tokens on another slot: same input, different adapter, different answer.
const slotOfRow = [1, 0, 2, 2];

function adaptersFor(config: (typeof fixtureConfigs)[string]): LoraAdapter[] {
	return [
		fixtureAdapter(config, 1, { rank: 4, alpha: 8, targetModules: ['q_proj', 'v_proj', 'down_proj'] }),
		fixtureAdapter(config, 2, {
			rank: 2,
			alpha: 3,
			useRsLora: true,
			targetModules: ['k_proj', 'o_proj', 'gate_proj', 'up_proj'],
			layers: [1]
		})
	];
}

describe('the onnxruntime serving session', () => {
	Object.entries(fixtureConfigs).forEach(([label, config], index) => {
		it(`serves a batch mixing adapters, each row equal to the reference and to its adapter alone: ${label}`, async () => {
			const weights = fixtureWeights(config, 500 + index);
			const adapters = adaptersFor(config);
			const serving = await createOrtNodeServingSession(config, weights, { targets: ALL_LORA_TARGETS, rank: 4, slots: 4 });
			await serving.writeSlot(1, adapters[0]);
			await serving.writeSlot(2, adapters[1]);
			const vocab = config.vocabSize;
			const prefillLength = rows[0]!.length - 2;

			// Prefill five tokens, then two cached single-token steps: every step of every row checked.
			let result = await serving.forwardBatch(
				rows.map((ids) => ids.slice(0, prefillLength)),
				slotOfRow,
				undefined
			);
			for (let length = prefillLength; ; length++) {
				for (let row = 0; row < rows.length; row++) {
					const slot = slotOfRow[row]!;
					const expected = referenceLogits(config, weights, rows[row]!.slice(0, length), slot ? { lora: adapters[slot - 1]! } : {});
					expect(maxAbsDifference(result.lastLogits[row]!, expected.subarray((length - 1) * vocab))).toBeLessThan(TOLERANCE);
				}
				if (length === rows[0]!.length) break;
				const previous = result.cache;
				result = await serving.forwardBatch(
					rows.map((ids) => [ids[length]!]),
					slotOfRow,
					previous
				);
				serving.releaseCache(previous);
				expect(result.cache.length).toBe(length + 1);
			}

			// The same rows one at a time give the batch's numbers.
			for (let row = 0; row < rows.length; row++) {
				const alone = await serving.forwardBatch([rows[row]!], [slotOfRow[row]!], undefined);
				expect(maxAbsDifference(alone.lastLogits[0]!, result.lastLogits[row]!)).toBeLessThan(1e-5);
			}
			await serving.release();
		});
	});

	it('rewriting a slot changes only the rows on it, with no new session', async () => {
		const config = fixtureConfigs['GQA (8 heads, 2 kv heads)']!;
		const weights = fixtureWeights(config, 7);
		const [first, second] = adaptersFor(config);
		const serving = await createOrtNodeServingSession(config, weights, { targets: ALL_LORA_TARGETS, rank: 4, slots: 3 });
		await serving.writeSlot(1, first);
		await serving.writeSlot(2, first);
		const before = await serving.forwardBatch([rows[0]!, rows[0]!, rows[0]!], [0, 1, 2], undefined);
		expect(maxAbsDifference(before.lastLogits[1]!, before.lastLogits[2]!)).toBe(0);
		expect(maxAbsDifference(before.lastLogits[0]!, before.lastLogits[1]!)).toBeGreaterThan(1e-3);

		await serving.writeSlot(2, second);
		const after = await serving.forwardBatch([rows[0]!, rows[0]!, rows[0]!], [0, 1, 2], undefined);
		expect(after.lastLogits[0]).toEqual(before.lastLogits[0]);
		expect(after.lastLogits[1]).toEqual(before.lastLogits[1]);
		const expected = referenceLogits(config, weights, rows[0]!, { lora: second! });
		expect(maxAbsDifference(after.lastLogits[2]!, expected.subarray((rows[0]!.length - 1) * config.vocabSize))).toBeLessThan(TOLERANCE);

		// Emptying the slot makes it the base model again.
		await serving.writeSlot(2, undefined);
		const emptied = await serving.forwardBatch([rows[0]!], [2], undefined);
		expect(maxAbsDifference(emptied.lastLogits[0]!, before.lastLogits[0]!)).toBeLessThan(1e-6);
		await serving.release();
	});

	it('refuses what it cannot run, saying why', async () => {
		const config = fixtureConfigs['llama, tied embeddings']!;
		const weights = fixtureWeights(config, 8);
		const serving = await createOrtNodeServingSession(config, weights, { targets: ALL_LORA_TARGETS, rank: 2, slots: 2 });
		await expect(serving.forwardBatch([[1, 2], [3]], [0, 0], undefined)).rejects.toThrow(/same length/);
		await expect(serving.forwardBatch([[1, 2]], [2], undefined)).rejects.toThrow(/outside the adapter pool \(0…1\)/);
		await expect(serving.forwardBatch([[1, 2]], [0, 1], undefined)).rejects.toThrow(/1 rows need 1 slot/);
		await expect(serving.forwardBatch([[1, 999]], [0], undefined)).rejects.toThrow(/outside the model's vocabulary/);
		await expect(serving.writeSlot(0, fixtureAdapter(config, 1, { rank: 2 }))).rejects.toThrow(/slot 0 is not one/);
		await expect(serving.writeSlot(1, fixtureAdapter(config, 1, { rank: 4 }))).rejects.toThrow(/rank 4 does not fit a pool of rank 2/);

		const { cache } = await serving.forwardBatch([[1, 2]], [0], undefined);
		await expect(serving.forwardBatch([[3], [4]], [0, 0], cache)).rejects.toThrow(/holds 1 rows; this batch has 2/);
		serving.releaseCache(cache);
		await expect(serving.forwardBatch([[3]], [0], cache)).rejects.toThrow(/released/);
		await serving.release();
	});

	it('reports its memory: base weights and one slot of every pool', async () => {
		const config = fixtureConfigs['llama, tied embeddings']!;
		const weights = fixtureWeights(config, 9);
		const serving = await createOrtNodeServingSession(config, weights, { targets: ALL_LORA_TARGETS, rank: 4, slots: 5 });
		let weightFloats = 0;
		for (const tensor of weights.values()) weightFloats += tensor.data.length;
		expect(serving.baseBytes).toBe(weightFloats * 4);
		// Per layer, each module's A [in, r] and B [r, out]: r·(in + out) floats.
		const { hiddenSize: h, intermediateSize: m, numHeads, numKeyValueHeads, headDim, numLayers } = config;
		const q = numHeads * headDim;
		const kv = numKeyValueHeads * headDim;
		const perLayer = 4 * ((h + q) + (h + kv) * 2 + (q + h) + (h + m) * 2 + (m + h));
		expect(serving.slotBytes).toBe(perLayer * numLayers * 4);
		expect(serving.slots).toBe(5);
		expect(serving.memory).toBe('host');
		await serving.release();
	});
});
