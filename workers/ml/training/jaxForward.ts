// The trainer's forward pass: the same Llama-family decoder as referenceForward.ts (RMSNorm, RoPE rotate_half,
// GQA, SwiGLU, tied or untied head, Qwen2 q/k/v biases), written in @jax-js/jax so that it can be
// differentiated and jitted. LoRA factors are separate arrays (never merged into the base weights), so a
// gradient can be taken with respect to them alone.
//
// jax-js frees arrays by reference counting: every function consumes its array arguments, and a value used
// twice must be passed as `.ref` the first time. The functions here follow that rule too: they consume the
// weights, the adapter and the token ids they are given.
import { nn, numpy as np } from '@jax-js/jax';
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { HostTensor, TensorMap } from '../core/hostTensor.ts';
import { ropeInverseFrequencies } from '../reference/referenceForward.ts';
import { loraModulePrefix, type LoraAdapter, type LoraTargetModule } from '../core/loraAdapter.ts';

/** The weights, an adapter or the inputs handed to the jax forward pass do not fit the config. */
export class JaxForwardError extends ProvenaError {
	override name = 'JaxForwardError';
}

/** One decoder layer's weights as jax arrays, [out, in] as nn.Linear stores them. */
export type JaxLayerWeights = {
	inputNorm: np.Array;
	q: np.Array;
	k: np.Array;
	v: np.Array;
	o: np.Array;
	/** Qwen2's q/k/v biases; absent for Llama. */
	qBias?: np.Array;
	kBias?: np.Array;
	vBias?: np.Array;
	postNorm: np.Array;
	gate: np.Array;
	up: np.Array;
	down: np.Array;
};

/** A whole model's weights as a jax tree (what `grad` differentiates in full fine-tuning). */
export type JaxWeights = {
	embedding: np.Array;
	layers: JaxLayerWeights[];
	norm: np.Array;
	/** Absent when the head is tied to the embedding. */
	lmHead?: np.Array;
};

/** A and B of one targeted projection: A [rank, in], B [out, rank], PEFT's layout. */
export type JaxLoraFactors = { a: np.Array; b: np.Array };

/** LoRA factors per layer and module; a module missing from a layer's record is left alone. */
export type JaxLora = { layers: Partial<Record<LoraTargetModule, JaxLoraFactors>>[] };

/** What the forward pass needs besides the arrays: the config and the LoRA scale (alpha / rank, or rsLoRA's). */
export type JaxForwardSettings = {
	config: ModelConfig;
	/** Multiplies every LoRA update; ignored without an adapter. */
	loraScale: number;
};

/** Each layer tensor's Hugging Face name under `model.layers.{i}.`; the exporter maps back with the same table. */
export const LAYER_NAMES: Record<keyof JaxLayerWeights, string> = {
	inputNorm: 'input_layernorm.weight',
	q: 'self_attn.q_proj.weight',
	k: 'self_attn.k_proj.weight',
	v: 'self_attn.v_proj.weight',
	o: 'self_attn.o_proj.weight',
	qBias: 'self_attn.q_proj.bias',
	kBias: 'self_attn.k_proj.bias',
	vBias: 'self_attn.v_proj.bias',
	postNorm: 'post_attention_layernorm.weight',
	gate: 'mlp.gate_proj.weight',
	up: 'mlp.up_proj.weight',
	down: 'mlp.down_proj.weight'
};

/**
 * Copies Hugging Face-named host weights into jax arrays on the default device.
 *
 * @example
 * const weights = jaxWeightsFromHost(config, initializeWeights(config, { seed: 1 }));
 */
export function jaxWeightsFromHost(config: ModelConfig, weights: TensorMap): JaxWeights {
	const get = (name: string): np.Array => toJax(requireHost(weights, name), name);
	const layers: JaxLayerWeights[] = [];
	for (let layer = 0; layer < config.numLayers; layer++) {
		const p = `model.layers.${layer}`;
		const entry: Partial<JaxLayerWeights> = {};
		for (const [key, name] of Object.entries(LAYER_NAMES) as [keyof JaxLayerWeights, string][]) {
			const isBias = key === 'qBias' || key === 'kBias' || key === 'vBias';
			if (isBias && !config.attentionBias) continue;
			entry[key] = get(`${p}.${name}`);
		}
		layers.push(entry as JaxLayerWeights);
	}
	return {
		embedding: get('model.embed_tokens.weight'),
		layers,
		norm: get('model.norm.weight'),
		...(config.tieWordEmbeddings ? {} : { lmHead: get('lm_head.weight') })
	};
}

/**
 * Copies a PEFT-named LoRA adapter into jax arrays (one A and B per targeted module of each selected layer).
 *
 * @example
 * const lora = jaxLoraFromAdapter(config, adapter);
 * const scale = loraScale(adapter); // from loraAdapter.ts
 */
export function jaxLoraFromAdapter(config: ModelConfig, adapter: LoraAdapter): JaxLora {
	const layers: JaxLora['layers'] = [];
	for (let layer = 0; layer < config.numLayers; layer++) {
		const entry: Partial<Record<LoraTargetModule, JaxLoraFactors>> = {};
		if (!adapter.layers || adapter.layers.includes(layer)) {
			for (const module of adapter.targetModules) {
				const prefix = loraModulePrefix(layer, module);
				const aName = `${prefix}.lora_A.weight`;
				const bName = `${prefix}.lora_B.weight`;
				entry[module] = {
					a: toJax(requireHost(adapter.tensors, aName), aName),
					b: toJax(requireHost(adapter.tensors, bName), bName)
				};
			}
		}
		layers.push(entry);
	}
	return { layers };
}

/**
 * Logits [batch, seq, vocab] for token ids [batch, seq] (int32), positions 0…seq-1 in every row, causal
 * attention, no padding mask: pad on the right, where padding cannot influence earlier positions. Consumes
 * `weights`, `lora` and `tokenIds`; pass `.ref`s (or `tree.ref(...)`) to keep them.
 *
 * @example
 * const ids = np.array([[1, 17, 42]], { dtype: np.int32 });
 * const logits = jaxForward({ config, loraScale: 2 }, tree.ref(weights), tree.ref(lora), ids);
 * const values = await logits.data(); // Float32Array of 1 × 3 × vocab
 */
export function jaxForward(
	settings: JaxForwardSettings,
	weights: JaxWeights,
	lora: JaxLora | undefined,
	tokenIds: np.Array
): np.Array {
	const { config } = settings;
	const { numHeads, numKeyValueHeads: numKv, headDim, rmsNormEps: eps } = config;
	if (tokenIds.ndim !== 2) throw new JaxForwardError(`Token ids must be [batch, seq], got [${tokenIds.shape}].`);
	if (numHeads % numKv !== 0) {
		throw new JaxForwardError(`numHeads (${numHeads}) must be a multiple of numKeyValueHeads (${numKv}).`);
	}
	const [batch, seq] = tokenIds.shape as [number, number];
	const { cos, sin, rotateHalf, causalBias } = positionalConstants(config, seq);

	let x = np.take(weights.embedding.ref, tokenIds, 0); // [B, T, H]
	for (let layer = 0; layer < config.numLayers; layer++) {
		const w = weights.layers[layer]!;
		const adapter = lora?.layers[layer] ?? {};
		const proj = (input: np.Array, weight: np.Array, module: LoraTargetModule, bias?: np.Array) =>
			linear(input, weight, bias, adapter[module], settings.loraScale);

		const normed = rmsNorm(x.ref, w.inputNorm, eps);
		const q = proj(normed.ref, w.q, 'q_proj', w.qBias).reshape([batch, seq, numHeads, headDim]);
		const k = proj(normed.ref, w.k, 'k_proj', w.kBias).reshape([batch, seq, numKv, headDim]);
		const v = proj(normed, w.v, 'v_proj', w.vBias).reshape([batch, seq, numKv, headDim]);
		const qRot = rope(q, cos.ref, sin.ref, rotateHalf.ref);
		const kRot = rope(k, cos.ref, sin.ref, rotateHalf.ref);
		const attended = attention(qRot, kRot, v, causalBias.ref, numHeads, numKv, headDim);
		x = x.add(proj(attended, w.o, 'o_proj'));

		const normed2 = rmsNorm(x.ref, w.postNorm, eps);
		const gate = proj(normed2.ref, w.gate, 'gate_proj');
		const up = proj(normed2, w.up, 'up_proj');
		x = x.add(proj(nn.silu(gate).mul(up), w.down, 'down_proj'));
	}
	cos.dispose();
	sin.dispose();
	rotateHalf.dispose();
	causalBias.dispose();

	const finalNormed = rmsNorm(x, weights.norm, eps);
	// A tied head reuses the embedding matrix (already .ref'd for the lookup above, so this consumes it).
	const head = weights.lmHead ?? weights.embedding;
	if (weights.lmHead) weights.embedding.dispose();
	return np.matmul(finalNormed, head.transpose());
}

/** y = x·Wᵀ (+ b) (+ scale · (x·Aᵀ)·Bᵀ) over the last axis of x. */
function linear(
	x: np.Array,
	weight: np.Array,
	bias: np.Array | undefined,
	lora: JaxLoraFactors | undefined,
	scale: number
): np.Array {
	let y = np.matmul(lora ? x.ref : x, weight.transpose());
	if (bias) y = y.add(bias);
	if (lora) {
		// Unmerged, as PEFT computes it: the rank-r path is cheap and keeps A and B separate for grad.
		const down = np.matmul(x, lora.a.transpose());
		y = y.add(np.matmul(down, lora.b.transpose()).mul(scale));
	}
	return y;
}

/** x / sqrt(mean(x²) + eps) · w over the last axis. */
function rmsNorm(x: np.Array, weight: np.Array, eps: number): np.Array {
	const meanSquare = np.mean(np.square(x.ref), -1, { keepdims: true });
	return x.mul(np.reciprocal(np.sqrt(meanSquare.add(eps)))).mul(weight);
}

/** HF's rotate_half RoPE on [B, T, heads, headDim]: x·cos + rotate_half(x)·sin, rotate_half as a matmul. */
function rope(x: np.Array, cos: np.Array, sin: np.Array, rotateHalf: np.Array): np.Array {
	return x.ref.mul(cos).add(np.matmul(x, rotateHalf).mul(sin));
}

/** softmax(q·kᵀ/sqrt(d) + causal) · v, query head h reading kv head floor(h / group); returns [B, T, heads·d]. */
function attention(
	q: np.Array,
	k: np.Array,
	v: np.Array,
	causalBias: np.Array,
	numHeads: number,
	numKv: number,
	headDim: number
): np.Array {
	const [batch, seq] = q.shape as [number, number];
	const group = numHeads / numKv;
	// GQA: each kv head serves `group` consecutive query heads; a broadcast (whose gradient is a sum) does it.
	const expand = (t: np.Array) =>
		group === 1
			? t
			: np
					.broadcastTo(t.reshape([batch, seq, numKv, 1, headDim]), [batch, seq, numKv, group, headDim])
					.reshape([batch, seq, numHeads, headDim]);
	const qh = q.transpose([0, 2, 1, 3]); // [B, N, T, d]
	const kh = expand(k).transpose([0, 2, 3, 1]); // [B, N, d, T]
	const vh = expand(v).transpose([0, 2, 1, 3]); // [B, N, T, d]
	const scores = np
		.matmul(qh, kh)
		.mul(1 / Math.sqrt(headDim))
		.add(causalBias);
	const attended = np.matmul(nn.softmax(scores, -1), vh); // [B, N, T, d]
	return attended.transpose([0, 2, 1, 3]).reshape([batch, seq, numHeads * headDim]);
}

/**
 * Constants of a sequence length: RoPE's cos/sin [T, 1, d] (float64 angles rounded once to float32, as close
 * to the reference as float32 allows), the rotate_half matrix [d, d], and the causal bias [T, T].
 */
function positionalConstants(config: ModelConfig, seq: number) {
	const { headDim } = config;
	const half = headDim / 2;
	const invFreq = ropeInverseFrequencies(config);
	const cos = new Float32Array(seq * headDim);
	const sin = new Float32Array(seq * headDim);
	for (let t = 0; t < seq; t++) {
		for (let i = 0; i < headDim; i++) {
			const angle = t * invFreq[i % half]!;
			cos[t * headDim + i] = Math.cos(angle);
			sin[t * headDim + i] = Math.sin(angle);
		}
	}
	// rotate_half(x) = [-x₂, x₁]: column i < half takes -x[i + half], column i ≥ half takes x[i - half].
	const rotate = new Float32Array(headDim * headDim);
	for (let i = 0; i < half; i++) {
		rotate[(i + half) * headDim + i] = -1;
		rotate[i * headDim + i + half] = 1;
	}
	// A large finite negative rather than -inf: exp underflows to exactly 0 and 0·inf never appears in grads.
	const bias = new Float32Array(seq * seq);
	for (let t = 0; t < seq; t++) for (let s = t + 1; s < seq; s++) bias[t * seq + s] = -1e9;
	return {
		cos: np.array(cos, { shape: [seq, 1, headDim] }),
		sin: np.array(sin, { shape: [seq, 1, headDim] }),
		rotateHalf: np.array(rotate, { shape: [headDim, headDim] }),
		causalBias: np.array(bias, { shape: [seq, seq] })
	};
}

function requireHost(tensors: TensorMap, name: string): HostTensor {
	const tensor = tensors.get(name);
	if (!tensor) throw new JaxForwardError(`Tensor ${name} is missing.`);
	return tensor;
}

function toJax(tensor: HostTensor, name: string): np.Array {
	const size = tensor.shape.reduce((a, b) => a * b, 1);
	if (size !== tensor.data.length) {
		throw new JaxForwardError(`Tensor ${name} holds ${tensor.data.length} values; its shape needs ${size}.`);
	}
	// A copy: jax wants an ArrayBuffer-backed array, and the host tensor may sit on a shared or larger buffer.
	return np.array(new Float32Array(tensor.data), { shape: [...tensor.shape] });
}
