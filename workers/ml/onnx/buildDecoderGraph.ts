// Generates the ONNX graph of a Llama-family decoder (Llama, SmolLM2, TinyLlama, Qwen2) from its config and
// Hugging Face-named weights, with the semantics of workers/ml/reference/referenceForward.ts. Only standard ONNX
// ops (opset 17) are used, and attention is written out as MatMul / Softmax with a causal mask, so the same
// file runs on onnxruntime-node (CPU), onnxruntime-web's Wasm and WebGPU backends alike. Contrib fusions
// (GroupQueryAttention, RotaryEmbedding, SimplifiedLayerNormalization) are a later optimisation.
import type { ModelConfig } from '../core/modelConfig.ts';
import type { HostTensor, TensorMap } from '../core/hostTensor.ts';
import { ropeInverseFrequencies } from '../reference/referenceForward.ts';
import { projectionDims } from '../model/projectionDims.ts';
import { projectionModulePath, type LoraTargetModule } from '../core/loraAdapter.ts';
import { GraphBuilder, OnnxDataType, OnnxGraphError } from './onnxProto.ts';

/** Which projections get LoRA slot-pool inputs (and in which layers). */
export type LoraSlotTargets = {
	targetModules: readonly LoraTargetModule[];
	/** Layers that get pools; all when absent. */
	layers?: readonly number[];
};

/** Options of {@link buildDecoderGraph}. */
export type DecoderGraphOptions = {
	/**
	 * Adds KV-cache inputs `past_key_values.{i}.key|value` [batch, kvHeads, past, headDim] and outputs
	 * `present.{i}.key|value` [batch, kvHeads, past + seq, headDim]. New tokens sit at positions past…past+seq-1
	 * (the past length is read from the cache's shape; no padding).
	 */
	kvCache?: boolean;
	/**
	 * Adds LoRA slot pools: per targeted projection, inputs `{module path}.lora_A` [slots, in, rank] and
	 * `{module path}.lora_B` [slots, rank, out] (B pre-scaled by the adapter's loraScale), and `adapter_index`
	 * int64 [batch] choosing each row's slot. Slot 0 all zeros is the base model.
	 */
	lora?: LoraSlotTargets;
	/**
	 * Reads RoPE's cos/sin from tables [maxPositionEmbeddings, headDim] computed here in float64, instead of
	 * the Cos/Sin ops. For WebGPU, whose WGSL sin/cos are only accurate to ~2⁻¹¹ (and less outside [-π, π]):
	 * measured in Chromium on SwiftShader, logit errors of 4e-4 to 2e-3 by position 8, against 3e-6 on Wasm.
	 * Positions must stay below maxPositionEmbeddings.
	 */
	ropeTables?: boolean;
};

/** Graph input/output names that callers feed and read. */
export const decoderGraphNames = {
	inputIds: 'input_ids',
	logits: 'logits',
	adapterIndex: 'adapter_index',
	pastKey: (layer: number) => `past_key_values.${layer}.key`,
	pastValue: (layer: number) => `past_key_values.${layer}.value`,
	presentKey: (layer: number) => `present.${layer}.key`,
	presentValue: (layer: number) => `present.${layer}.value`,
	/** The slot-pool input of one projection: e.g. `model.layers.0.self_attn.q_proj.lora_A`. */
	lora: (layer: number, module: LoraTargetModule, factor: 'A' | 'B') =>
		`${projectionModulePath(layer, module)}.lora_${factor}`
} as const;

/**
 * Serialises a decoder as an ONNX model: input `input_ids` int64 [batch, seq], output `logits` float32
 * [batch, seq, vocab]; optionally a KV cache and LoRA slot pools (see {@link DecoderGraphOptions}).
 *
 * @example
 * const bytes = buildDecoderGraph(config, weights);
 * const session = await ort.InferenceSession.create(bytes);
 * const { logits } = await session.run({ input_ids: new ort.Tensor('int64', ids, [1, ids.length]) });
 */
export function buildDecoderGraph(
	config: ModelConfig,
	weights: TensorMap,
	options: DecoderGraphOptions = {}
): Uint8Array {
	const { hiddenSize: hidden, vocabSize: vocab, numHeads, numKeyValueHeads: numKv, headDim } = config;
	if (numKv < 1 || numHeads % numKv !== 0) {
		throw new OnnxGraphError(`numHeads (${numHeads}) must be a multiple of numKeyValueHeads (${numKv}).`);
	}
	if (headDim % 2 !== 0) throw new OnnxGraphError(`RoPE needs an even headDim, got ${headDim}.`);
	const group = numHeads / numKv;
	const half = headDim / 2;
	const g = new GraphBuilder();
	const F = OnnxDataType.FLOAT;
	const I64 = OnnxDataType.INT64;

	const weight = (name: string, shape: readonly number[]): HostTensor => {
		const tensor = weights.get(name);
		const fits =
			tensor &&
			tensor.shape.length === shape.length &&
			tensor.shape.every((s, i) => s === shape[i]) &&
			tensor.data.length === shape.reduce((a, b) => a * b, 1);
		if (!fits) {
			throw new OnnxGraphError(
				tensor
					? `Tensor ${name} has shape [${tensor.shape.join(', ')}]; expected [${shape.join(', ')}].`
					: `Tensor ${name} is missing; expected shape [${shape.join(', ')}].`
			);
		}
		return tensor;
	};
	// Projection weights go in pre-transposed to [in, out] so each projection is one plain MatMul.
	const transposedInitializer = (name: string, outSize: number, inSize: number): string => {
		const source = weight(name, [outSize, inSize]).data;
		const data = new Float32Array(inSize * outSize);
		for (let o = 0; o < outSize; o++) for (let i = 0; i < inSize; i++) data[i * outSize + o] = source[o * inSize + i]!;
		return g.initializer(`${name}.T`, F, [inSize, outSize], data);
	};
	const vectorInitializer = (name: string, size: number): string =>
		g.initializer(name, F, [size], weight(name, [size]).data);

	const inputIds = g.input(decoderGraphNames.inputIds, I64, ['batch', 'seq']);
	const loraTargets = options.lora;
	const adapterIndex = loraTargets ? g.input(decoderGraphNames.adapterIndex, I64, ['batch']) : undefined;

	// Scalars: seq (new tokens), past (cached tokens), total = past + seq.
	const axes0 = g.constInt64([0]);
	const scalarDim = (tensor: string, axis: number) =>
		g.op('Squeeze', [g.op('Shape', [tensor], { start: { int: axis }, end: { int: axis + 1 } }), axes0]);
	const seqLen = scalarDim(inputIds, 1);
	let pastLen: string;
	if (options.kvCache) {
		for (let layer = 0; layer < config.numLayers; layer++) {
			g.input(decoderGraphNames.pastKey(layer), F, ['batch', numKv, 'past', headDim]);
			g.input(decoderGraphNames.pastValue(layer), F, ['batch', numKv, 'past', headDim]);
		}
		pastLen = scalarDim(decoderGraphNames.pastKey(0), 2);
	} else {
		pastLen = g.constInt64([0], []);
	}
	const totalLen = g.op('Add', [pastLen, seqLen]);
	const one = g.constInt64([1], []);
	const queryPositions = g.op('Range', [pastLen, totalLen, one]); // [seq]
	const keyPositions = g.op('Range', [g.constInt64([0], []), totalLen, one]); // [total]

	// Causal mask [seq, total]: key position > query position is hidden.
	const isFuture = g.op('Greater', [
		g.op('Unsqueeze', [keyPositions, axes0]),
		g.op('Unsqueeze', [queryPositions, g.constInt64([1])])
	]);
	const minusInfinity = g.constFloat([-Infinity], []);

	// RoPE tables [seq, headDim]: angle = position · invFreq, duplicated for the (i, i + half) pairs.
	let cos: string;
	let sin: string;
	if (options.ropeTables) {
		const rows = config.maxPositionEmbeddings;
		const invFreq64 = ropeInverseFrequencies(config);
		const cosTable = new Float32Array(rows * headDim);
		const sinTable = new Float32Array(rows * headDim);
		for (let position = 0; position < rows; position++) {
			for (let i = 0; i < half; i++) {
				const angle = position * invFreq64[i]!;
				cosTable[position * headDim + i] = cosTable[position * headDim + half + i] = Math.cos(angle);
				sinTable[position * headDim + i] = sinTable[position * headDim + half + i] = Math.sin(angle);
			}
		}
		cos = g.op('Gather', [g.initializer('rope.cos', F, [rows, headDim], cosTable), queryPositions], {
			axis: { int: 0 }
		});
		sin = g.op('Gather', [g.initializer('rope.sin', F, [rows, headDim], sinTable), queryPositions], {
			axis: { int: 0 }
		});
	} else {
		const invFreq = Float32Array.from(ropeInverseFrequencies(config));
		const positionsFloat = g.op('Cast', [g.op('Unsqueeze', [queryPositions, g.constInt64([1])])], { to: { int: F } }); // [seq, 1]
		const angles = g.op('Mul', [positionsFloat, g.initializer('rope.inv_freq', F, [1, half], invFreq)]); // [seq, half]
		const doubled = g.op('Concat', [angles, angles], { axis: { int: -1 } });
		cos = g.op('Cos', [doubled]);
		sin = g.op('Sin', [doubled]);
	}
	const halfSplit = g.constInt64([half, half]);
	/** x·cos + rotate_half(x)·sin on [batch, heads, seq, headDim]; rotate_half(x) = [-x₂, x₁]. */
	const rope = (x: string): string => {
		const [first, second] = g.node('Split', [x, halfSplit], { axis: { int: -1 } }, { outputs: 2 });
		const rotated = g.op('Concat', [g.op('Neg', [second!]), first!], { axis: { int: -1 } });
		return g.op('Add', [g.op('Mul', [x, cos]), g.op('Mul', [rotated, sin])]);
	};

	const rmsNorm = (x: string, weightName: string): string => {
		const meanSquare = g.op('ReduceMean', [g.op('Mul', [x, x])], { axes: { ints: [-1] }, keepdims: { int: 1 } });
		const inverseRms = g.op('Reciprocal', [
			g.op('Sqrt', [g.op('Add', [meanSquare, g.constFloat([config.rmsNormEps], [])])])
		]);
		return g.op('Mul', [g.op('Mul', [x, inverseRms]), vectorInitializer(weightName, hidden)]);
	};

	const dims = projectionDims(config);
	const loraApplies = (layer: number, module: LoraTargetModule) =>
		!!loraTargets &&
		loraTargets.targetModules.includes(module) &&
		(!loraTargets.layers || loraTargets.layers.includes(layer));
	/** x·Wᵀ (+ b) (+ (x·A[slot])·B[slot]) on [batch, seq, in]. */
	const linear = (x: string, layer: number, module: LoraTargetModule, withBias: boolean): string => {
		const [inSize, outSize] = dims[module];
		const path = projectionModulePath(layer, module);
		let y = g.op('MatMul', [x, transposedInitializer(`${path}.weight`, outSize, inSize)]);
		if (withBias) y = g.op('Add', [y, vectorInitializer(`${path}.bias`, outSize)]);
		if (loraApplies(layer, module)) {
			// Each row gathers its own adapter's factors, so one batch can mix adapters (slot 0 = zeros = base).
			const poolA = g.input(decoderGraphNames.lora(layer, module, 'A'), F, ['lora_slots', inSize, 'lora_rank']);
			const poolB = g.input(decoderGraphNames.lora(layer, module, 'B'), F, ['lora_slots', 'lora_rank', outSize]);
			const rowA = g.op('Gather', [poolA, adapterIndex!], { axis: { int: 0 } }); // [batch, in, rank]
			const rowB = g.op('Gather', [poolB, adapterIndex!], { axis: { int: 0 } }); // [batch, rank, out]
			y = g.op('Add', [y, g.op('MatMul', [g.op('MatMul', [x, rowA]), rowB])]);
		}
		return y;
	};

	const embedding = g.initializer(
		'model.embed_tokens.weight',
		F,
		[vocab, hidden],
		weight('model.embed_tokens.weight', [vocab, hidden]).data
	);
	let x = g.op('Gather', [embedding, inputIds], { axis: { int: 0 } }); // [batch, seq, hidden]
	const attentionScale = g.constFloat([1 / Math.sqrt(headDim)], []);
	const headsShape = (heads: number) => g.constInt64([0, 0, heads, headDim]);
	const groupedShape = g.constInt64([0, numKv, group, -1, headDim]);
	const mergedHeadsShape = g.constInt64([0, numHeads, -1, headDim]);
	const flatShape = g.constInt64([0, 0, numHeads * headDim]);
	const axis2 = g.constInt64([2]);

	for (let layer = 0; layer < config.numLayers; layer++) {
		const p = `model.layers.${layer}`;
		const normed = rmsNorm(x, `${p}.input_layernorm.weight`);
		const toHeads = (projected: string, heads: number) =>
			g.op('Transpose', [g.op('Reshape', [projected, headsShape(heads)])], { perm: { ints: [0, 2, 1, 3] } }); // [batch, heads, seq, headDim]
		const q = rope(toHeads(linear(normed, layer, 'q_proj', config.attentionBias), numHeads));
		let k = rope(toHeads(linear(normed, layer, 'k_proj', config.attentionBias), numKv));
		let v = toHeads(linear(normed, layer, 'v_proj', config.attentionBias), numKv);
		if (options.kvCache) {
			// The cache holds keys already rotated to their own positions, as HF's DynamicCache does.
			k = g.node(
				'Concat',
				[decoderGraphNames.pastKey(layer), k],
				{ axis: { int: 2 } },
				{ outputNames: [decoderGraphNames.presentKey(layer)] }
			)[0]!;
			v = g.node(
				'Concat',
				[decoderGraphNames.pastValue(layer), v],
				{ axis: { int: 2 } },
				{ outputNames: [decoderGraphNames.presentValue(layer)] }
			)[0]!;
		}
		// GQA without copying K/V: query heads are grouped [batch, kv, group, seq, d] against keys
		// [batch, kv, 1, total, d]; MatMul broadcasts the group axis (head h reads kv head floor(h / group)).
		const qGrouped = g.op('Reshape', [q, groupedShape]);
		const kT = g.op('Unsqueeze', [g.op('Transpose', [k], { perm: { ints: [0, 1, 3, 2] } }), axis2]); // [b, kv, 1, d, total]
		const scores = g.op('Mul', [g.op('MatMul', [qGrouped, kT]), attentionScale]); // [b, kv, group, seq, total]
		const masked = g.op('Where', [isFuture, minusInfinity, scores]);
		const probabilities = g.op('Softmax', [masked], { axis: { int: -1 } });
		const attended = g.op('MatMul', [probabilities, g.op('Unsqueeze', [v, axis2])]); // [b, kv, group, seq, d]
		const merged = g.op('Reshape', [
			g.op('Transpose', [g.op('Reshape', [attended, mergedHeadsShape])], { perm: { ints: [0, 2, 1, 3] } }),
			flatShape
		]); // [batch, seq, heads·headDim]
		x = g.op('Add', [x, linear(merged, layer, 'o_proj', false)]);

		const normed2 = rmsNorm(x, `${p}.post_attention_layernorm.weight`);
		const gate = linear(normed2, layer, 'gate_proj', false);
		const up = linear(normed2, layer, 'up_proj', false);
		const activated = g.op('Mul', [g.op('Mul', [gate, g.op('Sigmoid', [gate])]), up]);
		x = g.op('Add', [x, linear(activated, layer, 'down_proj', false)]);
	}

	const finalNormed = rmsNorm(x, 'model.norm.weight');
	// A tied head reuses the embedding initializer through a Transpose that ORT folds at load, so the file
	// carries the matrix once.
	const head = config.tieWordEmbeddings
		? g.op('Transpose', [embedding], { perm: { ints: [1, 0] } })
		: transposedInitializer('lm_head.weight', vocab, hidden);
	g.output(g.op('MatMul', [finalNormed, head]), decoderGraphNames.logits, F, ['batch', 'seq', vocab]);
	if (options.kvCache) {
		for (let layer = 0; layer < config.numLayers; layer++) {
			g.output(decoderGraphNames.presentKey(layer), decoderGraphNames.presentKey(layer), F, [
				'batch',
				numKv,
				'total',
				headDim
			]);
			g.output(decoderGraphNames.presentValue(layer), decoderGraphNames.presentValue(layer), F, [
				'batch',
				numKv,
				'total',
				headDim
			]);
		}
	}
	return g.serialize({ opset: 17, graphName: `${config.modelType}_decoder` });
}
