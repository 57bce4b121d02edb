import { mkdtempSync, rmSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { CliUsageError } from '../args.ts';
import { run } from './generate.ts';
import { writeSafetensors } from '../../../workers/ml/formats/safetensors.ts';
import type { HostTensor } from '../../../workers/ml/core/hostTensor.ts';
import { initializeWeights } from '../../../workers/ml/model/initializeWeights.ts';
import type { ModelConfig } from '../../../workers/ml/core/modelConfig.ts';
import { writeModelConfig } from '../../../workers/ml/model/writeModelConfig.ts';
import { seededRandom } from '../../../workers/ml/random/seededRandom.ts';
import { loraModulePrefix, type LoraAdapter } from '../../../workers/ml/core/loraAdapter.ts';
import { referenceLogits } from '../../../workers/ml/reference/referenceForward.ts';
import { CHATML_CHAT_TEMPLATE, tokenizerJson } from '../../../workers/ml/tokenizer/tokenizerJson.ts';
import { trainBpe } from '../../../workers/ml/tokenizer/trainBpe.ts';
import { parseSafetensors } from '../../../workers/ml/formats/safetensors.ts';
import { tinyLlamaConfig } from '../../../workers/ml/model/fixtureModels.ts';
import { captureCommand } from '../testing/captureCommand.ts';
import { displayableText } from '../../../workers/ml/generation/streamingText.ts';

const TEXT =
	'the cat sat on the mat. the dog sat on the log. a cat and a dog met on a mat by the log, and the cat ran.';
const specialTokens = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'];
// float32 ONNX against the float64 reference.
const TOLERANCE = 1e-4;

let root: string;
let modelDir: string;
let adapterDir: string;
let config: ModelConfig;
let weights: Map<string, HostTensor>;
let adapter: LoraAdapter;

function writeJson(path: string, value: unknown): void {
	writeFileSync(path, JSON.stringify(value, null, 2));
}

beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'provena-generate-'));
	modelDir = join(root, 'tiny-llama');
	adapterDir = join(root, 'tiny-adapter');
	mkdirSync(modelDir);
	mkdirSync(adapterDir);
	const trained = trainBpe([TEXT], { vocabSize: 300, specialTokens });
	const tokenizer = tokenizerJson(trained, { specialTokens, chatTemplate: CHATML_CHAT_TEMPLATE });
	config = { ...tinyLlamaConfig, vocabSize: trained.vocab.size, eosTokenIds: [0] };
	weights = initializeWeights(config, { seed: 11, std: 0.3 });
	writeJson(join(modelDir, 'config.json'), writeModelConfig(config));
	writeFileSync(join(modelDir, 'model.safetensors'), writeSafetensors(weights));
	writeJson(join(modelDir, 'tokenizer.json'), tokenizer.tokenizerJson);
	writeJson(join(modelDir, 'tokenizer_config.json'), tokenizer.tokenizerConfig);

	// A PEFT adapter as peft saves it: BF16 tensors under base_model.model.… names, plus adapter_config.json.
	const random = seededRandom(12);
	const tensors = new Map<string, HostTensor>();
	const matrix = (rows: number, columns: number): HostTensor => ({
		shape: [rows, columns],
		data: Float32Array.from({ length: rows * columns }, () => random.normal() * 0.3)
	});
	for (let layer = 0; layer < config.numLayers; layer++)
		for (const module of ['q_proj', 'v_proj'] as const) {
			tensors.set(`${loraModulePrefix(layer, module)}.lora_A.weight`, matrix(4, 32));
			tensors.set(`${loraModulePrefix(layer, module)}.lora_B.weight`, matrix(32, 4));
		}
	const bytes = writeSafetensors(tensors, { dtype: 'BF16' });
	writeFileSync(join(adapterDir, 'adapter_model.safetensors'), bytes);
	const adapterConfig = {
		peft_type: 'LORA',
		r: 4,
		lora_alpha: 8,
		target_modules: ['q_proj', 'v_proj'],
		bias: 'none',
		base_model_name_or_path: 'tiny-llama'
	};
	writeJson(join(adapterDir, 'adapter_config.json'), adapterConfig);
	// The reference sees exactly what the CLI reads: the BF16-rounded factors.
	adapter = {
		rank: 4,
		alpha: 8,
		useRsLora: false,
		targetModules: ['q_proj', 'v_proj'],
		tensors: parseSafetensors(bytes).tensors
	};
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the command in-process, capturing what it prints. */
const cli = (argv: string[]) => captureCommand(run, argv);

const base = (prompt: string, ...rest: string[]) => [
	'--model',
	modelDir,
	'--prompt',
	prompt,
	'--max-new-tokens',
	'8',
	'--seed',
	'1',
	...rest
];

async function json(argv: string[]) {
	const { code, stdout, stderr } = await cli(argv);
	expect(stderr).toBe('');
	expect(code).toBe(0);
	return JSON.parse(stdout) as {
		prompt: string;
		promptTokenIds: number[];
		tokenIds: number[];
		text: string;
		stoppedBy: string;
		tokensPerSecond: number;
		firstLogits?: number[];
	};
}

function argmax(row: ArrayLike<number>): number {
	let best = 0;
	for (let id = 1; id < row.length; id++) if (row[id]! > row[best]!) best = id;
	return best;
}

/** Greedy decoding over the float64 reference, stopping at the config's eos. */
function greedyReference(promptIds: number[], steps: number, lora?: LoraAdapter): number[] {
	const ids = [...promptIds];
	const out: number[] = [];
	for (let step = 0; step < steps; step++) {
		const next = argmax(referenceLogits(config, weights, ids, lora ? { lora } : {}).subarray(-config.vocabSize));
		if (config.eosTokenIds.includes(next)) break;
		ids.push(next);
		out.push(next);
	}
	return out;
}

async function tokenizer() {
	env.allowRemoteModels = false;
	env.localModelPath = root + '/';
	return AutoTokenizer.from_pretrained('tiny-llama');
}

describe('provena generate', () => {
	it('greedy --json matches greedy decoding over the reference, and --logits its last prompt row', async () => {
		const result = await json([...base('the cat sat'), '--temperature', '0', '--json', '--logits']);
		const tok = await tokenizer();
		expect(result.promptTokenIds).toStrictEqual(tok.encode('the cat sat'));
		expect(result.tokenIds).toStrictEqual(greedyReference(result.promptTokenIds, 8));
		// The text is what a reader may see: transformers.js's decoding without U+FFFD or control characters.
		expect(result.text).toBe(displayableText(tok.decode(result.tokenIds, { skip_special_tokens: true })));
		expect(result.stoppedBy).toBe(result.tokenIds.length === 8 ? 'length' : 'stop-token');
		expect(result.tokenIds.length).toBeGreaterThan(0);
		const expected = referenceLogits(config, weights, result.promptTokenIds).subarray(-config.vocabSize);
		expect(result.firstLogits).toHaveLength(config.vocabSize);
		let worst = 0;
		for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(result.firstLogits![i]! - expected[i]!));
		expect(worst).toBeLessThan(TOLERANCE);
	});

	it('streams text to stdout and reports tokens/s on stderr', async () => {
		const greedy = await json([...base('the dog'), '--temperature', '0', '--json']);
		const { code, stdout, stderr } = await cli([...base('the dog'), '--temperature', '0']);
		expect(code).toBe(0);
		expect(stdout).toBe(`${greedy.text}\n`);
		expect(stderr).toMatch(new RegExp(`^${greedy.tokenIds.length} tokens in .* tokens/s`));
	});

	it("samples with the model's generation_config.json where no option overrides it, and warns about a bad value", async () => {
		const dir = join(root, 'with-defaults');
		cpSync(modelDir, dir, { recursive: true });
		writeJson(join(dir, 'generation_config.json'), { do_sample: false, max_new_tokens: 3, top_p: 7 });
		const greedy = await json([...base('the dog'), '--temperature', '0', '--max-new-tokens', '3', '--json']);
		const { code, stdout, stderr } = await cli(['--model', dir, '--prompt', 'the dog', '--seed', '1', '--json']);
		expect(code).toBe(0);
		expect(JSON.parse(stdout).tokenIds).toStrictEqual(greedy.tokenIds);
		expect(stderr).toBe('provena generate: generation_config.json: top_p must be a number in (0, 1], got 7; using 0.95 instead.\n');
		// An option still wins over the file.
		const sampled = await cli(['--model', dir, '--prompt', 'the dog', '--seed', '1', '--temperature', '1', '--top-p', '1', '--json']);
		expect(JSON.parse(sampled.stdout).tokenIds.length).toBe(3);
	});

	it('reproduces a sample for the same --seed at temperature 1', async () => {
		const args = [...base('a cat'), '--temperature', '1', '--top-k', '20', '--json'];
		const first = await json(args);
		const second = await json(args);
		expect(second.tokenIds).toStrictEqual(first.tokenIds);
		expect(second.text).toBe(first.text);
	});

	it('--chat applies the chat template to one user message', async () => {
		const result = await json([...base('the cat'), '--temperature', '0', '--chat', '--json']);
		const tok = await tokenizer();
		const templated = tok.apply_chat_template([{ role: 'user', content: 'the cat' }], {
			add_generation_prompt: true,
			tokenize: false
		}) as string;
		expect(templated).toBe('<|im_start|>user\nthe cat<|im_end|>\n<|im_start|>assistant\n');
		expect(result.promptTokenIds).toStrictEqual(tok.encode(templated, { add_special_tokens: false }));
		expect(result.tokenIds).toStrictEqual(greedyReference(result.promptTokenIds, 8));
	});

	it('an --adapter changes the output and matches the reference with LoRA', async () => {
		const plain = await json([...base('the cat sat'), '--temperature', '0', '--json', '--logits']);
		const adapted = await json([
			...base('the cat sat'),
			'--temperature',
			'0',
			'--json',
			'--logits',
			'--adapter',
			adapterDir
		]);
		expect(adapted.firstLogits).not.toStrictEqual(plain.firstLogits);
		expect(adapted.tokenIds).toStrictEqual(greedyReference(adapted.promptTokenIds, 8, adapter));
		expect(adapted.tokenIds).not.toStrictEqual(plain.tokenIds);
		const expected = referenceLogits(config, weights, adapted.promptTokenIds, { lora: adapter }).subarray(
			-config.vocabSize
		);
		let worst = 0;
		for (let i = 0; i < expected.length; i++)
			worst = Math.max(worst, Math.abs(adapted.firstLogits![i]! - expected[i]!));
		expect(worst).toBeLessThan(TOLERANCE);
	});

	describe('load errors exit 1 with one line naming the problem', () => {
		function copyModel(name: string): string {
			const dir = join(root, name);
			cpSync(modelDir, dir, { recursive: true });
			return dir;
		}
		async function failure(argv: string[]): Promise<string> {
			const { code, stdout, stderr } = await cli([...argv, '--temperature', '0', '--json']);
			expect(code).toBe(1);
			expect(stdout).toBe('');
			expect(stderr.trim().split('\n')).toHaveLength(1);
			return stderr;
		}

		it('a missing model.safetensors', async () => {
			const dir = copyModel('no-weights');
			rmSync(join(dir, 'model.safetensors'));
			const stderr = await failure(['--model', dir, '--prompt', 'the', '--max-new-tokens', '2', '--seed', '1']);
			expect(stderr).toContain(`model.safetensors is missing from ${dir}`);
		});

		it('an unsupported config', async () => {
			const dir = copyModel('gpt2');
			writeJson(join(dir, 'config.json'), { ...writeModelConfig(config), model_type: 'gpt2' });
			const stderr = await failure(['--model', dir, '--prompt', 'the', '--max-new-tokens', '2', '--seed', '1']);
			expect(stderr).toMatch(/config\.json.*'gpt2' is not supported/);
		});

		it("a tokenizer from another model, or one whose eos is not the model's", async () => {
			const dir = copyModel('other-tokenizer');
			const bigger = trainBpe([TEXT, 'zebras quietly juggle fizzy yoghurt'], { vocabSize: 400, specialTokens });
			writeJson(join(dir, 'tokenizer.json'), tokenizerJson(bigger, { specialTokens }).tokenizerJson);
			const stderr = await failure(['--model', dir, '--prompt', 'the', '--max-new-tokens', '2', '--seed', '1']);
			expect(stderr).toContain(`has token ids up to ${bigger.vocab.size - 1}`);
			expect(stderr).toContain(`the model's vocabulary has ${config.vocabSize} ids`);
			expect(stderr).toContain('Use the tokenizer.json and tokenizer_config.json that came with this model');

			const eos = copyModel('other-eos');
			writeJson(join(eos, 'config.json'), { ...writeModelConfig(config), eos_token_id: 2 });
			const wrongEos = await failure(['--model', eos, '--prompt', 'the', '--max-new-tokens', '2', '--seed', '1']);
			expect(wrongEos).toContain('eos_token "<|endoftext|>" is id 0, but the model stops at id 2');
		});

		it('a --chat prompt longer than the context', async () => {
			const long = 'the cat sat on the mat. '.repeat(40);
			const stderr = await failure([
				'--model',
				modelDir,
				'--prompt',
				long,
				'--chat',
				'--max-new-tokens',
				'2',
				'--seed',
				'1'
			]);
			expect(stderr).toMatch(/The newest message is \d+ tokens; .* but the model's context is 128 tokens/);
		});

		it('an adapter for another base model, or of other shapes', async () => {
			const other = join(root, 'other-base');
			cpSync(adapterDir, other, { recursive: true });
			writeJson(join(other, 'adapter_config.json'), {
				peft_type: 'LORA',
				r: 4,
				lora_alpha: 8,
				target_modules: ['q_proj', 'v_proj'],
				base_model_name_or_path: 'org/some-other-model'
			});
			const wrongBase = await failure([...base('the'), '--adapter', other]);
			expect(wrongBase).toContain('org/some-other-model');

			const shapes = join(root, 'wrong-shapes');
			cpSync(adapterDir, shapes, { recursive: true });
			writeJson(join(shapes, 'adapter_config.json'), {
				peft_type: 'LORA',
				r: 4,
				lora_alpha: 8,
				target_modules: ['q_proj', 'k_proj'],
				base_model_name_or_path: 'tiny-llama'
			});
			const wrongShapes = await failure([...base('the'), '--adapter', shapes]);
			expect(wrongShapes).toMatch(/k_proj\.lora_A\.weight/);
		});
	});

	it('keeps the most recent tokens of a prompt longer than the context, and says so', async () => {
		const long = 'the cat sat on the mat. '.repeat(40);
		const { code, stdout, stderr } = await cli([...base(long), '--temperature', '0', '--json']);
		expect(code).toBe(0);
		const full = (await tokenizer()).encode(long);
		expect(full.length).toBeGreaterThan(128);
		const result = JSON.parse(stdout) as { promptTokenIds: number[]; tokenIds: number[] };
		expect(result.promptTokenIds).toStrictEqual(full.slice(full.length - 120));
		expect(stderr).toBe(
			`provena generate: The prompt is ${full.length} tokens and the model's context 128; to leave room for 8 new tokens, only its last 120 tokens were used. Shorten the prompt to keep all of it.\n`
		);

		const clamped = await cli([
			...base('the cat').slice(0, 4),
			'--max-new-tokens',
			'500',
			'--seed',
			'1',
			'--temperature',
			'0',
			'--json'
		]);
		expect(clamped.code).toBe(0);
		const promptLength = (await tokenizer()).encode('the cat').length;
		expect(clamped.stderr).toBe(
			`provena generate: At most ${128 - promptLength} new tokens fit after the ${promptLength}-token prompt in the model's 128-token context, not the 500 asked for; generation stops there.\n`
		);
	});

	it('usage mistakes throw CliUsageError', async () => {
		await expect(run(['--model', modelDir, '--prompt', 'x'])).rejects.toThrow(CliUsageError);
		await expect(run([...base('x'), '--temperature', '-1'])).rejects.toThrow(/--temperature/);
		await expect(run([...base('x'), '--temperature', '0', '--logits'])).rejects.toThrow(/--json/);
		await expect(run([...base('x'), '--temperature', '0', '--top-p', '2'])).rejects.toThrow(/--top-p/);
		await expect(run([...base('x'), '--temperature', '0', '--bogus'])).rejects.toThrow(CliUsageError);
	});
});
