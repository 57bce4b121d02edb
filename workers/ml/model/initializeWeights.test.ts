import { describe, expect, it } from 'vitest';
import { referenceLogits } from '../reference/referenceForward.ts';
import { parseSafetensors, writeSafetensors } from '../formats/safetensors.ts';
import { initializeWeights } from './initializeWeights.ts';
import type { ModelConfig } from '../core/modelConfig.ts';

const qwenLike: ModelConfig = {
	modelType: 'qwen2',
	vocabSize: 40,
	hiddenSize: 16,
	intermediateSize: 24,
	numLayers: 2,
	numHeads: 4,
	numKeyValueHeads: 2,
	headDim: 4,
	rmsNormEps: 1e-6,
	ropeTheta: 10_000,
	ropeScaling: { type: 'none' },
	maxPositionEmbeddings: 64,
	tieWordEmbeddings: false,
	attentionBias: true,
	eosTokenIds: [1]
};

describe('initializeWeights', () => {
	it('gives every tensor the reference forward pass needs, deterministically per seed', () => {
		const a = initializeWeights(qwenLike, { seed: 7 });
		const b = initializeWeights(qwenLike, { seed: 7 });
		const c = initializeWeights(qwenLike, { seed: 8 });
		expect([...a.keys()]).toEqual([...b.keys()]);
		expect(a.get('model.layers.1.mlp.down_proj.weight')?.data).toEqual(
			b.get('model.layers.1.mlp.down_proj.weight')?.data
		);
		expect(a.get('model.layers.1.mlp.down_proj.weight')?.data).not.toEqual(
			c.get('model.layers.1.mlp.down_proj.weight')?.data
		);
		expect(a.get('model.layers.0.self_attn.k_proj.weight')?.shape).toEqual([8, 16]);
		expect(a.has('lm_head.weight')).toBe(true);
		expect(a.get('model.layers.0.self_attn.q_proj.bias')?.data.every((v) => v === 0)).toBe(true);
		expect(a.get('model.norm.weight')?.data.every((v) => v === 1)).toBe(true);
		const logits = referenceLogits(qwenLike, a, [3, 9, 27]);
		expect(logits.length).toBe(3 * 40);
		expect(logits.every(Number.isFinite)).toBe(true);
	});

	it('draws matrices with the requested spread, and perturbs norms and biases for fixtures', () => {
		const weights = initializeWeights(qwenLike, { seed: 1, std: 0.5, perturbNormsAndBiases: 0.2 });
		const embedding = weights.get('model.embed_tokens.weight')!.data;
		const mean = embedding.reduce((s, v) => s + v, 0) / embedding.length;
		const variance = embedding.reduce((s, v) => s + (v - mean) ** 2, 0) / embedding.length;
		expect(Math.abs(mean)).toBeLessThan(0.1);
		expect(Math.sqrt(variance)).toBeGreaterThan(0.4);
		expect(Math.sqrt(variance)).toBeLessThan(0.6);
		const norm = weights.get('model.norm.weight')!.data;
		expect(norm.some((v) => v !== 1) && norm.every((v) => v >= 0.8 && v <= 1.2)).toBe(true);
		expect(weights.get('model.layers.0.self_attn.v_proj.bias')!.data.some((v) => v !== 0)).toBe(true);
	});

	it('survives a safetensors round trip with identical logits', () => {
		const weights = initializeWeights(qwenLike, { seed: 3, std: 0.3, perturbNormsAndBiases: 0.1 });
		const reread = parseSafetensors(writeSafetensors(weights)).tensors;
		expect(referenceLogits(qwenLike, reread, [5, 6, 7])).toEqual(referenceLogits(qwenLike, weights, [5, 6, 7]));
	});
});
