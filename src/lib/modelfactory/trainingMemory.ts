// How much memory a LoRA fine-tune needs, from the model's config and safetensors header, before anything big
// downloads: an estimate, which the trainer's measured peak (a few real steps) replaces before training starts.
// The page reads it through this one module. Its first version had its own formula; the trainer's core now
// has the shared one (workers/ml/factory/estimateTrainingMemory.ts), so the page, the worker and `provena train`
// estimate alike, and this module re-exports it and adds what only the page needs: the largest single buffer,
// which WebGPU limits whatever the total.
//
// The formula, every term float32 (4 bytes), as the core documents it:
//
//   total = base weights + 4 × LoRA parameters × 4              (A and B, their gradients, AdamW's m and v)
//         + B × T × L × k × H × 4                              (activations kept for the backward pass)
//         + B × T × 4 × V × 4                                  (logits, log-softmax, target mask, their product)
//
//   k × H = 4·H + 5·q + 3·kv + 4·I + 2·heads·T + r·targets
//
// k counts the floats one token keeps per layer until its backward pass, in units of the hidden size H: the
// residual stream and norms (4·H); q, k, v, the rotated q and k, k and v broadcast to every query head, and the
// attended values (5·q + 3·kv); the MLP's gate, up, silu(gate) and product (4·I); attention scores and
// probabilities, a row of T per head (2·heads·T, why memory grows with T²); and each adapted projection's x·Aᵀ.
// k is therefore not a constant: about 30.6 for the default model at 128 tokens, about 28.7 for SmolLM2-135M at 256.
import type { ModelConfig } from '../../../workers/ml/core/modelConfig.ts';
import type { TrainingShape } from '../../../workers/ml/factory/estimateTrainingMemory.ts';

export {
	estimateTrainingMemory,
	type TrainingMemoryEstimate,
	type TrainingShape
} from '../../../workers/ml/factory/estimateTrainingMemory.ts';

const FLOAT32 = 4;

/** One buffer of training, and its size. */
export type TrainingBuffer = { what: string; bytes: number; advice: string };

const SHORTER = 'Lower the batch size or the sequence length.';

/**
 * The largest single buffer training allocates: a weight tensor, the logits of a batch, one layer's attention
 * scores or MLP activations. WebGPU refuses any buffer over its limits, whatever the total.
 *
 * @example
 * largestTrainingBuffer(plan.config, settings, plan.largestTensor).bytes;
 */
export function largestTrainingBuffer(
	config: ModelConfig,
	settings: Pick<TrainingShape, 'batchSize' | 'maxSeqLength'>,
	largestTensor: { name: string; shape: readonly number[]; bytes: number }
): TrainingBuffer {
	const { batchSize: b, maxSeqLength: t } = settings;
	const candidates: TrainingBuffer[] = [
		{
			what: `the weight ${largestTensor.name} [${largestTensor.shape.join(', ')}] as float32`,
			bytes: largestTensor.bytes,
			advice: 'Pick a smaller model (fewer parameters or a smaller vocabulary).'
		},
		{
			what: `the logits of one batch (${b} × ${t} tokens × ${config.vocabSize} vocabulary)`,
			bytes: b * t * config.vocabSize * FLOAT32,
			advice: SHORTER
		},
		{
			what: `one layer's attention scores (${b} × ${config.numHeads} heads × ${t} × ${t})`,
			bytes: b * config.numHeads * t * t * FLOAT32,
			advice: SHORTER
		},
		{
			what: `one layer's MLP activations (${b} × ${t} tokens × ${config.intermediateSize})`,
			bytes: b * t * config.intermediateSize * FLOAT32,
			advice: SHORTER
		}
	];
	return candidates.reduce((largest, next) => (next.bytes > largest.bytes ? next : largest));
}
