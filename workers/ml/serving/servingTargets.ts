// Which projections and how big the pools of a serving session are. Serving pools cover every LoRA target module in
// every layer, so any PEFT adapter of at most the pool rank fits a slot without a new session; a single-adapter
// session (the CLI, the self-test) sizes its pools to that one adapter instead.
import { LORA_TARGET_MODULES, type LoraAdapter } from '../core/loraAdapter.ts';
import type { LoraSlotTargets } from '../onnx/buildDecoderGraph.ts';

/** Every module, every layer: what an OpenLoRA pool serves. */
export const ALL_LORA_TARGETS: LoraSlotTargets = { targetModules: LORA_TARGET_MODULES };

/** The pool layout of a serving session. */
export type ServingLayout = { targets: LoraSlotTargets; rank: number; slots: number };

/**
 * The layout that holds exactly `adapter` in slot 1 (slot 0 the base model), or undefined without one.
 *
 * @example
 * singleAdapterLayout(adapter); // { targets: { targetModules: ['q_proj', 'v_proj'] }, rank: 8, slots: 2 }
 */
export function singleAdapterLayout(adapter: LoraAdapter | undefined): ServingLayout | undefined {
	if (!adapter) return undefined;
	const targets: LoraSlotTargets = {
		targetModules: adapter.targetModules,
		...(adapter.layers ? { layers: adapter.layers } : {})
	};
	return { targets, rank: adapter.rank, slots: 2 };
}
