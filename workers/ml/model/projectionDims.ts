// The input and output sizes of each projection a LoRA adapter can target, for one config: what adapter
// shapes are checked against, what slot pools are sized by, and what fixtures are drawn with.
import type { LoraTargetModule } from '../core/loraAdapter.ts';
import type { ModelConfig } from '../core/modelConfig.ts';

/**
 * [in, out] of each projection for a config (nn.Linear stores the weight as [out, in]).
 *
 * @example
 * projectionDims(config).k_proj; // [hiddenSize, numKeyValueHeads * headDim]
 */
export function projectionDims(config: ModelConfig): Record<LoraTargetModule, [inSize: number, outSize: number]> {
	const { hiddenSize: hidden, intermediateSize: inter, numHeads, numKeyValueHeads, headDim } = config;
	return {
		q_proj: [hidden, numHeads * headDim],
		k_proj: [hidden, numKeyValueHeads * headDim],
		v_proj: [hidden, numKeyValueHeads * headDim],
		o_proj: [numHeads * headDim, hidden],
		gate_proj: [hidden, inter],
		up_proj: [hidden, inter],
		down_proj: [inter, hidden]
	};
}
