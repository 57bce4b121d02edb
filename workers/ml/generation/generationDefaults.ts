// A model's own sampling defaults, read from its generation_config.json (Hugging Face's names: do_sample,
// temperature, top_k, top_p, repetition_penalty, max_new_tokens), with Provena's library defaults for whatever the
// file does not say. The file is advice, not part of the weights: a value that cannot be used is ignored with a
// warning that names it, and the model still runs; only a file that is not JSON at all is an error (the loader's).
import type { SamplingOptions } from './sampling.ts';

/** Sampling and length settings to start a conversation with. */
export type GenerationSettings = {
	sampling: Omit<SamplingOptions, 'previousTokens'>;
	maxNewTokens: number;
};

/** What {@link generationDefaults} found. */
export type GenerationDefaults = GenerationSettings & {
	/** The generation_config.json fields these settings took from the model (empty: all library defaults). */
	fromModel: string[];
	/** One line per field that was present but could not be used, saying what was used instead. */
	warnings: string[];
};

/**
 * Provena's defaults for a model that says nothing: mild sampling that suits models of a few hundred million
 * parameters and up (SmolLM2, Qwen2 and TinyLlama publish similar values), and no repetition penalty, as in Hugging
 * Face's generate(), so an unconfigured greedy run is plain greedy decoding.
 */
export const LIBRARY_GENERATION_DEFAULTS: GenerationSettings = {
	sampling: { temperature: 0.7, topK: 40, topP: 0.95, repetitionPenalty: 1 },
	maxNewTokens: 64
};

// One check per field: the value to use, or undefined with the reason the value cannot be used.
type Field = { key: string; check: (value: unknown) => number | undefined; expected: string };
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const FIELDS = {
	temperature: { key: 'temperature', check: (v) => (isNumber(v) && v >= 0 ? v : undefined), expected: 'a number ≥ 0' },
	// Hugging Face's top_k 0 means no top-k filter.
	topK: { key: 'top_k', check: (v) => (isNumber(v) && Number.isInteger(v) && v >= 0 ? v : undefined), expected: 'an integer ≥ 0' },
	topP: { key: 'top_p', check: (v) => (isNumber(v) && v > 0 && v <= 1 ? v : undefined), expected: 'a number in (0, 1]' },
	repetitionPenalty: {
		key: 'repetition_penalty',
		check: (v) => (isNumber(v) && v > 0 ? v : undefined),
		expected: 'a number > 0'
	},
	maxNewTokens: {
		key: 'max_new_tokens',
		check: (v) => (isNumber(v) && Number.isInteger(v) && v >= 1 ? v : undefined),
		expected: 'an integer ≥ 1'
	}
} satisfies Record<string, Field>;

/**
 * The settings a chat should start from for a model with this generation_config.json (parsed; undefined when the
 * model has none). `do_sample: false` means greedy (temperature 0), as in Hugging Face's generate().
 *
 * @example
 * generationDefaults({ do_sample: true, temperature: 0.4, top_k: 8 }).sampling; // { temperature: 0.4, topK: 8, topP: 0.95, repetitionPenalty: 1 }
 */
export function generationDefaults(generationConfig?: Record<string, unknown>): GenerationDefaults {
	const defaults = LIBRARY_GENERATION_DEFAULTS;
	const result: GenerationDefaults = {
		sampling: { ...defaults.sampling },
		maxNewTokens: defaults.maxNewTokens,
		fromModel: [],
		warnings: []
	};
	if (!generationConfig) return result;
	const read = (field: Field, fallback: number | undefined): number | undefined => {
		if (!(field.key in generationConfig) || generationConfig[field.key] === null) return fallback;
		const value = field.check(generationConfig[field.key]);
		if (value === undefined) {
			result.warnings.push(
				`generation_config.json: ${field.key} must be ${field.expected}, got ${JSON.stringify(generationConfig[field.key])}; ` +
					`using ${fallback ?? 'none'} instead.`
			);
			return fallback;
		}
		result.fromModel.push(field.key);
		return value;
	};
	const doSample = generationConfig['do_sample'];
	if (doSample !== undefined && typeof doSample !== 'boolean')
		result.warnings.push(`generation_config.json: do_sample must be true or false, got ${JSON.stringify(doSample)}; ignored.`);
	const sampling = result.sampling;
	if (doSample === false) {
		sampling.temperature = 0;
		result.fromModel.push('do_sample');
	} else {
		if (doSample === true) result.fromModel.push('do_sample');
		sampling.temperature = read(FIELDS.temperature, sampling.temperature)!;
	}
	const topK = read(FIELDS.topK, sampling.topK);
	if (topK === 0 || topK === undefined) delete sampling.topK;
	else sampling.topK = topK;
	const topP = read(FIELDS.topP, sampling.topP);
	if (topP === undefined) delete sampling.topP;
	else sampling.topP = topP;
	sampling.repetitionPenalty = read(FIELDS.repetitionPenalty, sampling.repetitionPenalty)!;
	result.maxNewTokens = read(FIELDS.maxNewTokens, result.maxNewTokens)!;
	return result;
}
