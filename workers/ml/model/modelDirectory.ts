// Loading a Hugging Face model directory (config.json, model.safetensors, tokenizer files, generation_config.json)
// and a PEFT adapter directory (adapter_config.json, adapter_model.safetensors) through a caller-given file
// reader, so the CLI (fs), the browser (fetch) and IPFS share one loader and one set of error messages. Every
// problem is reported naming the file or tensor at fault, before any engine sees the weights. The small files are
// read and checked first, so a reader that downloads fails on a wrong tokenizer before fetching gigabytes.
import { ProvenaError, type ProvenaErrorOptions } from '../../shared/errors/ProvenaError.ts';
import { parseSafetensors } from '../formats/safetensors.ts';
import type { LoraAdapter } from '../core/loraAdapter.ts';
import { checkTokenizerFitsModel } from '../tokenizer/checkTokenizerFitsModel.ts';
import { checkFiniteWeights } from './checkFiniteWeights.ts';
import type { HostTensor } from '../core/hostTensor.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { parseModelConfig } from './parseModelConfig.ts';
import { parsePeftAdapter, type AdapterBase } from './parsePeftAdapter.ts';

/** Reads one file of a directory by name; resolves to undefined when the file does not exist. */
export type ModelFileReader = (name: string) => Promise<Uint8Array | undefined>;

/** A model or adapter directory lacks a file, holds malformed JSON, or weights that do not fit its config. */
export class ModelDirectoryError extends ProvenaError {
	override name = 'ModelDirectoryError';
	/** The file or tensor at fault. */
	readonly file: string | undefined;
	constructor(message: string, options: ProvenaErrorOptions & { file?: string } = {}) {
		super(message, options);
		this.file = options.file;
	}
}

/** Where the files come from, for error messages (e.g. the directory path or a CID). */
export type LoadOptions = { source?: string };

/** What {@link loadModelFiles} returns. */
export type ModelFiles = {
	config: ModelConfig;
	/** config.json's `_name_or_path`, when it has one (what adapters record as their base model). */
	modelId?: string;
	weights: Map<string, HostTensor>;
	tokenizerJson?: Record<string, unknown>;
	tokenizerConfig?: Record<string, unknown>;
	generationConfig?: Record<string, unknown>;
};

/**
 * Reads and checks a model directory: config.json and model.safetensors are required, the tokenizer files and
 * generation_config.json optional. Throws ModelDirectoryError (missing or malformed file, weights that do not fit
 * config.json), TokenizerMismatchError (tokenizer.json of another model) or NonFiniteWeightsError (NaN/±Inf).
 *
 * @example
 * const read = (name: string) => readFile(join(dir, name)).then((b) => new Uint8Array(b), () => undefined);
 * const { config, weights, tokenizerJson } = await loadModelFiles(read, { source: dir });
 */
export async function loadModelFiles(read: ModelFileReader, options: LoadOptions = {}): Promise<ModelFiles> {
	const source = options.source ?? 'the model directory';
	const configJson = await readJson(read, 'config.json', source, true);
	let config: ModelConfig;
	try {
		config = parseModelConfig(configJson);
	} catch (error) {
		if (error instanceof ProvenaError)
			throw new ModelDirectoryError(`config.json in ${source}: ${error.shortMessage}`, {
				file: 'config.json',
				cause: error
			});
		throw error;
	}
	const tokenizerJson = await readJson(read, 'tokenizer.json', source, false);
	const tokenizerConfig = await readJson(read, 'tokenizer_config.json', source, false);
	const generationConfig = await readJson(read, 'generation_config.json', source, false);
	if (tokenizerJson)
		checkTokenizerFitsModel(config, {
			tokenizerJson,
			...(tokenizerConfig ? { tokenizerConfig } : {}),
			...(generationConfig ? { generationConfig } : {}),
			source
		});
	const weights = await readSafetensors(read, 'model.safetensors', source);
	checkModelWeights(config, weights, source);
	checkFiniteWeights(weights, { file: 'model.safetensors', source });
	const files: ModelFiles = { config, weights };
	const nameOrPath = (configJson as Record<string, unknown>)['_name_or_path'];
	if (typeof nameOrPath === 'string' && nameOrPath !== '') files.modelId = nameOrPath;
	if (tokenizerJson) files.tokenizerJson = tokenizerJson;
	if (tokenizerConfig) files.tokenizerConfig = tokenizerConfig;
	if (generationConfig) files.generationConfig = generationConfig;
	return files;
}

/**
 * Reads a PEFT adapter directory and checks it against its base model (throws AdapterMismatchError when it does
 * not fit, ModelDirectoryError when a file is missing or malformed, NonFiniteWeightsError for NaN/±Inf).
 *
 * @example
 * const adapter = await loadAdapterFiles(readAdapter, { config, modelId: 'HuggingFaceTB/SmolLM2-135M' });
 */
export async function loadAdapterFiles(
	read: ModelFileReader,
	base: AdapterBase,
	options: LoadOptions = {}
): Promise<LoraAdapter> {
	const source = options.source ?? 'the adapter directory';
	const configJson = await readJson(read, 'adapter_config.json', source, true);
	const tensors = await readSafetensors(read, 'adapter_model.safetensors', source);
	const adapter = parsePeftAdapter(configJson, tensors, base);
	checkFiniteWeights(tensors, { file: 'adapter_model.safetensors', source });
	return adapter;
}

/**
 * The eos ids generation stops at: the model config's and generation_config.json's `eos_token_id`, merged.
 *
 * @example
 * stopTokenIds(config, { eos_token_id: [2, 7] }); // [2, 7] when config.eosTokenIds is [2]
 */
export function stopTokenIds(config: ModelConfig, generationConfig?: Record<string, unknown>): number[] {
	const ids = new Set(config.eosTokenIds);
	const eos = generationConfig?.['eos_token_id'];
	for (const id of Array.isArray(eos) ? eos : [eos])
		if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) ids.add(id);
	return [...ids];
}

/**
 * Throws a {@link ModelDirectoryError} naming the first tensor the config needs that is missing or of the wrong
 * shape. Extra tensors (e.g. a tied model's lm_head.weight, rotary buffers) are ignored.
 *
 * @example
 * checkModelWeights(config, parseSafetensors(bytes).tensors, 'models/tiny');
 */
export function checkModelWeights(config: ModelConfig, weights: ReadonlyMap<string, HostTensor>, source: string): void {
	const { hiddenSize: hidden, intermediateSize: inter, vocabSize: vocab } = config;
	const qWidth = config.numHeads * config.headDim;
	const kvWidth = config.numKeyValueHeads * config.headDim;
	const needed: [string, number[]][] = [['model.embed_tokens.weight', [vocab, hidden]]];
	for (let layer = 0; layer < config.numLayers; layer++) {
		const p = `model.layers.${layer}`;
		needed.push(
			[`${p}.input_layernorm.weight`, [hidden]],
			[`${p}.self_attn.q_proj.weight`, [qWidth, hidden]],
			[`${p}.self_attn.k_proj.weight`, [kvWidth, hidden]],
			[`${p}.self_attn.v_proj.weight`, [kvWidth, hidden]],
			[`${p}.self_attn.o_proj.weight`, [hidden, qWidth]],
			[`${p}.post_attention_layernorm.weight`, [hidden]],
			[`${p}.mlp.gate_proj.weight`, [inter, hidden]],
			[`${p}.mlp.up_proj.weight`, [inter, hidden]],
			[`${p}.mlp.down_proj.weight`, [hidden, inter]]
		);
		if (config.attentionBias)
			needed.push(
				[`${p}.self_attn.q_proj.bias`, [qWidth]],
				[`${p}.self_attn.k_proj.bias`, [kvWidth]],
				[`${p}.self_attn.v_proj.bias`, [kvWidth]]
			);
	}
	needed.push(['model.norm.weight', [hidden]]);
	if (!config.tieWordEmbeddings) needed.push(['lm_head.weight', [vocab, hidden]]);
	for (const [name, shape] of needed) {
		const tensor = weights.get(name);
		if (!tensor)
			throw new ModelDirectoryError(
				`model.safetensors in ${source} has no ${name} (expected shape [${shape.join(', ')}]); the weights do not belong to this config.json.`,
				{ file: name }
			);
		if (tensor.shape.length !== shape.length || tensor.shape.some((size, i) => size !== shape[i]))
			throw new ModelDirectoryError(
				`${name} in ${source}/model.safetensors has shape [${tensor.shape.join(', ')}], but config.json needs [${shape.join(', ')}].`,
				{ file: name }
			);
	}
}

async function readRequired(read: ModelFileReader, name: string, source: string): Promise<Uint8Array> {
	const bytes = await read(name);
	if (!bytes) throw new ModelDirectoryError(`${name} is missing from ${source}.`, { file: name });
	return bytes;
}

async function readJson(
	read: ModelFileReader,
	name: string,
	source: string,
	required: true
): Promise<Record<string, unknown>>;
async function readJson(
	read: ModelFileReader,
	name: string,
	source: string,
	required: false
): Promise<Record<string, unknown> | undefined>;
async function readJson(
	read: ModelFileReader,
	name: string,
	source: string,
	required: boolean
): Promise<Record<string, unknown> | undefined> {
	const bytes = required ? await readRequired(read, name, source) : await read(name);
	if (!bytes) return undefined;
	let json: unknown;
	try {
		json = JSON.parse(new TextDecoder().decode(bytes));
	} catch (error) {
		throw new ModelDirectoryError(`${name} in ${source} is not valid JSON.`, { file: name, cause: error });
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json))
		throw new ModelDirectoryError(`${name} in ${source} is not a JSON object.`, { file: name });
	return json as Record<string, unknown>;
}

async function readSafetensors(read: ModelFileReader, name: string, source: string): Promise<Map<string, HostTensor>> {
	const bytes = await readRequired(read, name, source);
	try {
		return parseSafetensors(bytes).tensors;
	} catch (error) {
		if (error instanceof ProvenaError)
			throw new ModelDirectoryError(`${name} in ${source}: ${error.shortMessage}`, { file: name, cause: error });
		throw error;
	}
}
