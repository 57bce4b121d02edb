// Turning a Hugging Face config.json into a ModelConfig, or refusing it. The engine implements exactly one
// architecture (a pre-norm Llama decoder with SwiGLU, RMSNorm and RoPE), so anything that would change the
// numerics — another activation, another RoPE scaling, sliding-window attention, MLP biases — is refused by
// name rather than run wrongly. Defaults follow transformers' LlamaConfig and Qwen2Config, so that a config
// which omits a field means what it means there.

import { ProvenaError, type ProvenaErrorOptions } from '../../shared/errors/ProvenaError.ts';
import type { ModelConfig, RopeScaling } from '../core/modelConfig.ts';

const SUPPORTED_MODEL_TYPES = ['llama', 'qwen2'] as const;
const SUPPORTED_HINT =
	'Provena runs Llama-family decoders (Llama, SmolLM2, TinyLlama, Qwen2); pick a model of that kind.';

/** The config describes a model (or a variant of one) that the engine cannot run; `field` names the culprit. */
export class UnsupportedModelError extends ProvenaError {
	override name = 'UnsupportedModelError';
	readonly field: string | undefined;
	constructor(message: string, options: ProvenaErrorOptions & { field?: string } = {}) {
		super(message, options);
		this.field = options.field;
	}
}

/**
 * Normalises a Hugging Face config.json (already JSON-parsed) for a 'llama' or 'qwen2' model.
 *
 * @example
 * const config = parseModelConfig(JSON.parse(await (await fetch(`${repo}/config.json`)).text()));
 * config.numKeyValueHeads; // 3 for SmolLM2-135M (grouped-query attention)
 */
export function parseModelConfig(json: unknown): ModelConfig {
	if (typeof json !== 'object' || json === null || Array.isArray(json)) {
		throw new UnsupportedModelError('The model config is not a JSON object; expected the contents of config.json.');
	}
	const c = json as Record<string, unknown>;

	const modelType = c['model_type'];
	if (modelType !== 'llama' && modelType !== 'qwen2') {
		throw new UnsupportedModelError(
			`${typeof modelType === 'string' ? `Model type '${modelType}' is not supported` : 'The model config has no model_type'}: ` +
				`supported are ${SUPPORTED_MODEL_TYPES.map((t) => `'${t}'`).join(' and ')}. ${SUPPORTED_HINT}`,
			{ field: 'model_type' }
		);
	}

	// transformers defaults hidden_act to 'silu' for both; SwiGLU is the only MLP the engine has.
	const hiddenAct = c['hidden_act'] ?? 'silu';
	if (hiddenAct !== 'silu') {
		throw new UnsupportedModelError(
			`Activation hidden_act=${JSON.stringify(hiddenAct)} is not supported: only 'silu' (SwiGLU) is. ${SUPPORTED_HINT}`,
			{ field: 'hidden_act' }
		);
	}
	if (c['mlp_bias'] === true) {
		throw new UnsupportedModelError(
			`mlp_bias=true (biases on the MLP projections) is not supported. ${SUPPORTED_HINT}`,
			{
				field: 'mlp_bias'
			}
		);
	}
	if (modelType === 'qwen2' && c['use_sliding_window'] === true) {
		throw new UnsupportedModelError(
			`use_sliding_window=true (sliding-window attention) is not supported: only full causal attention is. ${SUPPORTED_HINT}`,
			{ field: 'use_sliding_window' }
		);
	}

	const vocabSize = positiveInteger(c, 'vocab_size');
	const hiddenSize = positiveInteger(c, 'hidden_size');
	const intermediateSize = positiveInteger(c, 'intermediate_size');
	const numLayers = positiveInteger(c, 'num_hidden_layers');
	const numHeads = positiveInteger(c, 'num_attention_heads');
	const maxPositionEmbeddings = positiveInteger(c, 'max_position_embeddings');
	const numKeyValueHeads = c['num_key_value_heads'] == null ? numHeads : positiveInteger(c, 'num_key_value_heads');
	if (numHeads % numKeyValueHeads !== 0) {
		throw new UnsupportedModelError(
			`num_attention_heads (${numHeads}) is not divisible by num_key_value_heads (${numKeyValueHeads}), so the ` +
				'query heads cannot be grouped over the key/value heads. The config is inconsistent.',
			{ field: 'num_key_value_heads' }
		);
	}
	let headDim: number;
	if (c['head_dim'] != null) headDim = positiveInteger(c, 'head_dim');
	else if (hiddenSize % numHeads === 0) headDim = hiddenSize / numHeads;
	else {
		throw new UnsupportedModelError(
			`hidden_size (${hiddenSize}) is not divisible by num_attention_heads (${numHeads}) and no head_dim is given. ` +
				'Add head_dim to the config.',
			{ field: 'head_dim' }
		);
	}

	const ropeTheta = c['rope_theta'] == null ? 10000 : positiveNumber(c['rope_theta'], 'rope_theta');
	const rmsNormEps = c['rms_norm_eps'] == null ? 1e-6 : positiveNumber(c['rms_norm_eps'], 'rms_norm_eps');

	const tieWordEmbeddings = c['tie_word_embeddings'] == null ? false : boolean(c, 'tie_word_embeddings');
	// Qwen2 always has q/k/v biases (transformers hard-codes them); Llama has them only when the config says so.
	const attentionBias =
		modelType === 'qwen2' ? true : c['attention_bias'] == null ? false : boolean(c, 'attention_bias');

	const bos = c['bos_token_id'];
	if (bos != null && !isNonNegativeInteger(bos)) throw invalid('bos_token_id', bos, 'a non-negative integer or null');
	const eos = c['eos_token_id'];
	const eosTokenIds = eos == null ? [] : Array.isArray(eos) ? eos : [eos];
	if (!eosTokenIds.every(isNonNegativeInteger)) throw invalid('eos_token_id', eos, 'a token id or a list of token ids');

	const config: ModelConfig = {
		modelType,
		vocabSize,
		hiddenSize,
		intermediateSize,
		numLayers,
		numHeads,
		numKeyValueHeads,
		headDim,
		rmsNormEps,
		ropeTheta,
		ropeScaling: parseRopeScaling(c['rope_scaling']),
		maxPositionEmbeddings,
		tieWordEmbeddings,
		attentionBias,
		eosTokenIds: [...eosTokenIds]
	};
	if (bos != null) config.bosTokenId = bos as number;
	return config;
}

function parseRopeScaling(value: unknown): RopeScaling {
	if (value == null) return { type: 'none' };
	if (typeof value !== 'object' || Array.isArray(value)) throw invalid('rope_scaling', value, 'null or an object');
	const scaling = value as Record<string, unknown>;
	// Newer configs say rope_type, older ones type; 'default' is transformers' name for no scaling.
	const type = scaling['rope_type'] ?? scaling['type'];
	if (type === 'default') return { type: 'none' };
	if (type === 'linear')
		return {
			type: 'linear',
			factor: positiveNumber(scaling['factor'], 'rope_scaling.factor')
		};
	if (type === 'llama3') {
		const lowFreqFactor = positiveNumber(scaling['low_freq_factor'], 'rope_scaling.low_freq_factor');
		const highFreqFactor = positiveNumber(scaling['high_freq_factor'], 'rope_scaling.high_freq_factor');
		if (highFreqFactor <= lowFreqFactor) {
			// The llama3 formula interpolates between the two wavelengths and divides by their difference.
			throw new UnsupportedModelError(
				`rope_scaling.high_freq_factor (${highFreqFactor}) must be greater than low_freq_factor (${lowFreqFactor}). The config is inconsistent.`,
				{ field: 'rope_scaling.high_freq_factor' }
			);
		}
		return {
			type: 'llama3',
			factor: positiveNumber(scaling['factor'], 'rope_scaling.factor'),
			lowFreqFactor,
			highFreqFactor,
			originalMaxPositionEmbeddings: positiveInteger(scaling, 'original_max_position_embeddings', 'rope_scaling.')
		};
	}
	throw new UnsupportedModelError(
		`RoPE scaling type ${type == null ? '(none given)' : JSON.stringify(type)} is not supported: only 'linear' and 'llama3' are ` +
			'(or rope_scaling: null). Pick a model without this long-context extension.',
		{ field: 'rope_scaling' }
	);
}

function positiveInteger(source: Record<string, unknown>, key: string, prefix = ''): number {
	const value = source[key];
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
	throw invalid(prefix + key, value, 'a positive integer');
}

function positiveNumber(value: unknown, field: string): number {
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
	throw invalid(field, value, 'a positive number');
}

function boolean(source: Record<string, unknown>, key: string): boolean {
	const value = source[key];
	if (typeof value === 'boolean') return value;
	throw invalid(key, value, 'true or false');
}

function isNonNegativeInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function invalid(field: string, value: unknown, expected: string): UnsupportedModelError {
	return new UnsupportedModelError(
		value === undefined
			? `The model config has no ${field}; it must be ${expected}. Check that this is the model's config.json.`
			: `The model config's ${field} is ${JSON.stringify(value)}; it must be ${expected}.`,
		{ field }
	);
}
