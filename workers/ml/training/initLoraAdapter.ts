// A fresh LoRA adapter as PEFT initialises one (A Kaiming-uniform, B zero), so training starts exactly at the
// base model and the adapter can be written in PEFT's names at any point. Seeded, so a run is repeatable.
import type { HostTensor } from '../core/hostTensor.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { projectionDims } from '../model/projectionDims.ts';
import { seededRandom } from '../random/seededRandom.ts';
import { LORA_TARGET_MODULES, loraModulePrefix, type LoraAdapter } from '../core/loraAdapter.ts';

/** The shape of a new adapter: rank, alpha, scaling and where it applies (all layers when `layers` is absent). */
export type LoraAdapterShape = Pick<LoraAdapter, 'rank' | 'alpha' | 'useRsLora' | 'targetModules' | 'layers'>;

/**
 * A new adapter under PEFT's tensor names: A ~ U(−1/√in, 1/√in) (PEFT's kaiming_uniform with a = √5), B = 0.
 *
 * @example
 * const adapter = initLoraAdapter(config, { rank: 8, alpha: 16, useRsLora: false, targetModules: ['q_proj', 'v_proj'] }, 7);
 */
export function initLoraAdapter(config: ModelConfig, shape: LoraAdapterShape, seed: number): LoraAdapter {
	const random = seededRandom(seed);
	const dims = projectionDims(config);
	const tensors = new Map<string, HostTensor>();
	// Layers, then modules in the model's order: the draw order, and so the adapter, does not depend on how the
	// caller listed its target modules.
	const modules = LORA_TARGET_MODULES.filter((module) => shape.targetModules.includes(module));
	for (let layer = 0; layer < config.numLayers; layer++) {
		if (shape.layers && !shape.layers.includes(layer)) continue;
		for (const module of modules) {
			const [inSize, outSize] = dims[module];
			const bound = 1 / Math.sqrt(inSize);
			const a = Float32Array.from({ length: shape.rank * inSize }, () => (random.uniform() * 2 - 1) * bound);
			tensors.set(`${loraModulePrefix(layer, module)}.lora_A.weight`, { shape: [shape.rank, inSize], data: a });
			tensors.set(`${loraModulePrefix(layer, module)}.lora_B.weight`, {
				shape: [outSize, shape.rank],
				data: new Float32Array(outSize * shape.rank)
			});
		}
	}
	return {
		rank: shape.rank,
		alpha: shape.alpha,
		useRsLora: shape.useRsLora,
		targetModules: modules,
		...(shape.layers ? { layers: [...shape.layers] } : {}),
		tensors
	};
}
