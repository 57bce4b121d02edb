import { describe, expect, it } from 'vitest';
import { loadDefaultModel } from './defaultModel.testing.ts';
import { estimateTrainingMemory } from './estimateTrainingMemory.ts';
import { DEFAULT_FINE_TUNE_SETTINGS } from './fineTuneSettings.ts';

describe('estimateTrainingMemory', () => {
	it('pins the formula on the default model at the default settings (rank 8 on q and v, 8 × 128 tokens)', async () => {
		const { files } = await loadDefaultModel();
		const config = files.config; // hidden 128, 4 layers, 4 heads and 2 kv heads of 32, intermediate 384, vocab 1024
		const estimate = estimateTrainingMemory(config, DEFAULT_FINE_TUNE_SETTINGS, 3_000_000);
		// LoRA: 4 layers × (8 × (128 + 128) + 8 × (128 + 64)) = 14,336 parameters, × 4 copies × 4 bytes.
		expect(estimate.loraParameters).toBe(14_336);
		expect(estimate.loraBytes).toBe(229_376);
		// Per token and layer: 4·128 + 5·128 + 3·64 + 4·384 + 2·4·128 + 8·2 = 3,920 floats.
		expect(estimate.k).toBe(3920 / 128);
		expect(estimate.activationBytes).toBe(8 * 128 * 4 * 3920 * 4);
		expect(estimate.logitsBytes).toBe(8 * 128 * 4 * 1024 * 4);
		expect(estimate.totalBytes).toBe(3_000_000 + 229_376 + 64_225_280 + 16_777_216);
	});

	it('grows with the square of the sequence length through attention, linearly with the batch', async () => {
		const { config } = (await loadDefaultModel()).files;
		const at = (batchSize: number, maxSeqLength: number) =>
			estimateTrainingMemory(config, { ...DEFAULT_FINE_TUNE_SETTINGS, batchSize, maxSeqLength }, 0).activationBytes;
		expect(at(16, 128)).toBe(2 * at(8, 128));
		expect(at(8, 256)).toBeGreaterThan(2 * at(8, 128));
	});
});
