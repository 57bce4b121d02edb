import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { HostTensor, TensorMap } from '../core/hostTensor.ts';
import { applyRope, referenceLogits, ReferenceForwardError, ropeInverseFrequencies } from './referenceForward.ts';
import { loraModulePrefix, type LoraAdapter, type LoraTargetModule } from '../core/loraAdapter.ts';

// A seeded PRNG (mulberry32) so every random model is the same on every run.
function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function randomTensor(rng: () => number, shape: number[], spread = 0.5): HostTensor {
	const size = shape.reduce((a, b) => a * b, 1);
	const data = new Float32Array(size);
	for (let i = 0; i < size; i++) data[i] = (rng() * 2 - 1) * spread;
	return { shape, data };
}

function tensor(shape: number[], values: number[]): HostTensor {
	return { shape, data: Float32Array.from(values) };
}

const baseConfig: ModelConfig = {
	modelType: 'llama',
	vocabSize: 11,
	hiddenSize: 8,
	intermediateSize: 12,
	numLayers: 2,
	numHeads: 2,
	numKeyValueHeads: 2,
	headDim: 4,
	rmsNormEps: 1e-5,
	ropeTheta: 10000,
	ropeScaling: { type: 'none' },
	maxPositionEmbeddings: 64,
	tieWordEmbeddings: true,
	attentionBias: false,
	eosTokenIds: [2]
};

const configs: Record<string, ModelConfig> = {
	'plain Llama, tied embeddings': baseConfig,
	'GQA (4 heads, 2 kv heads)': { ...baseConfig, numHeads: 4, numKeyValueHeads: 2, headDim: 2 },
	'Qwen2-like, biases and untied head': {
		...baseConfig,
		modelType: 'qwen2',
		attentionBias: true,
		tieWordEmbeddings: false,
		ropeTheta: 1e6
	},
	'llama3 rope scaling': {
		...baseConfig,
		headDim: 8,
		numHeads: 1,
		numKeyValueHeads: 1,
		ropeTheta: 500000,
		ropeScaling: { type: 'llama3', factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: 32 }
	}
};

/** Every tensor the config needs, random; norm weights around 1 as in trained models. */
function randomWeights(config: ModelConfig, seed: number): Map<string, HostTensor> {
	const rng = mulberry32(seed);
	const { hiddenSize: hidden, intermediateSize: inter, vocabSize: vocab } = config;
	const qWidth = config.numHeads * config.headDim;
	const kvWidth = config.numKeyValueHeads * config.headDim;
	const norm = () => {
		const t = randomTensor(rng, [hidden], 0.2);
		for (let i = 0; i < hidden; i++) t.data[i] = t.data[i]! + 1;
		return t;
	};
	const weights = new Map<string, HostTensor>();
	weights.set('model.embed_tokens.weight', randomTensor(rng, [vocab, hidden], 1));
	for (let layer = 0; layer < config.numLayers; layer++) {
		const p = `model.layers.${layer}`;
		weights.set(`${p}.input_layernorm.weight`, norm());
		weights.set(`${p}.self_attn.q_proj.weight`, randomTensor(rng, [qWidth, hidden], 1));
		weights.set(`${p}.self_attn.k_proj.weight`, randomTensor(rng, [kvWidth, hidden], 1));
		weights.set(`${p}.self_attn.v_proj.weight`, randomTensor(rng, [kvWidth, hidden]));
		weights.set(`${p}.self_attn.o_proj.weight`, randomTensor(rng, [hidden, qWidth]));
		if (config.attentionBias) {
			weights.set(`${p}.self_attn.q_proj.bias`, randomTensor(rng, [qWidth]));
			weights.set(`${p}.self_attn.k_proj.bias`, randomTensor(rng, [kvWidth]));
			weights.set(`${p}.self_attn.v_proj.bias`, randomTensor(rng, [kvWidth]));
		}
		weights.set(`${p}.post_attention_layernorm.weight`, norm());
		weights.set(`${p}.mlp.gate_proj.weight`, randomTensor(rng, [inter, hidden]));
		weights.set(`${p}.mlp.up_proj.weight`, randomTensor(rng, [inter, hidden]));
		weights.set(`${p}.mlp.down_proj.weight`, randomTensor(rng, [hidden, inter]));
	}
	weights.set('model.norm.weight', norm());
	if (!config.tieWordEmbeddings) weights.set('lm_head.weight', randomTensor(rng, [vocab, hidden]));
	return weights;
}

function expectClose(actual: Float64Array, expected: Float64Array | number[], tolerance: number): void {
	expect(actual.length).toBe(expected.length);
	for (let i = 0; i < actual.length; i++)
		expect(Math.abs(actual[i]! - expected[i]!), `index ${i}`).toBeLessThanOrEqual(tolerance);
}

function maxAbsDifference(a: Float64Array, b: Float64Array): number {
	let max = 0;
	for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
	return max;
}

const tokens = [1, 5, 3, 9, 0, 7];

describe('referenceLogits on random models', () => {
	for (const [name, config] of Object.entries(configs)) {
		it(`${name}: returns finite logits of shape [tokens × vocab]`, () => {
			const logits = referenceLogits(config, randomWeights(config, 1), tokens);
			expect(logits).toBeInstanceOf(Float64Array);
			expect(logits.length).toBe(tokens.length * config.vocabSize);
			expect(logits.every(Number.isFinite)).toBe(true);
		});

		it(`${name}: is causal (logits at t ignore later tokens)`, () => {
			const weights = randomWeights(config, 2);
			const logits = referenceLogits(config, weights, tokens);
			const changed = referenceLogits(config, weights, [...tokens.slice(0, 3), 2, 8, 4]);
			const prefix = 3 * config.vocabSize;
			expect(changed.subarray(0, prefix)).toEqual(logits.subarray(0, prefix));
			// ...while the later positions really do change, so the check above is not vacuous.
			expect(maxAbsDifference(changed.subarray(prefix), logits.subarray(prefix))).toBeGreaterThan(1e-3);
		});
	}

	it('the llama3 scaled model differs from the unscaled one (scaling is applied)', () => {
		const config = configs['llama3 rope scaling']!;
		const weights = randomWeights(config, 3);
		const scaled = referenceLogits(config, weights, tokens);
		const plain = referenceLogits({ ...config, ropeScaling: { type: 'none' } }, weights, tokens);
		expect(maxAbsDifference(scaled, plain)).toBeGreaterThan(1e-6);
	});
});

describe('grouped-query attention', () => {
	it('equals the multi-head model whose k/v rows repeat each kv head per group', () => {
		const gqa: ModelConfig = { ...configs['GQA (4 heads, 2 kv heads)']!, attentionBias: true };
		const mha: ModelConfig = { ...gqa, numKeyValueHeads: gqa.numHeads };
		const weights = randomWeights(gqa, 4);
		const expanded = new Map(weights);
		const group = gqa.numHeads / gqa.numKeyValueHeads;
		const d = gqa.headDim;
		const hidden = gqa.hiddenSize;
		// Query head h reads kv head floor(h / group): copy that head's rows (and bias) into slot h.
		const repeatRows = (source: HostTensor, rowWidth: number): HostTensor => {
			const data = new Float32Array(gqa.numHeads * d * rowWidth);
			for (let h = 0; h < gqa.numHeads; h++) {
				const from = Math.floor(h / group) * d * rowWidth;
				data.set(source.data.subarray(from, from + d * rowWidth), h * d * rowWidth);
			}
			return { shape: rowWidth === 1 ? [gqa.numHeads * d] : [gqa.numHeads * d, rowWidth], data };
		};
		for (let layer = 0; layer < gqa.numLayers; layer++) {
			for (const proj of ['k_proj', 'v_proj']) {
				const p = `model.layers.${layer}.self_attn.${proj}`;
				expanded.set(`${p}.weight`, repeatRows(weights.get(`${p}.weight`)!, hidden));
				expanded.set(`${p}.bias`, repeatRows(weights.get(`${p}.bias`)!, 1));
			}
		}
		const expected = referenceLogits(mha, expanded, tokens);
		expect(referenceLogits(gqa, weights, tokens)).toEqual(expected);
		// A wrong head mapping (e.g. h % numKv) would not match: mapping heads the other way changes the result.
		const wrong = new Map(expanded);
		for (let layer = 0; layer < gqa.numLayers; layer++) {
			const p = `model.layers.${layer}.self_attn.v_proj.weight`;
			const source = weights.get(p)!;
			const data = new Float32Array(gqa.numHeads * d * hidden);
			for (let h = 0; h < gqa.numHeads; h++) {
				const from = (h % gqa.numKeyValueHeads) * d * hidden;
				data.set(source.data.subarray(from, from + d * hidden), h * d * hidden);
			}
			wrong.set(p, { shape: [gqa.numHeads * d, hidden], data });
		}
		expect(maxAbsDifference(referenceLogits(mha, wrong, tokens), expected)).toBeGreaterThan(1e-4);
	});
});

describe('a hand-computed model', () => {
	it('1 layer, hidden 2, 1 head, 2 tokens', () => {
		const eps = 1e-6;
		const config: ModelConfig = {
			...baseConfig,
			vocabSize: 2,
			hiddenSize: 2,
			intermediateSize: 1,
			numLayers: 1,
			numHeads: 1,
			numKeyValueHeads: 1,
			headDim: 2,
			rmsNormEps: eps,
			// headDim 2 has one frequency, theta^0 = 1, so position p rotates by p radians whatever theta is.
			ropeTheta: 10000
		};
		const weights: TensorMap = new Map([
			['model.embed_tokens.weight', tensor([2, 2], [1, 0, 0, 2])],
			['model.layers.0.input_layernorm.weight', tensor([2], [1, 1])],
			['model.layers.0.self_attn.q_proj.weight', tensor([2, 2], [1, 0, 0, 1])],
			['model.layers.0.self_attn.k_proj.weight', tensor([2, 2], [1, 0, 0, 1])],
			// Asymmetric v and o so a transposed matmul would show.
			['model.layers.0.self_attn.v_proj.weight', tensor([2, 2], [1, 2, 0, 1])],
			['model.layers.0.self_attn.o_proj.weight', tensor([2, 2], [1, 0, 1, 1])],
			['model.layers.0.post_attention_layernorm.weight', tensor([2], [1, 1])],
			['model.layers.0.mlp.gate_proj.weight', tensor([1, 2], [1, 1])],
			['model.layers.0.mlp.up_proj.weight', tensor([1, 2], [1, -1])],
			['model.layers.0.mlp.down_proj.weight', tensor([2, 1], [1, 0.5])],
			['model.norm.weight', tensor([2], [1, 0.5])]
		]);

		// Token 0 embeds as (1, 0), token 1 as (0, 2); RMSNorm (weights 1) of each.
		const n0 = [1 / Math.sqrt(0.5 + eps), 0];
		const n1 = [0, 2 / Math.sqrt(2 + eps)];
		// q = k = n (identity). Position 0: no rotation (q0 = k0 = n0). Position 1: rotate (a, b) by 1 radian → (a cos1 - b sin1, b cos1 + a sin1).
		const k0 = n0;
		const q1 = [-n1[1]! * Math.sin(1), n1[1]! * Math.cos(1)];
		const k1 = q1;
		// v = Wv·n with Wv = [[1, 2], [0, 1]].
		const v0 = [n0[0]! + 2 * n0[1]!, n0[1]!];
		const v1 = [n1[0]! + 2 * n1[1]!, n1[1]!];
		// Position 0 sees only itself; position 1 softmaxes its two scores (scale 1/sqrt(2)).
		const a0 = v0;
		const s10 = (q1[0]! * k0[0]! + q1[1]! * k0[1]!) / Math.SQRT2;
		const s11 = (q1[0]! * k1[0]! + q1[1]! * k1[1]!) / Math.SQRT2;
		const w10 = Math.exp(s10) / (Math.exp(s10) + Math.exp(s11));
		const w11 = 1 - w10;
		const a1 = [w10 * v0[0]! + w11 * v1[0]!, w10 * v0[1]! + w11 * v1[1]!];
		// o = Wo·a with Wo = [[1, 0], [1, 1]], added to the embeddings.
		const r0 = [1 + a0[0]!, 0 + a0[0]! + a0[1]!];
		const r1 = [0 + a1[0]!, 2 + a1[0]! + a1[1]!];
		// MLP: h = RMSNorm(r); gate = h0 + h1, up = h0 - h1, m = silu(gate)·up; down = (m, m/2).
		const mlp = (r: number[]) => {
			const rms = Math.sqrt((r[0]! ** 2 + r[1]! ** 2) / 2 + eps);
			const h = [r[0]! / rms, r[1]! / rms];
			const gate = h[0]! + h[1]!;
			const m = (gate / (1 + Math.exp(-gate))) * (h[0]! - h[1]!);
			return [r[0]! + m, r[1]! + 0.5 * m];
		};
		// Final RMSNorm with weights (1, 0.5), then the tied head: logits = (f·e0, f·e1) = (f0, 2·f1).
		const logitsOf = (x: number[]) => {
			const rms = Math.sqrt((x[0]! ** 2 + x[1]! ** 2) / 2 + eps);
			const f = [x[0]! / rms, (0.5 * x[1]!) / rms];
			return [f[0]!, 2 * f[1]!];
		};
		const expected = [...logitsOf(mlp(r0)), ...logitsOf(mlp(r1))];

		expectClose(referenceLogits(config, weights, [0, 1]), expected, 1e-12);
	});
});

describe('RoPE', () => {
	const rng = mulberry32(5);
	const vector = (n: number) => Array.from({ length: n }, () => rng() * 2 - 1);
	const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
		let sum = 0;
		for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
		return sum;
	};

	it('position 0 is the identity', () => {
		const q = vector(8);
		expect(Array.from(applyRope(q, 0, ropeInverseFrequencies(configs['llama3 rope scaling']!)))).toEqual(q);
	});

	it('pairs element i with i + headDim/2 (rotate_half), not adjacent elements', () => {
		// headDim 4, theta 1: both frequencies are 1, so position π/2 maps (a, b, c, d) to (-c, -d, a, b).
		const rotated = applyRope(
			[1, 2, 3, 4],
			Math.PI / 2,
			ropeInverseFrequencies({ headDim: 4, ropeTheta: 1, ropeScaling: { type: 'none' } })
		);
		expectClose(rotated, [-3, -4, 1, 2], 1e-12);
	});

	for (const [name, config] of Object.entries(configs)) {
		it(`${name}: q·k depends only on the relative position`, () => {
			const invFreq = ropeInverseFrequencies(config);
			const q = vector(config.headDim);
			const k = vector(config.headDim);
			for (const [m, n, shift] of [
				[0, 3, 5],
				[7, 2, 11],
				[4, 4, 100]
			] as const) {
				const base = dot(applyRope(q, m, invFreq), applyRope(k, n, invFreq));
				const shifted = dot(applyRope(q, m + shift, invFreq), applyRope(k, n + shift, invFreq));
				expect(Math.abs(base - shifted)).toBeLessThan(1e-12);
			}
			// ...and does depend on it, so the check is not vacuous.
			const near = dot(applyRope(q, 0, invFreq), applyRope(k, 1, invFreq));
			const far = dot(applyRope(q, 0, invFreq), applyRope(k, 2, invFreq));
			expect(Math.abs(near - far)).toBeGreaterThan(1e-6);
		});
	}

	it('linear scaling divides every frequency by the factor', () => {
		const invFreq = ropeInverseFrequencies({
			headDim: 4,
			ropeTheta: 10000,
			ropeScaling: { type: 'linear', factor: 4 }
		});
		expectClose(invFreq, [1 / 4, 0.01 / 4], 1e-15);
	});

	it('llama3 scaling keeps high frequencies, divides low ones and interpolates in between', () => {
		// theta 10000, headDim 8: frequencies 1, 0.1, 0.01, 0.001, wavelengths 2π·(1, 10, 100, 1000).
		// Original context 1024, low/high factors 1/4: wavelengths above 1024 are slowed by 8, those below 256 kept.
		const invFreq = ropeInverseFrequencies({
			headDim: 8,
			ropeTheta: 10000,
			ropeScaling: {
				type: 'llama3',
				factor: 8,
				lowFreqFactor: 1,
				highFreqFactor: 4,
				originalMaxPositionEmbeddings: 1024
			}
		});
		const wavelen = 2 * Math.PI * 100; // ≈ 628: between 256 and 1024, so interpolated.
		const smooth = (1024 / wavelen - 1) / (4 - 1);
		expectClose(invFreq, [1, 0.1, (1 - smooth) * (0.01 / 8) + smooth * 0.01, 0.001 / 8], 1e-15);
	});
});

describe('LoRA', () => {
	const config = configs['Qwen2-like, biases and untied head']!;
	const weights = randomWeights(config, 6);
	const rank = 2;

	function outIn(module: LoraTargetModule): [number, number] {
		const { hiddenSize: h, intermediateSize: i, numHeads, numKeyValueHeads, headDim } = config;
		const sizes: Record<LoraTargetModule, [number, number]> = {
			q_proj: [numHeads * headDim, h],
			k_proj: [numKeyValueHeads * headDim, h],
			v_proj: [numKeyValueHeads * headDim, h],
			o_proj: [h, numHeads * headDim],
			gate_proj: [i, h],
			up_proj: [i, h],
			down_proj: [h, i]
		};
		return sizes[module];
	}

	function adapter(
		targetModules: LoraTargetModule[],
		options: { seed: number; zeroB?: boolean; layers?: number[]; useRsLora?: boolean }
	): LoraAdapter {
		const rng = mulberry32(options.seed);
		const tensors = new Map<string, HostTensor>();
		for (let layer = 0; layer < config.numLayers; layer++) {
			if (options.layers && !options.layers.includes(layer)) continue;
			for (const module of targetModules) {
				const [outSize, inSize] = outIn(module);
				const prefix = loraModulePrefix(layer, module);
				tensors.set(`${prefix}.lora_A.weight`, randomTensor(rng, [rank, inSize]));
				const b = randomTensor(rng, [outSize, rank]);
				if (options.zeroB) b.data.fill(0);
				tensors.set(`${prefix}.lora_B.weight`, b);
			}
		}
		return { rank, alpha: 3, useRsLora: options.useRsLora ?? false, targetModules, layers: options.layers, tensors };
	}

	/** The base weights with W + scale·B·A in place of each adapted W, i.e. the merged model. */
	function merged(lora: LoraAdapter, scale: number): Map<string, HostTensor> {
		const result = new Map(weights);
		for (let layer = 0; layer < config.numLayers; layer++) {
			if (lora.layers && !lora.layers.includes(layer)) continue;
			for (const module of lora.targetModules) {
				const prefix = loraModulePrefix(layer, module);
				const a = lora.tensors.get(`${prefix}.lora_A.weight`)!;
				const b = lora.tensors.get(`${prefix}.lora_B.weight`)!;
				const name = prefix.replace('base_model.model.', '') + '.weight';
				const base = weights.get(name)!;
				const [outSize, inSize] = outIn(module);
				const data = new Float32Array(base.data);
				for (let o = 0; o < outSize; o++) {
					for (let i = 0; i < inSize; i++) {
						let delta = 0;
						for (let k = 0; k < rank; k++) delta += b.data[o * rank + k]! * a.data[k * inSize + i]!;
						data[o * inSize + i] = data[o * inSize + i]! + scale * delta;
					}
				}
				result.set(name, { shape: base.shape, data });
			}
		}
		return result;
	}

	const base = referenceLogits(config, weights, tokens);
	// Merging rounds W + scale·B·A to float32; the unmerged path stays float64. Real bugs are orders larger.
	const mergeTolerance = 1e-5;

	it('a zero B gives exactly the base logits', () => {
		const lora = adapter(['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'], {
			seed: 7,
			zeroB: true
		});
		expect(referenceLogits(config, weights, tokens, { lora })).toEqual(base);
	});

	it('equals the merged model W + (alpha/r)·B·A for q, v and down', () => {
		const lora = adapter(['q_proj', 'v_proj', 'down_proj'], { seed: 8 });
		const withLora = referenceLogits(config, weights, tokens, { lora });
		expect(maxAbsDifference(withLora, base)).toBeGreaterThan(1e-2);
		expectClose(withLora, referenceLogits(config, merged(lora, 3 / rank), tokens), mergeTolerance);
	});

	it('uses alpha/sqrt(r) under rsLoRA', () => {
		const lora = adapter(['q_proj', 'v_proj', 'down_proj'], { seed: 9, useRsLora: true });
		const withLora = referenceLogits(config, weights, tokens, { lora });
		expectClose(withLora, referenceLogits(config, merged(lora, 3 / Math.sqrt(rank)), tokens), mergeTolerance);
		expect(maxAbsDifference(withLora, referenceLogits(config, merged(lora, 3 / rank), tokens))).toBeGreaterThan(1e-3);
	});

	it('with a layer selection, touches only those layers (and needs tensors only for them)', () => {
		const lora = adapter(['q_proj', 'v_proj', 'down_proj'], { seed: 10, layers: [1] });
		const withLora = referenceLogits(config, weights, tokens, { lora });
		expectClose(withLora, referenceLogits(config, merged(lora, 3 / rank), tokens), mergeTolerance);
		// Applying the same factors to every layer would differ.
		const everywhere = {
			...lora,
			layers: undefined,
			tensors: adapter(['q_proj', 'v_proj', 'down_proj'], { seed: 10 }).tensors
		};
		expect(maxAbsDifference(withLora, referenceLogits(config, weights, tokens, { lora: everywhere }))).toBeGreaterThan(
			1e-3
		);
	});

	it('refuses an adapter missing a targeted module', () => {
		const lora = adapter(['q_proj', 'v_proj'], { seed: 11 });
		const tensors = new Map(lora.tensors);
		tensors.delete('base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight');
		const call = () => referenceLogits(config, weights, tokens, { lora: { ...lora, tensors } });
		expect(call).toThrow(ReferenceForwardError);
		expect(call).toThrow(/v_proj in layer 1.*lora_B\.weight is missing/);
	});

	it('refuses LoRA factors of the wrong shape', () => {
		const lora = adapter(['q_proj'], { seed: 12 });
		const tensors = new Map(lora.tensors);
		tensors.set(
			'base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight',
			randomTensor(mulberry32(1), [rank + 1, config.hiddenSize])
		);
		expect(() => referenceLogits(config, weights, tokens, { lora: { ...lora, tensors } })).toThrow(
			/layers\.0\.self_attn\.q_proj\.lora_A\.weight has shape \[3, 8\]; expected \[2, 8\]/
		);
	});
});

describe('errors', () => {
	const config = configs['Qwen2-like, biases and untied head']!;

	it('refuses a missing tensor, naming it and its expected shape', () => {
		const weights = randomWeights(config, 13);
		weights.delete('model.layers.1.mlp.up_proj.weight');
		const call = () => referenceLogits(config, weights, tokens);
		expect(call).toThrow(ReferenceForwardError);
		expect(call).toThrow('Tensor model.layers.1.mlp.up_proj.weight is missing; expected shape [12, 8].');
	});

	it('refuses a missing bias when the config has attention biases, and an absent lm_head when untied', () => {
		const weights = randomWeights(config, 14);
		weights.delete('model.layers.0.self_attn.k_proj.bias');
		expect(() => referenceLogits(config, weights, tokens)).toThrow(
			/model\.layers\.0\.self_attn\.k_proj\.bias is missing/
		);
		const noHead = randomWeights(config, 14);
		noHead.delete('lm_head.weight');
		expect(() => referenceLogits(config, noHead, tokens)).toThrow(/lm_head\.weight is missing/);
	});

	it('refuses a wrong shape, naming the tensor, expected and actual shape', () => {
		const weights = randomWeights(config, 15);
		weights.set('model.layers.0.self_attn.o_proj.weight', randomTensor(mulberry32(1), [8, 8 + 1]));
		const call = () => referenceLogits(config, weights, tokens);
		expect(call).toThrow(ReferenceForwardError);
		expect(call).toThrow('Tensor model.layers.0.self_attn.o_proj.weight has shape [8, 9]; expected [8, 8].');
		// A transposed matrix is a wrong shape too, not silently accepted.
		const transposed = randomWeights(config, 15);
		transposed.set('model.layers.0.mlp.down_proj.weight', randomTensor(mulberry32(1), [12, 8]));
		expect(() => referenceLogits(config, transposed, tokens)).toThrow(
			/down_proj\.weight has shape \[12, 8\]; expected \[8, 12\]/
		);
	});

	it('refuses a token id outside the vocabulary', () => {
		expect(() => referenceLogits(config, randomWeights(config, 16), [1, 11])).toThrow(/Token id 11 at position 1/);
	});
});
