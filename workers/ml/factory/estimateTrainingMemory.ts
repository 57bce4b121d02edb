// How much device memory a fine-tune needs, from the shapes alone, so the page can warn before a run that cannot
// fit. Everything is float32 (4 bytes):
//
//   total = base weights
//         + 4 × LoRA parameters × 4                 (A and B, their gradients, AdamW's m and v)
//         + B × T × L × perLayer × 4                (activations the jitted forward keeps for the backward pass)
//         + B × T × 4 × V × 4                       (the loss over the vocabulary)
//
//   perLayer = 4H + 5Q + 3KV + 4I + 2·N·T + r·modules
//
// with B the batch size, T the sequence length, L the layers, H the hidden size, Q = heads × headDim,
// KV = kvHeads × headDim, I the intermediate size, N the heads, V the vocabulary, r the rank. Per token and layer
// that is: the residual stream before and after attention and the two RMSNorm outputs (4H); q, k, v, RoPE'd q and k,
// k and v expanded to every query head (jaxForward broadcasts them for GQA) and the attended values (5Q + 3KV); the
// MLP's gate, up, silu(gate) and product (4I); attention scores and probabilities, a row of T per head (2·N·T, why
// memory grows with T²); and LoRA's x·Aᵀ per targeted module (r·modules). The loss keeps four V-wide rows per
// token: the logits, their log-softmax, the target comparison mask and their product (loss.ts). The backward pass
// frees activations as it goes and adds about one layer's worth at a time, which the estimate leaves out.
import type { ModelConfig } from '../core/modelConfig.ts';
import { projectionDims } from '../model/projectionDims.ts';
import type { FineTuneSettings } from './fineTuneSettings.ts';

const FLOAT_BYTES = 4;

/** The settings the estimate depends on. */
export type TrainingShape = Pick<FineTuneSettings, 'rank' | 'targetModules' | 'batchSize' | 'maxSeqLength'>;

/** The estimate, term by term, in bytes. */
export type TrainingMemoryEstimate = {
	baseWeightBytes: number;
	loraParameters: number;
	/** LoRA parameters, their gradients and AdamW's two moments. */
	loraBytes: number;
	/** perLayer / H: the floats one token keeps per layer, in units of the hidden size. */
	k: number;
	activationBytes: number;
	logitsBytes: number;
	totalBytes: number;
};

/**
 * The memory of training at `settings` over a base whose weights take `baseWeightBytes` on the device.
 *
 * @example
 * const { totalBytes } = estimateTrainingMemory(config, settings, 4 * parameterCount);
 */
export function estimateTrainingMemory(
	config: ModelConfig,
	settings: TrainingShape,
	baseWeightBytes: number
): TrainingMemoryEstimate {
	const dims = projectionDims(config);
	const { rank, targetModules, batchSize, maxSeqLength: seq } = settings;
	const loraParameters =
		config.numLayers * targetModules.reduce((sum, module) => sum + rank * (dims[module][0] + dims[module][1]), 0);
	const hidden = config.hiddenSize;
	const q = config.numHeads * config.headDim;
	const kv = config.numKeyValueHeads * config.headDim;
	const perLayer =
		4 * hidden + 5 * q + 3 * kv + 4 * config.intermediateSize + 2 * config.numHeads * seq + rank * targetModules.length;
	const tokens = batchSize * seq;
	const loraBytes = 4 * loraParameters * FLOAT_BYTES;
	const activationBytes = tokens * config.numLayers * perLayer * FLOAT_BYTES;
	const logitsBytes = tokens * 4 * config.vocabSize * FLOAT_BYTES;
	return {
		baseWeightBytes,
		loraParameters,
		loraBytes,
		k: perLayer / hidden,
		activationBytes,
		logitsBytes,
		totalBytes: baseWeightBytes + loraBytes + activationBytes + logitsBytes
	};
}
