// Turning a PEFT LoRA adapter (adapter_config.json + adapter_model.safetensors) into a LoraAdapter for one
// base model, or refusing it with a message that says exactly what does not fit: another base model, a
// module the engine cannot adapt, a layer the model does not have, a tensor of the wrong shape, or a PEFT
// feature that would change the numerics (DoRA, per-module ranks, bias training, fan-in/fan-out layouts).
import { ProvenaError, type ProvenaErrorOptions } from '../../shared/errors/ProvenaError.ts';
import {
	LORA_TARGET_MODULES,
	loraModulePrefix,
	type LoraAdapter,
	type LoraTargetModule
} from '../core/loraAdapter.ts';
import { projectionDims } from './projectionDims.ts';
import type { TensorMap } from '../core/hostTensor.ts';
import type { ModelConfig } from '../core/modelConfig.ts';

/** The adapter cannot be used with this base model; `field` names what does not fit. */
export class AdapterMismatchError extends ProvenaError {
	override name = 'AdapterMismatchError';
	readonly field: string | undefined;
	constructor(message: string, options: ProvenaErrorOptions & { field?: string } = {}) {
		super(message, options);
		this.field = options.field;
	}
}

/** The base model an adapter is being loaded onto. */
export type AdapterBase = {
	config: ModelConfig;
	/**
	 * The base model's id (e.g. "HuggingFaceTB/SmolLM2-135M"). When given, the adapter's
	 * `base_model_name_or_path` must name the same model (compared without case and without a leading path).
	 */
	modelId?: string;
};

/**
 * Checks a PEFT LoRA adapter against `base` and returns it ready for the engine.
 *
 * @example
 * const adapter = parsePeftAdapter(JSON.parse(configText), parseSafetensors(bytes).tensors, { config, modelId });
 * adapter.targetModules; // ['q_proj', 'v_proj']
 */
export function parsePeftAdapter(configJson: unknown, tensors: TensorMap, base: AdapterBase): LoraAdapter {
	if (typeof configJson !== 'object' || configJson === null || Array.isArray(configJson))
		throw mismatch('adapter_config.json is not a JSON object.', 'adapter_config.json');
	const json = configJson as Record<string, unknown>;

	const peftType = json.peft_type ?? 'LORA';
	if (peftType !== 'LORA')
		throw mismatch(`The adapter is a ${String(peftType)} adapter; only LoRA adapters are supported.`, 'peft_type');
	if (json.use_dora === true)
		throw mismatch(
			'The adapter uses DoRA (use_dora: true), which Provena does not run; train a plain LoRA.',
			'use_dora'
		);
	if (json.bias !== undefined && json.bias !== 'none')
		throw mismatch(`The adapter trains biases (bias: "${String(json.bias)}"); only bias: "none" is supported.`, 'bias');
	if (json.fan_in_fan_out === true)
		throw mismatch('The adapter stores weights fan-in/fan-out (GPT-2 style); Llama adapters do not.', 'fan_in_fan_out');
	for (const field of ['rank_pattern', 'alpha_pattern'] as const) {
		const pattern = json[field];
		if (pattern && typeof pattern === 'object' && Object.keys(pattern).length > 0)
			throw mismatch(`The adapter sets ${field} (per-module ranks or alphas), which Provena does not support.`, field);
	}
	const modulesToSave = json.modules_to_save;
	if (Array.isArray(modulesToSave) && modulesToSave.length > 0)
		throw mismatch(
			`The adapter also replaces whole modules (modules_to_save: ${modulesToSave.join(', ')}); only LoRA matrices are supported.`,
			'modules_to_save'
		);

	checkBaseModel(json.base_model_name_or_path, base.modelId);

	const rank = json.r;
	if (typeof rank !== 'number' || !Number.isInteger(rank) || rank <= 0)
		throw mismatch(`The adapter's rank r must be a positive integer, got ${JSON.stringify(rank)}.`, 'r');
	const alpha = json.lora_alpha ?? rank;
	if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha <= 0)
		throw mismatch(`lora_alpha must be a positive number, got ${JSON.stringify(alpha)}.`, 'lora_alpha');
	const useRsLora = json.use_rslora === true;

	const targetModules = parseTargetModules(json.target_modules);
	const layers = parseLayers(json.layers_to_transform, base.config.numLayers);

	const adapter: LoraAdapter = { rank, alpha, useRsLora, targetModules, ...(layers ? { layers } : {}), tensors };
	checkTensors(adapter, base.config);
	return adapter;
}

function mismatch(message: string, field: string): AdapterMismatchError {
	return new AdapterMismatchError(message, { field });
}

/**
 * Whether two base-model ids name the same model: equal without case and trailing slashes, or ending in the same
 * folder name (adapters record either a hub id, "org/name", or a local path ending in the model's folder name).
 *
 * @example
 * sameBaseModelId('/home/me/models/SmolLM2-135M', 'HuggingFaceTB/SmolLM2-135M'); // true
 */
export function sameBaseModelId(a: string, b: string): boolean {
	const normalise = (id: string) => id.replace(/\/+$/, '').toLowerCase();
	const last = (id: string) => normalise(id).split('/').at(-1);
	return normalise(a) === normalise(b) || last(a) === last(b);
}

function checkBaseModel(adapterBase: unknown, modelId: string | undefined): void {
	if (modelId === undefined || typeof adapterBase !== 'string' || adapterBase === '') return;
	if (!sameBaseModelId(adapterBase, modelId))
		throw mismatch(
			`The adapter was trained on "${adapterBase}", not on "${modelId}". Load it onto that base model.`,
			'base_model_name_or_path'
		);
}

function parseTargetModules(value: unknown): LoraTargetModule[] {
	const names = typeof value === 'string' ? [value] : value;
	if (!Array.isArray(names) || names.length === 0)
		throw mismatch('target_modules must list the projections the adapter changes.', 'target_modules');
	const modules: LoraTargetModule[] = [];
	for (const name of names) {
		if (!LORA_TARGET_MODULES.includes(name as LoraTargetModule))
			throw mismatch(
				`The adapter targets "${String(name)}", which Provena cannot adapt; supported: ${LORA_TARGET_MODULES.join(', ')}.`,
				'target_modules'
			);
		if (!modules.includes(name as LoraTargetModule)) modules.push(name as LoraTargetModule);
	}
	return modules;
}

function parseLayers(value: unknown, numLayers: number): number[] | undefined {
	if (value === undefined || value === null) return undefined;
	const layers = typeof value === 'number' ? [value] : value;
	if (!Array.isArray(layers))
		throw mismatch('layers_to_transform must be a layer index or a list of them.', 'layers_to_transform');
	for (const layer of layers)
		if (!Number.isInteger(layer) || layer < 0 || layer >= numLayers)
			throw mismatch(
				`The adapter changes layer ${String(layer)}, but the base model has layers 0…${numLayers - 1}.`,
				'layers_to_transform'
			);
	return [...new Set(layers as number[])].sort((a, b) => a - b);
}

/** Every targeted module of every selected layer has A [r, in] and B [out, r] of the base model's sizes. */
function checkTensors(adapter: LoraAdapter, config: ModelConfig): void {
	const sizes = projectionDims(config);
	const layers = adapter.layers ?? Array.from({ length: config.numLayers }, (_, i) => i);
	const expected = new Set<string>();
	for (const layer of layers)
		for (const module of adapter.targetModules) {
			const [input, output] = sizes[module];
			const prefix = loraModulePrefix(layer, module);
			for (const [name, shape] of [
				[`${prefix}.lora_A.weight`, [adapter.rank, input]],
				[`${prefix}.lora_B.weight`, [output, adapter.rank]]
			] as const) {
				expected.add(name);
				const tensor = adapter.tensors.get(name);
				if (!tensor) throw mismatch(`adapter_model.safetensors has no ${name}.`, name);
				if (tensor.shape.length !== 2 || tensor.shape[0] !== shape[0] || tensor.shape[1] !== shape[1])
					throw mismatch(
						`${name} has shape [${tensor.shape.join(', ')}], but this base model needs [${shape.join(', ')}]: the adapter was made for a model of another size.`,
						name
					);
			}
		}
	const extra = [...adapter.tensors.keys()].filter((name) => !expected.has(name));
	if (extra.length > 0)
		throw mismatch(
			`adapter_model.safetensors holds tensors its config does not describe (${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ', …' : ''}).`,
			extra[0]!
		);
}
