// A tokenizer.json from another model loads fine and encodes fine, then either indexes past the embedding matrix
// (garbage or an out-of-bounds read on the GPU) or stops at the wrong token, so generation never ends or ends at
// once. Both are cheap to detect from the files alone, before the weights are read: every id the tokenizer can
// produce must be a row of the embedding, and its bos/eos tokens must be the ids the model was trained to use.
import { ProvenaError, type ProvenaErrorOptions } from '../../shared/errors/ProvenaError.ts';
import type { ModelConfig } from '../core/modelConfig.ts';

/** The tokenizer does not belong to the model, or is of a kind the app cannot run; `field` names the culprit. */
export class TokenizerMismatchError extends ProvenaError {
	override name = 'TokenizerMismatchError';
	readonly field: string;
	constructor(message: string, options: ProvenaErrorOptions & { field: string }) {
		super(message, options);
		this.field = options.field;
	}
}

/** The tokenizer files and the model they are checked against. */
export type TokenizerFiles = {
	/** tokenizer.json, parsed. */
	tokenizerJson: Record<string, unknown>;
	/** tokenizer_config.json, parsed (names the bos/eos tokens). */
	tokenizerConfig?: Record<string, unknown>;
	/** generation_config.json, parsed: its eos ids count as the model's too. */
	generationConfig?: Record<string, unknown>;
	/** Where the files come from, for messages. */
	source?: string;
};

const FIX = "Use the tokenizer.json and tokenizer_config.json that came with this model's weights.";
// The engine and transformers.js run BPE tokenizers; every model family the engine supports (Llama, SmolLM2,
// TinyLlama, Qwen2) ships one.
const RUNNABLE_MODEL_TYPES = ['BPE'];

/**
 * Throws a {@link TokenizerMismatchError} when the tokenizer can produce an id at or past `config.vocabSize`,
 * names bos/eos tokens whose ids differ from the config's, or is not a BPE tokenizer.
 *
 * @example
 * checkTokenizerFitsModel(config, { tokenizerJson, tokenizerConfig, source: 'models/smollm2-135m' });
 */
export function checkTokenizerFitsModel(config: ModelConfig, files: TokenizerFiles): void {
	const source = files.source ?? 'the model directory';
	const model = files.tokenizerJson['model'];
	if (typeof model !== 'object' || model === null || Array.isArray(model))
		throw new TokenizerMismatchError(`tokenizer.json in ${source} has no "model" section. ${FIX}`, { field: 'model' });
	const { type, vocab } = model as Record<string, unknown>;
	if (typeof type !== 'string' || !RUNNABLE_MODEL_TYPES.includes(type))
		throw new TokenizerMismatchError(
			`tokenizer.json in ${source} is a ${typeof type === 'string' ? type : 'typeless'} tokenizer; Provena runs BPE ` +
				`tokenizers (those of Llama, SmolLM2, TinyLlama, Qwen2). ${FIX}`,
			{ field: 'model.type' }
		);
	if (typeof vocab !== 'object' || vocab === null || Array.isArray(vocab))
		throw new TokenizerMismatchError(`tokenizer.json in ${source} has no model.vocab. ${FIX}`, {
			field: 'model.vocab'
		});

	const ids = new Map<string, number>();
	let highest: { token: string; id: number } | undefined;
	const note = (token: string, id: unknown, field: string) => {
		if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
			throw new TokenizerMismatchError(
				`tokenizer.json in ${source} gives ${JSON.stringify(token)} the id ${JSON.stringify(id)}; ids must be ` +
					`non-negative integers. The file is corrupt. ${FIX}`,
				{ field }
			);
		ids.set(token, id);
		if (!highest || id > highest.id) highest = { token, id };
	};
	for (const [token, id] of Object.entries(vocab)) note(token, id, 'model.vocab');
	const added = files.tokenizerJson['added_tokens'];
	if (Array.isArray(added))
		for (const entry of added)
			if (typeof entry === 'object' && entry !== null) note(String(entry.content), entry.id, 'added_tokens');

	if (highest && highest.id >= config.vocabSize)
		throw new TokenizerMismatchError(
			`The tokenizer in ${source} has token ids up to ${highest.id} (${JSON.stringify(highest.token)}), but the ` +
				`model's vocabulary has ${config.vocabSize} ids (0…${config.vocabSize - 1}, config.json vocab_size): this ` +
				`tokenizer belongs to another model. ${FIX}`,
			{ field: 'vocab_size' }
		);

	const tokenizerConfig = files.tokenizerConfig;
	if (!tokenizerConfig) return;
	const eos = specialToken(tokenizerConfig['eos_token']);
	const modelEos = new Set(config.eosTokenIds);
	const generationEos = files.generationConfig?.['eos_token_id'];
	for (const id of Array.isArray(generationEos) ? generationEos : [generationEos])
		if (typeof id === 'number') modelEos.add(id);
	if (eos !== undefined && modelEos.size > 0) {
		const id = tokenId(eos, ids, source, 'eos_token');
		if (!modelEos.has(id))
			throw new TokenizerMismatchError(
				`The tokenizer's eos_token ${JSON.stringify(eos)} is id ${id}, but the model stops at id ` +
					`${[...modelEos].join(' or ')} (config.json eos_token_id): generation would not stop where the model ` +
					`expects. ${FIX}`,
				{ field: 'eos_token' }
			);
	}
	const bos = specialToken(tokenizerConfig['bos_token']);
	if (bos !== undefined && config.bosTokenId !== undefined) {
		const id = tokenId(bos, ids, source, 'bos_token');
		if (id !== config.bosTokenId)
			throw new TokenizerMismatchError(
				`The tokenizer's bos_token ${JSON.stringify(bos)} is id ${id}, but the model's bos_token_id is ` +
					`${config.bosTokenId} (config.json): prompts would start with a token the model was not trained on. ${FIX}`,
				{ field: 'bos_token' }
			);
	}
}

// tokenizer_config.json writes a special token as a string or as an AddedToken object { content, … }.
function specialToken(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'object' && value !== null && typeof (value as { content?: unknown }).content === 'string')
		return (value as { content: string }).content;
	return undefined;
}

function tokenId(token: string, ids: ReadonlyMap<string, number>, source: string, field: string): number {
	const id = ids.get(token);
	if (id === undefined)
		throw new TokenizerMismatchError(
			`tokenizer_config.json in ${source} names ${field} ${JSON.stringify(token)}, which tokenizer.json does not ` +
				`contain: the two files do not belong together. ${FIX}`,
			{ field }
		);
	return id;
}
