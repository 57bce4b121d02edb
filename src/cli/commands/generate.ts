// `provena generate --model DIR --prompt TEXT …`: headless text generation with the same loader, ONNX graph,
// sampler and generation loop the browser worker uses, on onnxruntime-node. Streams text by default; --json
// prints one machine-readable object (with --logits, the first step's logits) for scripts and parity tests.
import { basename, resolve } from 'node:path';
import { CliUsageError, parseCommandArgs } from '../args.ts';
import { directoryReader } from '../directoryReader.ts';
import { errorMessage } from '../../../workers/shared/errors/errorMessage.ts';
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import { fitPromptToContext } from '../../../workers/ml/generation/fitPromptToContext.ts';
import { generate } from '../../../workers/ml/generation/generate.ts';
import { createTextStream } from '../../../workers/ml/generation/streamingText.ts';
import { generationDefaults } from '../../../workers/ml/generation/generationDefaults.ts';
import { hfTokenizer } from '../../../workers/ml/tokenizer/hfTokenizer.ts';
import { createOrtNodeDecoderSession } from '../../../workers/ml/serving/ortNodeDecoderSession.ts';
import { loadAdapterFiles, loadModelFiles, stopTokenIds } from '../../../workers/ml/model/modelDirectory.ts';

export const help = `Usage: provena generate --model <dir> --prompt <text> --seed <s> [--max-new-tokens <n>] [--temperature <t>]
                        [--adapter <dir>] [--chat] [--top-k <k>] [--top-p <p>] [--repetition-penalty <r>]
                        [--json] [--logits]

Generate text with a Llama-family model from a Hugging Face directory (config.json, model.safetensors,
tokenizer.json, tokenizer_config.json, optional generation_config.json), optionally with a PEFT LoRA adapter,
on onnxruntime-node. Generation stops at the model's eos tokens or after --max-new-tokens. Sampling and length
start from the model's generation_config.json (Provena's defaults where it has none); the options override them.

Options:
  --model <dir>               the model directory
  --adapter <dir>             a PEFT LoRA adapter directory (adapter_config.json, adapter_model.safetensors)
  --prompt <text>             the prompt (encoded as the tokenizer's post-processor says)
  --chat                      wrap the prompt as one user message in the tokenizer's chat template
  --max-new-tokens <n>        the most tokens to generate (default: the model's max_new_tokens)
  --temperature <t>           0 is greedy; otherwise logits are divided by t (default: the model's)
  --top-k <k>                 sample only from the k most likely tokens
  --top-p <p>                 sample only from the smallest set of tokens with probability ≥ p
  --repetition-penalty <r>    > 1 discourages repeating prompt and generated tokens (default 1, off)
  --seed <s>                  seeds sampling: the same seed and options give the same text
  --json                      print one JSON object {prompt, promptTokenIds, tokenIds, text, stoppedBy,
                              tokensPerSecond} instead of streaming text (text, like the stream, leaves out
                              bytes that are not UTF-8 and control characters other than newline and tab)
  --logits                    with --json, add firstLogits: the logits of the first generated token
  -h, --help                  show this help

Example:
  provena generate --model models/smollm2-135m --prompt "Once upon a time" --max-new-tokens 64 \\
    --temperature 0.7 --top-p 0.9 --seed 1`;

/** Parsed and checked command-line options. */
type GenerateArgs = {
	model: string;
	adapter?: string;
	prompt: string;
	chat: boolean;
	maxNewTokens?: number;
	temperature?: number;
	topK?: number;
	topP?: number;
	repetitionPenalty?: number;
	seed: number;
	json: boolean;
	logits: boolean;
};

/**
 * Runs `provena generate`; resolves to the exit code (0 done, 1 the model, adapter or tokenizer could not be
 * loaded or run). Usage mistakes throw CliUsageError.
 *
 * @example
 * await run(['--model', 'models/tiny', '--prompt', 'Hi', '--max-new-tokens', '8', '--temperature', '0', '--seed', '1', '--json']);
 */
export async function run(argv: string[]): Promise<number> {
	const args = parse(argv);
	if (!args) {
		console.log(help);
		return 0;
	}
	try {
		return await generateText(args);
	} catch (error) {
		if (error instanceof CliUsageError) throw error;
		console.error(`provena generate: ${errorMessage(error)}`);
		return 1;
	}
}

function parse(argv: string[]): GenerateArgs | undefined {
	const parsed = parseCommandArgs(argv, {
		model: { type: 'string' },
		adapter: { type: 'string' },
		prompt: { type: 'string' },
		chat: { type: 'boolean' },
		'max-new-tokens': { type: 'string' },
		temperature: { type: 'string' },
		'top-k': { type: 'string' },
		'top-p': { type: 'string' },
		'repetition-penalty': { type: 'string' },
		seed: { type: 'string' },
		json: { type: 'boolean' },
		logits: { type: 'boolean' }
	});
	if (!parsed) return undefined;
	const { values, positionals } = parsed;
	if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}".`);
	const required = (name: 'model' | 'prompt' | 'seed'): string => {
		const value = values[name];
		if (value === undefined) throw new CliUsageError(`--${name} is required.`);
		return value;
	};
	const number = (name: string, raw: string, check: (n: number) => boolean, expected: string): number => {
		const value = Number(raw);
		if (raw.trim() === '' || !Number.isFinite(value) || !check(value))
			throw new CliUsageError(`--${name} must be ${expected}, got "${raw}".`);
		return value;
	};
	const optional = (
		name: 'max-new-tokens' | 'temperature' | 'top-k' | 'top-p' | 'repetition-penalty',
		check: (n: number) => boolean,
		expected: string
	) => (values[name] === undefined ? undefined : number(name, values[name], check, expected));
	if (values.logits && !values.json) throw new CliUsageError('--logits only works with --json.');
	const args: GenerateArgs = {
		model: required('model'),
		prompt: required('prompt'),
		chat: values.chat ?? false,
		seed: number('seed', required('seed'), Number.isSafeInteger, 'an integer'),
		json: values.json ?? false,
		logits: values.logits ?? false
	};
	if (values.adapter !== undefined) args.adapter = values.adapter;
	const maxNewTokens = optional('max-new-tokens', (n) => Number.isInteger(n) && n >= 0, 'an integer ≥ 0');
	if (maxNewTokens !== undefined) args.maxNewTokens = maxNewTokens;
	const temperature = optional('temperature', (n) => n >= 0, 'a number ≥ 0 (0 is greedy)');
	if (temperature !== undefined) args.temperature = temperature;
	const topK = optional('top-k', (n) => Number.isInteger(n) && n >= 1, 'an integer ≥ 1');
	if (topK !== undefined) args.topK = topK;
	const topP = optional('top-p', (n) => n > 0 && n <= 1, 'in (0, 1]');
	if (topP !== undefined) args.topP = topP;
	const penalty = optional('repetition-penalty', (n) => n > 0, 'a number > 0 (1 is off)');
	if (penalty !== undefined) args.repetitionPenalty = penalty;
	return args;
}

async function generateText(args: GenerateArgs): Promise<number> {
	const modelDir = resolve(args.model);
	const model = await loadModelFiles(directoryReader(modelDir), { source: modelDir });
	if (!model.tokenizerJson)
		throw new ProvenaError(`tokenizer.json is missing from ${modelDir}; generate needs the model's tokenizer.`);
	if (!model.tokenizerConfig)
		throw new ProvenaError(`tokenizer_config.json is missing from ${modelDir}; generate needs the model's tokenizer.`);
	let lora;
	if (args.adapter !== undefined) {
		const adapterDir = resolve(args.adapter);
		// Adapters record their base as a hub id or a local path; without _name_or_path the folder name is all we have.
		const modelId = model.modelId ?? basename(modelDir);
		lora = await loadAdapterFiles(
			directoryReader(adapterDir),
			{ config: model.config, modelId },
			{ source: adapterDir }
		);
	}

	// The same tokenizer and chat template the browser worker builds from these files (transformers.js).
	const tokenizer = hfTokenizer(model.tokenizerJson, model.tokenizerConfig);
	const chat = args.chat ? tokenizer.encodeChatSpans([{ role: 'user', content: args.prompt }]) : undefined;
	const encoded: number[] = chat ? [...chat.tokenIds] : tokenizer.encode(args.prompt);
	if (encoded.length === 0)
		throw new CliUsageError('--prompt encodes to no tokens; give a non-empty prompt (or use --chat).');
	// A chat prompt is one user message: it fits whole or is refused; a plain prompt keeps its most recent tokens.
	// The model's own defaults (generation_config.json), each overridden by the option that names it.
	const defaults = generationDefaults(model.generationConfig);
	for (const warning of defaults.warnings) console.error(`provena generate: ${warning}`);
	const sampling = { ...defaults.sampling };
	if (args.temperature !== undefined) sampling.temperature = args.temperature;
	if (args.topK !== undefined) sampling.topK = args.topK;
	if (args.topP !== undefined) sampling.topP = args.topP;
	if (args.repetitionPenalty !== undefined) sampling.repetitionPenalty = args.repetitionPenalty;
	const fit = fitPromptToContext(chat ?? encoded, {
		maxPositionEmbeddings: model.config.maxPositionEmbeddings,
		maxNewTokens: args.maxNewTokens ?? defaults.maxNewTokens
	});
	for (const notice of [fit.notice, fit.maxNewTokensNotice]) if (notice) console.error(`provena generate: ${notice}`);
	const promptTokenIds = fit.tokenIds;

	const session = await createOrtNodeDecoderSession(model.config, model.weights, {}, lora ? { lora } : {});
	try {
		const decode = (ids: number[]) => tokenizer.decode(ids);
		const stream = createTextStream(decode);
		const onToken = (id: number) => {
			const { delta } = stream.push(id);
			if (!args.json) process.stdout.write(delta);
		};
		const start = performance.now();
		const result = await generate(session, promptTokenIds, {
			maxNewTokens: fit.maxNewTokens,
			sampling,
			seed: args.seed,
			stopTokenIds: stopTokenIds(model.config, model.generationConfig),
			onToken
		});
		const seconds = (performance.now() - start) / 1000;
		const tokensPerSecond = seconds > 0 ? result.tokenIds.length / seconds : 0;
		// What the stream shows: no replacement or control characters from bytes the model got wrong.
		const text = stream.finish();
		if (args.json) {
			const output: Record<string, unknown> = {
				prompt: args.prompt,
				promptTokenIds,
				tokenIds: result.tokenIds,
				text,
				stoppedBy: result.stoppedBy,
				tokensPerSecond
			};
			if (args.logits) output.firstLogits = Array.from(result.firstLogits);
			console.log(JSON.stringify(output));
		} else {
			if (text.startsWith(stream.text)) process.stdout.write(text.slice(stream.text.length));
			process.stdout.write('\n');
			console.error(
				`${result.tokenIds.length} tokens in ${seconds.toFixed(2)} s (${tokensPerSecond.toFixed(1)} tokens/s), stopped by ${result.stoppedBy}.`
			);
		}
		return 0;
	} finally {
		await session.release();
	}
}
