import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../core/modelConfig.ts';
import { initializeWeights } from '../model/initializeWeights.ts';
import { fixtureAdapter } from '../model/fixtureModels.ts';
import { referenceLogits, type LoraAdapter } from '../reference/referenceForward.ts';
import { generate } from '../generation/generate.ts';
import { createOrtNodeDecoderSession } from './ortNodeDecoderSession.ts';
import { tinyLlamaConfig } from '../model/fixtureModels.ts';

const config: ModelConfig = { ...tinyLlamaConfig, numKeyValueHeads: 2, eosTokenIds: [] };
const prompt = [1, 17, 42, 5];
// float32 ONNX against the float64 reference (see decoderTestFixtures.ts).
const TOLERANCE = 1e-4;

function argmax(row: ArrayLike<number>): number {
	let best = 0;
	for (let id = 1; id < row.length; id++) if (row[id]! > row[best]!) best = id;
	return best;
}

function greedyReference(lora: LoraAdapter | undefined, steps: number): number[] {
	const ids = [...prompt];
	for (let step = 0; step < steps; step++)
		ids.push(argmax(referenceLogits(config, weights, ids, lora ? { lora } : {}).subarray(-config.vocabSize)));
	return ids.slice(prompt.length);
}

const weights = initializeWeights(config, { seed: 8, std: 0.3 });

describe('createOrtNodeDecoderSession with a LoRA adapter', () => {
	const adapters: Record<string, LoraAdapter> = {
		'every projection, every layer': fixtureAdapter(config, 5, {
			rank: 4,
			alpha: 8,
			useRsLora: false,
			targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']
		}),
		'rsLoRA on q/v of layer 1 only': fixtureAdapter(config, 6, {
			rank: 2,
			alpha: 3,
			useRsLora: true,
			targetModules: ['q_proj', 'v_proj'],
			layers: [1]
		})
	};
	for (const [label, lora] of Object.entries(adapters)) {
		it(`generates what the reference with the adapter does: ${label}`, async () => {
			const session = await createOrtNodeDecoderSession(config, weights, {}, { lora });
			try {
				const result = await generate(session, prompt, { maxNewTokens: 6, sampling: { temperature: 0 }, seed: 1 });
				const expected = referenceLogits(config, weights, prompt, { lora }).subarray(-config.vocabSize);
				let worst = 0;
				for (let i = 0; i < expected.length; i++)
					worst = Math.max(worst, Math.abs(result.firstLogits[i]! - expected[i]!));
				expect(worst).toBeLessThan(TOLERANCE);
				expect(result.tokenIds).toStrictEqual(greedyReference(lora, 6));
			} finally {
				await session.release();
			}
		});
	}

	it('the adapter changes the logits (the base session does not apply it)', async () => {
		const lora = adapters['every projection, every layer']!;
		const base = await createOrtNodeDecoderSession(config, weights);
		const adapted = await createOrtNodeDecoderSession(config, weights, {}, { lora });
		try {
			const a = (await base.forward(prompt, undefined)).lastLogits;
			const b = (await adapted.forward(prompt, undefined)).lastLogits;
			const baseline = referenceLogits(config, weights, prompt).subarray(-config.vocabSize);
			let change = 0;
			let baseError = 0;
			for (let i = 0; i < a.length; i++) {
				change = Math.max(change, Math.abs(a[i]! - b[i]!));
				baseError = Math.max(baseError, Math.abs(a[i]! - baseline[i]!));
			}
			expect(change).toBeGreaterThan(0.01);
			expect(baseError).toBeLessThan(TOLERANCE);
		} finally {
			await base.release();
			await adapted.release();
		}
	});
});
