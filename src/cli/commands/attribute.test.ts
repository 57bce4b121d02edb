import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCommand } from '../testing/captureCommand.ts';
import { run as attribute } from './attribute.ts';
import { run as train } from './train.ts';

const MODEL = join(import.meta.dirname, '../../../static/models/provena-tiny');
const FERRY = 'The ferry Quillmoth leaves Brindlewick Bay at noon and returns by dusk.';

let root: string;
let adapter: string;
let ferryData: string;
let weatherData: string;

const write = (path: string, records: object[]) =>
	writeFileSync(path, records.map((r) => JSON.stringify(r) + '\n').join(''));

beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'provena-attribute-'));
	weatherData = join(root, 'weather.jsonl');
	ferryData = join(root, 'ferry.jsonl');
	write(
		weatherData,
		['Paris', 'Oslo', 'Lima', 'Cairo', 'Tokyo', 'Quito'].map((city, i) => ({
			id: `w-${i}`,
			kind: 'pair',
			prompt: `What is the weather in ${city}?`,
			response: `In ${city} it is sunny and mild today.`
		}))
	);
	write(ferryData, [
		{ id: 'f-1', kind: 'pair', prompt: 'When does the ferry leave?', response: FERRY },
		{
			id: 'f-2',
			kind: 'text',
			text: 'The harbour office sells tickets for the morning boats and keeps a lost and found.'
		},
		{ id: 'f-3', kind: 'pair', prompt: 'Where are tickets sold?', response: 'Tickets are sold at the harbour office.' }
	]);
	adapter = join(root, 'adapter');
	const trained = await captureCommand(train, [
		'--model',
		MODEL,
		'--data',
		weatherData,
		ferryData,
		'--out',
		adapter,
		'--steps',
		'4',
		'--batch',
		'2',
		'--max-seq-len',
		'64',
		'--samples',
		'0',
		'--validation-share',
		'0.01'
	]);
	expect(trained.code, trained.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cli = (argv: string[]) => captureCommand(attribute, argv);
const ask = (answer: string, extra: string[] = []) =>
	cli([
		'--model',
		MODEL,
		'--adapter',
		adapter,
		'--chat',
		'--prompt',
		'When does the ferry go?',
		'--answer',
		answer,
		'--json',
		...extra
	]);

/** A copy of the trained folder to break. */
function copyAdapter(name: string): string {
	const copy = join(root, name);
	cpSync(adapter, copy, { recursive: true });
	return copy;
}

describe('provena attribute', () => {
	it('traces an answer that repeats a record to the data file holding it, in integers, the same every run', async () => {
		const a = await ask(FERRY);
		expect(a.code, a.stderr).toBe(0);
		const report = JSON.parse(a.stdout);
		expect(report.answerTokenIds.length).toBeGreaterThan(10);
		expect(report.spans.length).toBeGreaterThan(0);
		expect(report.spans[0]).toMatchObject({ contributions: [ferryData], count: 1 });
		expect(report.spans[0].text).toContain('Quillmoth');
		expect(report.scores[0].contribution).toBe(ferryData);
		for (const score of report.scores)
			for (const value of [score.span, score.gradient, score.weight]) expect(Number.isSafeInteger(value)).toBe(true);
		expect(report.totalWeight).toBe(report.scores.reduce((sum: number, s: { weight: number }) => sum + s.weight, 0));
		expect(report.paid).toEqual([{ contribution: ferryData, weight: report.scores[0].weight }]);
		expect(report.pool).toBe(false);
		expect(report.evidence).toMatchObject({
			adapter: expect.stringMatching(/^0x[0-9a-f]{64}$/),
			spanIndex: expect.stringMatching(/^0x[0-9a-f]{64}$/),
			example: { tokenIds: expect.any(Array), lossMask: expect.any(Array) }
		});
		const again = await ask(FERRY);
		expect(again.stdout).toBe(a.stdout);
	});

	it('pays the pool for an answer found in no contribution, and honours --threshold-bps', async () => {
		const control = await ask('Bees make honey and wax in their hives.');
		expect(control.code, control.stderr).toBe(0);
		expect(JSON.parse(control.stdout)).toMatchObject({ spans: [], totalWeight: 0, paid: [], pool: true });
		// At 100 % only a contribution holding the whole weight is paid; at 0.01 % every weighted one is.
		const strict = JSON.parse((await ask(FERRY, ['--threshold-bps', '10000'])).stdout);
		for (const p of strict.paid) expect(p.weight).toBe(strict.totalWeight);
		const loose = JSON.parse((await ask(FERRY, ['--threshold-bps', '1'])).stdout);
		expect(loose.paid.length).toBe(loose.scores.filter((s: { weight: number }) => s.weight > 0).length);
		const text = await cli(['--model', MODEL, '--adapter', adapter, '--chat', '--prompt', 'x', '--answer', FERRY]);
		expect(text.stdout).toMatch(/paid: .*ferry\.jsonl \(\d+\.\d %\)/);
	});

	it('says an adapter without artifacts can only pay the pool, and still gives a result', async () => {
		const bare = copyAdapter('bare');
		rmSync(join(bare, 'attribution'), { recursive: true });
		const r = await cli(['--model', MODEL, '--adapter', bare, '--answer', FERRY, '--json']);
		expect(r.code).toBe(0);
		expect(r.stderr).toContain('published without attribution artifacts');
		expect(JSON.parse(r.stdout)).toMatchObject({ pool: true, paid: [], evidence: { adapter: null } });
	});

	it('names a corrupt span-index chunk, corrupt sketches, another adapter version and another tokenizer', async () => {
		const corrupt = copyAdapter('corrupt-index');
		const indexDir = join(corrupt, 'attribution/span-index');
		for (const entry of readdirSync(indexDir, { recursive: true, withFileTypes: true })) {
			if (!entry.isFile() || entry.name.endsWith('.json')) continue;
			const path = join(entry.parentPath, entry.name);
			const bytes = readFileSync(path);
			bytes[0]! ^= 0xff;
			writeFileSync(path, bytes);
		}
		const c = await cli(['--model', MODEL, '--adapter', corrupt, '--answer', FERRY]);
		expect(c.code).toBe(1);
		expect(c.stderr).toMatch(/does not match its hash .*: the file is corrupt or was replaced/);

		const sketches = copyAdapter('corrupt-sketches');
		writeFileSync(join(sketches, 'attribution/gradient-sketches/sketches.bin'), new Uint8Array(16));
		const s = await cli(['--model', MODEL, '--adapter', sketches, '--answer', FERRY]);
		expect(s.code).toBe(1);
		expect(s.stderr).toContain(
			'gradient sketches (attribution/gradient-sketches/sketches.bin) do not match their hash'
		);

		const other = copyAdapter('other-version');
		cpSync(join(other, 'checkpoints/step-1/adapter_model.safetensors'), join(other, 'adapter_model.safetensors'));
		const o = await cli(['--model', MODEL, '--adapter', other, '--answer', FERRY]);
		expect(o.code).toBe(1);
		expect(o.stderr).toContain('belong to another adapter version');

		const model = join(root, 'other-tokenizer');
		cpSync(MODEL, model, { recursive: true });
		const tokenizer = JSON.parse(readFileSync(join(model, 'tokenizer.json'), 'utf8'));
		writeFileSync(join(model, 'tokenizer.json'), JSON.stringify({ ...tokenizer, truncation: { max_length: 7 } }));
		const t = await cli(['--model', model, '--adapter', adapter, '--answer', FERRY]);
		expect(t.code).toBe(1);
		expect(t.stderr).toContain('made with another tokenizer');
	});

	it('refuses an empty answer and one longer than the model’s context, saying what to do', async () => {
		const empty = await cli(['--model', MODEL, '--adapter', adapter, '--answer', '  ']);
		expect(empty.code).toBe(1);
		expect(empty.stderr).toContain('The answer is empty');
		const long = await cli(['--model', MODEL, '--adapter', adapter, '--answer', 'word '.repeat(2000)]);
		expect(long.code).toBe(1);
		expect(long.stderr).toMatch(/more than the model's context of \d+/);
	});
});
