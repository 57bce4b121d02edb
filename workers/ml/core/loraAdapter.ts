// A LoRA adapter as the reference forward pass applies it: PEFT's hyperparameters and its tensors under PEFT's
// own names, so an adapter_model.safetensors can be handed over without renaming anything.
import type { HostTensor } from './hostTensor.ts';

/** The projections a LoRA adapter may target, by their Hugging Face module names, in the model's order. */
export const LORA_TARGET_MODULES = [
	'q_proj',
	'k_proj',
	'v_proj',
	'o_proj',
	'gate_proj',
	'up_proj',
	'down_proj'
] as const;

/** A projection a LoRA adapter may target. */
export type LoraTargetModule = (typeof LORA_TARGET_MODULES)[number];

/**
 * A LoRA adapter: for each targeted projection W of each selected layer, y = x·Wᵀ (+ b) + scale · (x·Aᵀ)·Bᵀ,
 * with scale = alpha / rank, or alpha / sqrt(rank) under rsLoRA.
 *
 * @example
 * const adapter: LoraAdapter = {
 * 	rank: 8,
 * 	alpha: 16,
 * 	useRsLora: false,
 * 	targetModules: ['q_proj', 'v_proj'],
 * 	tensors: new Map([
 * 		['base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight', { shape: [8, 64], data: a }],
 * 		['base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight', { shape: [64, 8], data: b }]
 * 		// …and so on for every targeted module of every selected layer
 * 	])
 * };
 */
export type LoraAdapter = {
	/** r: the inner dimension of A [r, in] and B [out, r]. */
	rank: number;
	/** PEFT's lora_alpha. */
	alpha: number;
	/** Rank-stabilised LoRA: scale by alpha / sqrt(rank) instead of alpha / rank. */
	useRsLora: boolean;
	targetModules: readonly LoraTargetModule[];
	/** Layer indices the adapter applies to; all layers when absent (PEFT's layers_to_transform). */
	layers?: readonly number[];
	/** Keyed by PEFT names: `base_model.model.model.layers.{i}.{self_attn|mlp}.{module}.lora_{A|B}.weight`. */
	tensors: ReadonlyMap<string, HostTensor>;
};

/**
 * The factor LoRA's low-rank update is multiplied by.
 *
 * @example
 * loraScale({ rank: 8, alpha: 16, useRsLora: false }); // 2
 * loraScale({ rank: 4, alpha: 16, useRsLora: true }); // 8
 */
export function loraScale(adapter: Pick<LoraAdapter, 'rank' | 'alpha' | 'useRsLora'>): number {
	return adapter.useRsLora ? adapter.alpha / Math.sqrt(adapter.rank) : adapter.alpha / adapter.rank;
}

/**
 * The PEFT tensor-name prefix of a targeted module in a layer (append `.lora_A.weight` or `.lora_B.weight`).
 *
 * @example
 * loraModulePrefix(3, 'down_proj'); // 'base_model.model.model.layers.3.mlp.down_proj'
 */
export function loraModulePrefix(layer: number, module: LoraTargetModule): string {
	// PEFT wraps the model twice (base_model.model) around the HF module tree.
	return `base_model.model.${projectionModulePath(layer, module)}`;
}

/**
 * The Hugging Face module path of a projection in a layer (append `.weight` or `.bias`).
 *
 * @example
 * projectionModulePath(3, 'down_proj'); // 'model.layers.3.mlp.down_proj'
 */
export function projectionModulePath(layer: number, module: LoraTargetModule): string {
	// Attention projections live under self_attn, the MLP's under mlp, exactly as in the HF module tree.
	const block = module === 'gate_proj' || module === 'up_proj' || module === 'down_proj' ? 'mlp' : 'self_attn';
	return `model.layers.${layer}.${block}.${module}`;
}
