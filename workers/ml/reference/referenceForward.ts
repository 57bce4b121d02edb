// The reference forward pass of a Llama-family decoder: Hugging Face's LlamaForCausalLM / Qwen2ForCausalLM
// semantics, written out loop by loop in float64. It is the ground truth the ONNX graph and the trainer are
// tested against, so every step is explicit and nothing is fused or cached; speed does not matter here.
// Differences from HF that are deliberate: everything (including RoPE's cos/sin) is float64 where HF works in
// the weights' dtype, so expect agreement to float32 rounding, not bit equality.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { HostTensor, TensorMap } from '../core/hostTensor.ts';
import { loraModulePrefix, loraScale, type LoraAdapter, type LoraTargetModule } from '../core/loraAdapter.ts';

export type { LoraAdapter, LoraTargetModule } from '../core/loraAdapter.ts';

/** The reference forward pass was given weights, an adapter or inputs that do not fit the config. */
export class ReferenceForwardError extends ProvenaError {
	override name = 'ReferenceForwardError';
}

/** Options of {@link referenceLogits}. */
export type ReferenceForwardOptions = {
	/** Applied on top of the base weights, unmerged (y = x·Wᵀ + scale · (x·Aᵀ)·Bᵀ). */
	lora?: LoraAdapter;
};

/**
 * Logits of a causal LM for every position of `tokenIds`, row-major [tokenIds.length × vocabSize], computed in
 * float64 from float32 weights with Hugging Face Llama semantics (positions 0…n-1, no KV cache, no padding).
 *
 * @example
 * const logits = referenceLogits(config, weights, [1, 415, 2936]);
 * const lastRow = logits.subarray(2 * config.vocabSize, 3 * config.vocabSize);
 */
export function referenceLogits(
	config: ModelConfig,
	weights: TensorMap,
	tokenIds: readonly number[],
	options: ReferenceForwardOptions = {}
): Float64Array {
	checkConfig(config);
	const { hiddenSize: hidden, vocabSize: vocab, numHeads, numKeyValueHeads: numKv, headDim } = config;
	const length = tokenIds.length;
	const lora = options.lora;
	if (lora) checkLora(config, lora);

	// Embedding lookup: row tokenIds[t] of the embedding matrix.
	const embedding = requireTensor(weights, 'model.embed_tokens.weight', [vocab, hidden]);
	let x: Float64Array = new Float64Array(length * hidden);
	tokenIds.forEach((token, t) => {
		if (!Number.isInteger(token) || token < 0 || token >= vocab) {
			throw new ReferenceForwardError(`Token id ${token} at position ${t} is outside the vocabulary (0…${vocab - 1}).`);
		}
		for (let j = 0; j < hidden; j++) x[t * hidden + j] = embedding.data[token * hidden + j]!;
	});

	const invFreq = ropeInverseFrequencies(config);
	const qWidth = numHeads * headDim;
	const kvWidth = numKv * headDim;

	for (let layer = 0; layer < config.numLayers; layer++) {
		const p = `model.layers.${layer}`;
		const adapterFor = (module: LoraTargetModule) => (lora ? loraFor(lora, layer, module) : undefined);
		const bias = (name: string, size: number) =>
			config.attentionBias ? requireTensor(weights, `${p}.self_attn.${name}.bias`, [size]) : undefined;

		// Attention block: x + o_proj(attention(rope(q), rope(k), v)) on the normalised input.
		const normed = rmsNorm(x, requireTensor(weights, `${p}.input_layernorm.weight`, [hidden]), config.rmsNormEps);
		const q = linear(
			normed,
			requireTensor(weights, `${p}.self_attn.q_proj.weight`, [qWidth, hidden]),
			bias('q_proj', qWidth),
			adapterFor('q_proj')
		);
		const k = linear(
			normed,
			requireTensor(weights, `${p}.self_attn.k_proj.weight`, [kvWidth, hidden]),
			bias('k_proj', kvWidth),
			adapterFor('k_proj')
		);
		const v = linear(
			normed,
			requireTensor(weights, `${p}.self_attn.v_proj.weight`, [kvWidth, hidden]),
			bias('v_proj', kvWidth),
			adapterFor('v_proj')
		);
		ropeInPlace(q, length, numHeads, headDim, invFreq);
		ropeInPlace(k, length, numKv, headDim, invFreq);
		const attended = causalAttention(q, k, v, length, numHeads, numKv, headDim);
		// o_proj has no bias even in Qwen2.
		const attnOut = linear(
			attended,
			requireTensor(weights, `${p}.self_attn.o_proj.weight`, [hidden, qWidth]),
			undefined,
			adapterFor('o_proj')
		);
		x = add(x, attnOut);

		// MLP block: x + down(silu(gate(h)) * up(h)) on the normalised residual.
		const inter = config.intermediateSize;
		const normed2 = rmsNorm(
			x,
			requireTensor(weights, `${p}.post_attention_layernorm.weight`, [hidden]),
			config.rmsNormEps
		);
		const gate = linear(
			normed2,
			requireTensor(weights, `${p}.mlp.gate_proj.weight`, [inter, hidden]),
			undefined,
			adapterFor('gate_proj')
		);
		const up = linear(
			normed2,
			requireTensor(weights, `${p}.mlp.up_proj.weight`, [inter, hidden]),
			undefined,
			adapterFor('up_proj')
		);
		const activated = new Float64Array(gate.length);
		for (let i = 0; i < gate.length; i++) activated[i] = silu(gate[i]!) * up[i]!;
		const mlpOut = linear(
			activated,
			requireTensor(weights, `${p}.mlp.down_proj.weight`, [hidden, inter]),
			undefined,
			adapterFor('down_proj')
		);
		x = add(x, mlpOut);
	}

	const finalNormed = rmsNorm(x, requireTensor(weights, 'model.norm.weight', [hidden]), config.rmsNormEps);
	// A tied head reuses the embedding matrix; HF checkpoints of tied models usually omit lm_head.weight.
	const head = config.tieWordEmbeddings ? embedding : requireTensor(weights, 'lm_head.weight', [vocab, hidden]);
	return linear(finalNormed, head);
}

/**
 * RoPE inverse frequencies for the pairs (i, i + headDim/2), i < headDim/2: theta^(-2i/headDim), adjusted by the
 * config's rope scaling exactly as HF's _compute_linear_scaling / _compute_llama3_parameters do.
 *
 * @example
 * ropeInverseFrequencies({ ...config, headDim: 4, ropeTheta: 10000, ropeScaling: { type: 'none' } }); // [1, 0.01]
 */
export function ropeInverseFrequencies(
	config: Pick<ModelConfig, 'headDim' | 'ropeTheta' | 'ropeScaling'>
): Float64Array {
	const { headDim, ropeTheta, ropeScaling: scaling } = config;
	const half = headDim / 2;
	const invFreq = new Float64Array(half);
	for (let i = 0; i < half; i++) invFreq[i] = Math.pow(ropeTheta, -(2 * i) / headDim);

	if (scaling.type === 'linear') {
		// Linear scaling divides positions by the factor, which is the same as dividing every frequency.
		for (let i = 0; i < half; i++) invFreq[i] = invFreq[i]! / scaling.factor;
	} else if (scaling.type === 'llama3') {
		// Llama 3.1: long wavelengths (low frequencies) are slowed by the factor, short ones kept, and those in
		// between interpolated smoothly, by how many wavelengths fit in the original context.
		const { factor, lowFreqFactor, highFreqFactor, originalMaxPositionEmbeddings: oldContext } = scaling;
		const lowFreqWavelen = oldContext / lowFreqFactor;
		const highFreqWavelen = oldContext / highFreqFactor;
		for (let i = 0; i < half; i++) {
			const freq = invFreq[i]!;
			const wavelen = (2 * Math.PI) / freq;
			if (wavelen < highFreqWavelen) continue;
			if (wavelen > lowFreqWavelen) {
				invFreq[i] = freq / factor;
			} else {
				const smooth = (oldContext / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
				invFreq[i] = ((1 - smooth) * freq) / factor + smooth * freq;
			}
		}
	}
	return invFreq;
}

/**
 * Rotates one head vector to `position`, HF's rotate_half convention: element i pairs with i + headDim/2,
 * out = x·cos(position·f) + rotate_half(x)·sin(position·f), with rotate_half(x) = [-x₂, x₁].
 *
 * @example
 * applyRope([1, 0, 0, 0], 0, ropeInverseFrequencies(config)); // [1, 0, 0, 0]: position 0 is the identity
 */
export function applyRope(vector: ArrayLike<number>, position: number, invFreq: ArrayLike<number>): Float64Array {
	const half = invFreq.length;
	if (vector.length !== 2 * half) {
		throw new ReferenceForwardError(`applyRope needs a vector of length ${2 * half}, got ${vector.length}.`);
	}
	const out = new Float64Array(2 * half);
	for (let i = 0; i < half; i++) {
		const angle = position * invFreq[i]!;
		const cos = Math.cos(angle);
		const sin = Math.sin(angle);
		const first = vector[i]!;
		const second = vector[i + half]!;
		out[i] = first * cos - second * sin;
		out[i + half] = second * cos + first * sin;
	}
	return out;
}

function checkConfig(config: ModelConfig): void {
	const { numHeads, numKeyValueHeads, headDim } = config;
	if (numKeyValueHeads < 1 || numHeads % numKeyValueHeads !== 0) {
		throw new ReferenceForwardError(
			`numHeads (${numHeads}) must be a multiple of numKeyValueHeads (${numKeyValueHeads}).`
		);
	}
	if (headDim % 2 !== 0) throw new ReferenceForwardError(`RoPE needs an even headDim, got ${headDim}.`);
}

function requireTensor(tensors: ReadonlyMap<string, HostTensor>, name: string, shape: readonly number[]): HostTensor {
	const tensor = tensors.get(name);
	if (!tensor) throw new ReferenceForwardError(`Tensor ${name} is missing; expected shape [${shape.join(', ')}].`);
	const matches = tensor.shape.length === shape.length && tensor.shape.every((size, i) => size === shape[i]);
	if (!matches) {
		throw new ReferenceForwardError(
			`Tensor ${name} has shape [${tensor.shape.join(', ')}]; expected [${shape.join(', ')}].`
		);
	}
	const size = shape.reduce((a, b) => a * b, 1);
	if (tensor.data.length !== size) {
		throw new ReferenceForwardError(
			`Tensor ${name} holds ${tensor.data.length} values; its shape [${shape.join(', ')}] needs ${size}.`
		);
	}
	return tensor;
}

type LoraFactors = { a: HostTensor; b: HostTensor; scale: number };

function checkLora(config: ModelConfig, lora: LoraAdapter): void {
	if (!(Number.isInteger(lora.rank) && lora.rank > 0))
		throw new ReferenceForwardError(`LoRA rank must be a positive integer, got ${lora.rank}.`);
	for (const layer of lora.layers ?? []) {
		if (!Number.isInteger(layer) || layer < 0 || layer >= config.numLayers) {
			throw new ReferenceForwardError(
				`LoRA selects layer ${layer}, but the model has layers 0…${config.numLayers - 1}.`
			);
		}
	}
	// Fetch every factor once up front so a missing or misshapen one fails before any arithmetic.
	const { hiddenSize: hidden, intermediateSize: inter, numHeads, numKeyValueHeads, headDim } = config;
	const dims: Record<LoraTargetModule, [outSize: number, inSize: number]> = {
		q_proj: [numHeads * headDim, hidden],
		k_proj: [numKeyValueHeads * headDim, hidden],
		v_proj: [numKeyValueHeads * headDim, hidden],
		o_proj: [hidden, numHeads * headDim],
		gate_proj: [inter, hidden],
		up_proj: [inter, hidden],
		down_proj: [hidden, inter]
	};
	for (let layer = 0; layer < config.numLayers; layer++) {
		for (const module of lora.targetModules) {
			if (!dims[module]) throw new ReferenceForwardError(`LoRA targets unknown module ${module}.`);
			if (!loraFor(lora, layer, module)) continue;
			const [outSize, inSize] = dims[module];
			const prefix = loraModulePrefix(layer, module);
			requireTensor(lora.tensors, `${prefix}.lora_A.weight`, [lora.rank, inSize]);
			requireTensor(lora.tensors, `${prefix}.lora_B.weight`, [outSize, lora.rank]);
		}
	}
}

/** The adapter's factors for one projection, or undefined where the adapter leaves it alone. */
function loraFor(lora: LoraAdapter, layer: number, module: LoraTargetModule): LoraFactors | undefined {
	if (!lora.targetModules.includes(module)) return undefined;
	if (lora.layers && !lora.layers.includes(layer)) return undefined;
	const prefix = loraModulePrefix(layer, module);
	const a = lora.tensors.get(`${prefix}.lora_A.weight`);
	const b = lora.tensors.get(`${prefix}.lora_B.weight`);
	if (!a || !b) {
		throw new ReferenceForwardError(
			`LoRA targets ${module} in layer ${layer}, but ${prefix}.lora_${a ? 'B' : 'A'}.weight is missing.`
		);
	}
	return { a, b, scale: loraScale(lora) };
}

/** y = x·Wᵀ (+ b) (+ scale · (x·Aᵀ)·Bᵀ) for every row of x; W is [out, in] as nn.Linear stores it. */
function linear(x: Float64Array, weight: HostTensor, bias?: HostTensor, lora?: LoraFactors): Float64Array {
	const [outSize, inSize] = weight.shape as [number, number];
	const rows = x.length / inSize;
	const y = new Float64Array(rows * outSize);
	for (let r = 0; r < rows; r++) {
		for (let o = 0; o < outSize; o++) {
			let sum = bias ? bias.data[o]! : 0;
			for (let i = 0; i < inSize; i++) sum += x[r * inSize + i]! * weight.data[o * inSize + i]!;
			y[r * outSize + o] = sum;
		}
	}
	if (lora) {
		// Unmerged, as PEFT computes it: the base output plus the scaled low-rank path.
		const rank = lora.a.shape[0]!;
		for (let r = 0; r < rows; r++) {
			const down = new Float64Array(rank);
			for (let k = 0; k < rank; k++) {
				let sum = 0;
				for (let i = 0; i < inSize; i++) sum += x[r * inSize + i]! * lora.a.data[k * inSize + i]!;
				down[k] = sum;
			}
			for (let o = 0; o < outSize; o++) {
				let sum = 0;
				for (let k = 0; k < rank; k++) sum += down[k]! * lora.b.data[o * rank + k]!;
				y[r * outSize + o] = y[r * outSize + o]! + lora.scale * sum;
			}
		}
	}
	return y;
}

/** x / sqrt(mean(x²) + eps) * w, row by row. */
function rmsNorm(x: Float64Array, weight: HostTensor, eps: number): Float64Array {
	const size = weight.shape[0]!;
	const out = new Float64Array(x.length);
	for (let r = 0; r < x.length / size; r++) {
		let sumSquares = 0;
		for (let j = 0; j < size; j++) sumSquares += x[r * size + j]! ** 2;
		const inverseRms = 1 / Math.sqrt(sumSquares / size + eps);
		for (let j = 0; j < size; j++) out[r * size + j] = x[r * size + j]! * inverseRms * weight.data[j]!;
	}
	return out;
}

/** Rotates every head of every position t (rows of [length × heads·headDim]) to position t. */
function ropeInPlace(x: Float64Array, length: number, heads: number, headDim: number, invFreq: Float64Array): void {
	for (let t = 0; t < length; t++) {
		for (let h = 0; h < heads; h++) {
			const offset = (t * heads + h) * headDim;
			x.set(applyRope(x.subarray(offset, offset + headDim), t, invFreq), offset);
		}
	}
}

/** softmax(q·kᵀ / sqrt(headDim), causal) · v per head; query head h reads kv head floor(h / group). */
function causalAttention(
	q: Float64Array,
	k: Float64Array,
	v: Float64Array,
	length: number,
	numHeads: number,
	numKv: number,
	headDim: number
): Float64Array {
	const group = numHeads / numKv;
	const scale = 1 / Math.sqrt(headDim);
	const out = new Float64Array(length * numHeads * headDim);
	for (let h = 0; h < numHeads; h++) {
		const kvHead = Math.floor(h / group);
		for (let t = 0; t < length; t++) {
			const qOffset = (t * numHeads + h) * headDim;
			// Only positions s <= t are visible; the masked ones would get exp(-inf) = 0 anyway.
			const scores = new Float64Array(t + 1);
			let max = -Infinity;
			for (let s = 0; s <= t; s++) {
				const kOffset = (s * numKv + kvHead) * headDim;
				let dot = 0;
				for (let d = 0; d < headDim; d++) dot += q[qOffset + d]! * k[kOffset + d]!;
				scores[s] = dot * scale;
				max = Math.max(max, scores[s]!);
			}
			// Subtracting the max keeps exp from overflowing without changing the softmax.
			let total = 0;
			for (let s = 0; s <= t; s++) {
				scores[s] = Math.exp(scores[s]! - max);
				total += scores[s]!;
			}
			for (let s = 0; s <= t; s++) {
				const weight = scores[s]! / total;
				const vOffset = (s * numKv + kvHead) * headDim;
				for (let d = 0; d < headDim; d++) out[qOffset + d] = out[qOffset + d]! + weight * v[vOffset + d]!;
			}
		}
	}
	return out;
}

function silu(value: number): number {
	return value / (1 + Math.exp(-value));
}

function add(a: Float64Array, b: Float64Array): Float64Array {
	const out = new Float64Array(a.length);
	for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
	return out;
}
