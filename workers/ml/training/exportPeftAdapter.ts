// From the trainer back to files: trained jax arrays become host tensors under Hugging Face names (for
// model.safetensors) or PEFT names plus an adapter_config.json (for a LoRA adapter directory), which
// loadModelFiles / loadAdapterFiles, transformers and PEFT all read.
import type { numpy as np } from '@jax-js/jax';
import { writeSafetensors } from '../formats/safetensors.ts';
import type { HostTensor } from '../core/hostTensor.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { LORA_TARGET_MODULES, loraModulePrefix, type LoraAdapter } from '../core/loraAdapter.ts';
import { LAYER_NAMES, type JaxLayerWeights, type JaxLora, type JaxWeights } from './jaxForward.ts';

/** A copy of a jax array in host memory; does not consume it. */
async function toHost(array: np.Array): Promise<HostTensor> {
	const data = (await array.ref.data()) as Float32Array;
	return { shape: [...array.shape], data: new Float32Array(data) };
}

/**
 * The model's weights as host tensors under Hugging Face names (for writeSafetensors); consumes nothing.
 *
 * @example
 * writeFileSync('model.safetensors', writeSafetensors(await hostWeightsFromJax(config, state.weights)));
 */
export async function hostWeightsFromJax(config: ModelConfig, weights: JaxWeights): Promise<Map<string, HostTensor>> {
	const host = new Map<string, HostTensor>();
	host.set('model.embed_tokens.weight', await toHost(weights.embedding));
	for (let layer = 0; layer < config.numLayers; layer++) {
		const entry = weights.layers[layer]!;
		for (const [key, name] of Object.entries(LAYER_NAMES) as [keyof JaxLayerWeights, string][]) {
			const array = entry[key];
			if (array) host.set(`model.layers.${layer}.${name}`, await toHost(array));
		}
	}
	host.set('model.norm.weight', await toHost(weights.norm));
	if (weights.lmHead && !config.tieWordEmbeddings) host.set('lm_head.weight', await toHost(weights.lmHead));
	return host;
}

/**
 * A trained jax LoRA as a host {@link LoraAdapter} with `shape`'s hyperparameters; consumes nothing.
 *
 * @example
 * const adapter = await hostAdapterFromJax(state.lora, initial); // initial: the adapter training started from
 */
export async function hostAdapterFromJax(
	lora: JaxLora,
	shape: Pick<LoraAdapter, 'rank' | 'alpha' | 'useRsLora' | 'targetModules' | 'layers'>
): Promise<LoraAdapter> {
	const tensors = new Map<string, HostTensor>();
	for (let layer = 0; layer < lora.layers.length; layer++) {
		for (const module of LORA_TARGET_MODULES) {
			const factors = lora.layers[layer]![module];
			if (!factors) continue;
			tensors.set(`${loraModulePrefix(layer, module)}.lora_A.weight`, await toHost(factors.a));
			tensors.set(`${loraModulePrefix(layer, module)}.lora_B.weight`, await toHost(factors.b));
		}
	}
	return {
		rank: shape.rank,
		alpha: shape.alpha,
		useRsLora: shape.useRsLora,
		targetModules: [...shape.targetModules],
		...(shape.layers ? { layers: [...shape.layers] } : {}),
		tensors
	};
}

/** An adapter directory's two files: adapter_config.json (an object to serialise) and adapter_model.safetensors. */
export type PeftAdapterFiles = { adapterConfig: Record<string, unknown>; safetensors: Uint8Array };

/**
 * The PEFT files of an adapter trained on `baseModelNameOrPath` (recorded so loaders can refuse another base).
 *
 * @example
 * const { adapterConfig, safetensors } = peftAdapterFiles(adapter, 'provena/provena-tiny');
 * writeFileSync('adapter_config.json', JSON.stringify(adapterConfig, null, 2));
 * writeFileSync('adapter_model.safetensors', safetensors);
 */
export function peftAdapterFiles(adapter: LoraAdapter, baseModelNameOrPath: string): PeftAdapterFiles {
	// Every field PEFT writes, with the values that mean "plain LoRA", so PEFT itself loads the directory as is.
	const adapterConfig: Record<string, unknown> = {
		alpha_pattern: {},
		auto_mapping: null,
		base_model_name_or_path: baseModelNameOrPath,
		bias: 'none',
		fan_in_fan_out: false,
		inference_mode: true,
		init_lora_weights: true,
		layers_pattern: null,
		layers_to_transform: adapter.layers ? [...adapter.layers] : null,
		lora_alpha: adapter.alpha,
		lora_dropout: 0,
		modules_to_save: null,
		peft_type: 'LORA',
		r: adapter.rank,
		rank_pattern: {},
		revision: null,
		target_modules: LORA_TARGET_MODULES.filter((module) => adapter.targetModules.includes(module)),
		task_type: 'CAUSAL_LM',
		use_dora: false,
		use_rslora: adapter.useRsLora
	};
	return { adapterConfig, safetensors: writeSafetensors(adapter.tensors, { metadata: { format: 'pt' } }) };
}
