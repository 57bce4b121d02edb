import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
	type Dirent
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliUsageError } from '../args.ts';
import { CHECKPOINT_FILE, run } from './train.ts';
import { captureCommand } from '../testing/captureCommand.ts';
import { loadAdapterFiles, loadModelFiles, type ModelFileReader } from '../../../workers/ml/model/modelDirectory.ts';
import { encodeCheckpoint } from '../../../workers/ml/factory/checkpoint.ts';
import { fixtureAdapter } from '../../../workers/ml/model/fixtureModels.ts';
import { DEFAULT_FINE_TUNE_SETTINGS } from '../../../workers/ml/factory/fineTuneSettings.ts';

const MODEL = join(import.meta.dirname, '../../../static/models/provena-tiny');
const CITIES = ['Paris', 'Oslo', 'Lima', 'Cairo', 'Tokyo', 'Quito'];

let root: string;
let data: string;

beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'provena-train-'));
	data = join(root, 'records.jsonl');
	const records = [
		...CITIES.flatMap((city, i) => [
			{ id: `sun-${i}`, kind: 'pair', prompt: `What is the weather in ${city}?`, response: `In ${city} it is sunny.` },
			{ id: `rain-${i}`, kind: 'pair', prompt: `Will it rain in ${city}?`, response: `No, ${city} stays dry.` }
		]),
		{ id: 'text-1', kind: 'text', text: 'The weather is sunny in the morning and windy in the evening.' },
		{ id: 'text-2', kind: 'text', text: 'Rain is rare in the desert, and the nights are cold.' }
	];
	writeFileSync(data, records.map((r) => JSON.stringify(r) + '\n').join(''));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const cli = (argv: string[]) => captureCommand(run, argv);
const small = [
	'--steps',
	'4',
	'--batch',
	'2',
	'--max-seq-len',
	'32',
	'--seed',
	'3',
	'--samples',
	'1',
	'--sample-tokens',
	'6'
];
const reader =
	(dir: string): ModelFileReader =>
	(name) =>
		Promise.resolve(existsSync(join(dir, name)) ? new Uint8Array(readFileSync(join(dir, name))) : undefined);

function listFiles(dir: string): string[] {
	return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)))
		.sort();
}

describe('provena train', () => {
	it('trains, writes a PEFT folder that loads on the base, and writes the same bytes a second time', async () => {
		const first = join(root, 'first');
		const second = join(root, 'second');
		const a = await cli(['--model', MODEL, '--data', data, '--out', first, ...small, '--json']);
		expect(a.code, a.stderr).toBe(0);
		const summary = JSON.parse(a.stdout);
		expect(summary).toMatchObject({
			steps: 4,
			trainExamples: expect.any(Number),
			validationExamples: expect.any(Number)
		});
		expect(summary.trainExamples + summary.validationExamples).toBe(14);
		expect(summary.validation.adapter.loss).toBeLessThan(summary.validation.base.loss);
		expect(summary.validation.base.perplexity).toBeCloseTo(Math.exp(summary.validation.base.loss), 6);
		expect(summary.tokensPerSecond).toBeGreaterThan(0);
		expect(a.stderr).toMatch(/14 examples \(\d+ train, \d+ validation\)/);
		expect(a.stderr).toMatch(/step 4\/4 loss \d/);
		expect(a.stderr).toMatch(/attribution: gradient sketches (\d+)\/\1/);
		// The attribution artifacts (their files are the span index's layout; attribute.test.ts reads them).
		expect(listFiles(first)).toContain('attribution/attribution.json');
		expect(listFiles(first)).toContain('attribution/gradient-sketches/sketches.bin');
		expect(listFiles(first).filter((file) => !file.startsWith('attribution/'))).toEqual(
			[
				'README.md',
				'adapter_config.json',
				'adapter_model.safetensors',
				'training.json',
				'checkpoints/step-1/adapter_config.json',
				'checkpoints/step-1/adapter_model.safetensors',
				'checkpoints/step-3/adapter_config.json',
				'checkpoints/step-3/adapter_model.safetensors',
				'checkpoints/step-4/adapter_config.json',
				'checkpoints/step-4/adapter_model.safetensors'
			].sort()
		);
		expect(summary.files.map((f: { path: string }) => f.path).sort()).toEqual(listFiles(first));

		const b = await cli(['--model', MODEL, '--data', data, '--out', second, ...small, '--json']);
		expect(b.code, b.stderr).toBe(0);
		for (const file of listFiles(first))
			expect(readFileSync(join(second, file)).equals(readFileSync(join(first, file))), file).toBe(true);
		expect(JSON.parse(b.stdout).files).toEqual(summary.files);

		const model = await loadModelFiles(reader(MODEL));
		const adapter = await loadAdapterFiles(reader(first), { config: model.config, modelId: model.modelId! });
		expect([adapter.rank, adapter.alpha, adapter.targetModules]).toEqual([8, 16, ['q_proj', 'v_proj']]);
		const training = JSON.parse(readFileSync(join(first, 'training.json'), 'utf8'));
		expect(training.sources).toEqual([{ label: data, records: 14 }]);
		expect(training.baseModel).toBe('provena/provena-tiny');
		const card = readFileSync(join(first, 'README.md'), 'utf8');
		expect(card).toContain('| validation loss |');
		expect(existsSync(join(first, CHECKPOINT_FILE))).toBe(false);
	}, 60_000);

	it('refuses settings out of range, printing each field’s message, and exits 2', async () => {
		const out = join(root, 'bad-settings');
		const { code, stderr } = await cli(['--model', MODEL, '--data', data, '--out', out, '--rank', '0', '--lr', 'fast']);
		expect(code).toBe(2);
		expect(stderr).toContain('provena train: --rank: Rank must be a whole number from 1 to 128.');
		expect(stderr).toContain('provena train: --lr: Learning rate must be from 1e-7 to 1.');
		expect(existsSync(out)).toBe(false);
		const long = await cli(['--model', MODEL, '--data', data, '--out', out, '--max-seq-len', '4096']);
		expect(long.stderr).toContain(
			"--max-seq-len: Sequence length must be a whole number from 8 to 512, this model's context."
		);
	});

	it('names an empty, malformed or missing data file and exits 1', async () => {
		const empty = join(root, 'empty.jsonl');
		writeFileSync(empty, '');
		const malformed = join(root, 'malformed.jsonl');
		writeFileSync(malformed, 'this is not json\n{"prompt": "no id"}\n');
		const out = join(root, 'bad-data');
		const e = await cli(['--model', MODEL, '--data', data, empty, '--out', out]);
		expect(e.code).toBe(1);
		expect(e.stderr).toContain(`provena train: ${empty} is empty: give a records.jsonl with at least one record`);
		const m = await cli(['--model', MODEL, '--data', malformed, '--out', out]);
		expect(m.code).toBe(1);
		expect(m.stderr).toContain(`${malformed} has no records: none of its 2 lines is a record`);
		const missing = await cli(['--model', MODEL, '--data', join(root, 'nope.jsonl'), '--out', out]);
		expect(missing.stderr).toMatch(/nope\.jsonl does not exist; check the path\./);
		expect(existsSync(out)).toBe(false);
	});

	it('resumes only from a checkpoint of the same run', async () => {
		const out = join(root, 'resume');
		const none = await cli(['--model', MODEL, '--data', data, '--out', out, ...small, '--resume']);
		expect(none.code).toBe(1);
		expect(none.stderr).toMatch(/There is no checkpoint at .* to resume; run without --resume to start\./);
		// A checkpoint from another run (its fingerprints match nothing here) is refused by what differs.
		const model = await loadModelFiles(reader(MODEL));
		const adapter = fixtureAdapter(model.config, 1, { rank: 8, alpha: 16, targetModules: ['q_proj', 'v_proj'] });
		mkdirSync(out, { recursive: true });
		writeFileSync(
			join(out, CHECKPOINT_FILE),
			encodeCheckpoint({
				fingerprint: { settings: 'x', data: 'y', base: 'z' },
				settings: DEFAULT_FINE_TUNE_SETTINGS,
				step: 2,
				totalSteps: 4,
				trainCount: 1,
				validationCount: 1,
				adapter,
				optimizer: { step: 2, m: adapter.tensors, v: adapter.tensors },
				log: { losses: [], learningRates: [], gradNorms: [], targetTokens: [], validation: [] },
				snapshots: []
			})
		);
		const other = await cli(['--model', MODEL, '--data', data, '--out', out, ...small, '--resume']);
		expect(other.code).toBe(1);
		expect(other.stderr).toMatch(/other inputs \(the settings, the training data, the base model differ\)/);
	});

	it('treats a missing required option as a usage error', async () => {
		await expect(cli(['--model', MODEL, '--data', data])).rejects.toThrow(CliUsageError);
		await expect(cli(['--model', MODEL, '--out', root])).rejects.toThrow(/--data/);
		await expect(
			cli(['--model', MODEL, '--data', data, '--out', root, '--epochs', '2', '--steps', '3'])
		).rejects.toThrow(/not both/);
	});
});
