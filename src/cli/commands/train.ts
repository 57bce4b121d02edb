// `provena train --model DIR --data FILE… --out DIR`: ModelFactory headless. The same code the page's training worker
// runs (examples, split, runFineTune, evaluation, the published folder), on jax-js's Wasm backend in Node. Progress
// goes to stderr; the folder is written only when training and evaluation are done, and a second run with the same
// inputs writes the same bytes. Ctrl-C saves a checkpoint that --resume continues.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { tree } from '@jax-js/jax';
import { CliUsageError, parseCommandArgs } from '../args.ts';
import { describeError } from '../describeError.ts';
import { directoryReader } from '../directoryReader.ts';
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import { formatEta } from '../../../workers/shared/format/formatEta.ts';
import { parseRecordsJsonl } from '../../../workers/ingest/records/parseRecordsJsonl.ts';
import { LORA_TARGET_MODULES, type LoraTargetModule } from '../../../workers/ml/core/loraAdapter.ts';
import { loadModelFiles } from '../../../workers/ml/model/modelDirectory.ts';
import { initJaxWasm } from '../../../workers/ml/training/initJaxWasm.ts';
import { jaxWeightsFromHost } from '../../../workers/ml/training/jaxForward.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../../../workers/ml/factory/checkpoint.ts';
import {
	DEFAULT_FINE_TUNE_SETTINGS,
	validateFineTuneSettings,
	type FineTuneSettings
} from '../../../workers/ml/factory/fineTuneSettings.ts';
import { fingerprintBaseModel } from '../../../workers/ml/factory/fingerprint.ts';
import { runFineTune, type FineTuneProgress } from '../../../workers/ml/factory/runFineTune.ts';
import { type TrainingSource } from '../../../workers/ml/factory/trainingExamples.ts';
import { packageFineTune, prepareFineTune } from '../../../workers/ml/factory/fineTuneJob.ts';
import type { AttributionArtifactsInput } from '../../../workers/ml/attribution/attributionArtifacts.ts';

/** Where the resumable checkpoint is kept while a run is in progress (removed once the folder is written). */
export const CHECKPOINT_FILE = 'train-checkpoint.safetensors';

const d = DEFAULT_FINE_TUNE_SETTINGS;

export const help = `Usage: provena train --model <dir> --data <records.jsonl>… --out <dir> [options]

Fine-tune a LoRA adapter for a model folder on records (records.jsonl as provena ingest writes them, or a datanet
version's), as ModelFactory does in the page: prompt/response pairs train on the response only, through the
model's chat template; text records train on all their tokens. Records are split into training and validation by
their id and the seed. Runs on the CPU (jax-js Wasm); the same inputs write the same bytes.

Writes <dir>/adapter_config.json and adapter_model.safetensors (PEFT), README.md (model card: data, settings,
validation loss and greedy answers before/after), training.json (settings, logs, metrics), checkpoints/step-N/
(the kept snapshots) and attribution/ (the span index of the training data and each data file's gradient
sketches, which \`provena attribute\` traces answers with; each --data file is one contribution, named by its
path as given). While training, <dir>/${CHECKPOINT_FILE} is saved every --checkpoint-every steps and on Ctrl-C;
run the same command with --resume to continue from it.

Options:
  --model <dir>             the base model folder (config.json, model.safetensors, tokenizer files)
  --data <file>…            one or more records.jsonl files; each is one data source, named by its path
  --contribution-ids <ids>  name each --data file's contribution by its on-chain id instead (comma-separated, in
                            the order of --data), so answers attributed to them can be paid on chain
  --out <dir>               where to write the adapter folder (created if missing)
  --rank <n>                LoRA rank (default ${d.rank})
  --alpha <x>               LoRA alpha (default ${d.alpha})
  --rslora                  scale by alpha / √rank (rank-stabilised LoRA)
  --targets <list>          projections to adapt, comma-separated (default ${d.targetModules.join(',')}; any of
                            ${LORA_TARGET_MODULES.join(',')})
  --epochs <n>              passes over the training split (default ${d.duration.kind === 'epochs' ? d.duration.epochs : '-'})
  --steps <n>               optimizer steps instead of epochs
  --lr <x>                  peak learning rate (default ${d.learningRate})
  --schedule <kind>         cosine, linear or constant (default ${d.schedule})
  --warmup <n>              warmup steps (default ${d.warmupSteps})
  --batch <n>               examples per step (default ${d.batchSize})
  --max-seq-len <n>         tokens per example; longer ones are cut (default ${d.maxSeqLength})
  --weight-decay <x>        AdamW weight decay (default ${d.weightDecay})
  --seed <n>                adapter start, data order and split (default ${d.seed})
  --validation-share <x>    share of records held out (default ${d.validationShare})
  --validate-every <n>      steps between validation losses (default ${d.validateEvery})
  --checkpoint-every <n>    steps between checkpoints (default ${d.checkpointEvery})
  --kept-checkpoints <n>    adapter snapshots published under checkpoints/ (default ${d.keptCheckpoints})
  --samples <n>             held-out prompts answered before/after in the model card (default 3)
  --sample-tokens <n>       longest greedy answer (default 32)
  --resume                  continue from <out>/${CHECKPOINT_FILE}
  --json                    print a JSON summary (steps, losses, validation before/after, seconds, tokens/s,
                            files with sha256) on stdout
  -h, --help                show this help

Example:
  provena train --model static/models/provena-tiny --data datasets/weather/records.jsonl --out adapters/weather \\
    --rank 8 --epochs 3 --lr 2e-3`;

/** Each setting's flag, for messages. */
const SETTING_FLAGS: Record<keyof FineTuneSettings, string> = {
	rank: '--rank',
	alpha: '--alpha',
	useRsLora: '--rslora',
	targetModules: '--targets',
	learningRate: '--lr',
	schedule: '--schedule',
	warmupSteps: '--warmup',
	duration: '--epochs/--steps',
	batchSize: '--batch',
	maxSeqLength: '--max-seq-len',
	weightDecay: '--weight-decay',
	seed: '--seed',
	checkpointEvery: '--checkpoint-every',
	keptCheckpoints: '--kept-checkpoints',
	validationShare: '--validation-share',
	validateEvery: '--validate-every'
};

type TrainArgs = {
	model: string;
	data: string[];
	/** Each --data file's contribution, by on-chain id, when given (else its path). */
	contributionIds: string[] | undefined;
	out: string;
	settings: FineTuneSettings;
	samples: number;
	sampleTokens: number;
	resume: boolean;
	json: boolean;
};

/**
 * Runs `provena train`; resolves to 0 when the folder is written, 1 when the model, data or training failed, 2 for
 * settings out of range, 130 when interrupted (a checkpoint is saved). Usage mistakes throw CliUsageError.
 *
 * @example
 * await run(['--model', 'static/models/provena-tiny', '--data', 'qa.jsonl', '--out', 'out', '--steps', '20']);
 */
export async function run(argv: string[]): Promise<number> {
	const args = parse(argv);
	if (!args) {
		console.log(help);
		return 0;
	}
	try {
		return await train(args);
	} catch (error) {
		if (error instanceof CliUsageError) throw error;
		console.error(`provena train: ${describeError(error)}`);
		return 1;
	}
}

function parse(argv: string[]): TrainArgs | undefined {
	const parsed = parseCommandArgs(argv, {
		model: { type: 'string' },
		data: { type: 'string', multiple: true },
		'contribution-ids': { type: 'string' },
		out: { type: 'string' },
		rank: { type: 'string' },
		alpha: { type: 'string' },
		rslora: { type: 'boolean' },
		targets: { type: 'string' },
		epochs: { type: 'string' },
		steps: { type: 'string' },
		lr: { type: 'string' },
		schedule: { type: 'string' },
		warmup: { type: 'string' },
		batch: { type: 'string' },
		'max-seq-len': { type: 'string' },
		'weight-decay': { type: 'string' },
		seed: { type: 'string' },
		'validation-share': { type: 'string' },
		'validate-every': { type: 'string' },
		'checkpoint-every': { type: 'string' },
		'kept-checkpoints': { type: 'string' },
		samples: { type: 'string' },
		'sample-tokens': { type: 'string' },
		resume: { type: 'boolean' },
		json: { type: 'boolean' }
	});
	if (!parsed) return undefined;
	const { values, positionals } = parsed;
	// `--data a.jsonl b.jsonl`: the files after the first arrive as positionals.
	const data = [...(values.data ?? []), ...positionals];
	if (values.model === undefined) throw new CliUsageError('--model is required.');
	if (values.out === undefined) throw new CliUsageError('--out is required.');
	if (data.length === 0) throw new CliUsageError('give at least one records file with --data.');
	const contributionIds = values['contribution-ids']?.split(',').map((id) => id.trim());
	if (contributionIds && (contributionIds.length !== data.length || contributionIds.some((id) => !/^\d+$/.test(id))))
		throw new CliUsageError(
			`--contribution-ids needs one decimal contribution id per --data file (${data.length}), comma-separated.`
		);
	if (values.epochs !== undefined && values.steps !== undefined)
		throw new CliUsageError('give --epochs or --steps, not both.');
	// Numbers are handed to the settings check as given (NaN for non-numbers), so its message names the range.
	const number = (raw: string | undefined, fallback: number) =>
		raw === undefined ? fallback : raw.trim() === '' ? NaN : Number(raw);
	const duration: FineTuneSettings['duration'] =
		values.steps !== undefined
			? { kind: 'steps', steps: number(values.steps, 0) }
			: values.epochs !== undefined
				? { kind: 'epochs', epochs: number(values.epochs, 0) }
				: d.duration;
	const settings: FineTuneSettings = {
		...d,
		rank: number(values.rank, d.rank),
		alpha: number(values.alpha, d.alpha),
		useRsLora: values.rslora ?? d.useRsLora,
		targetModules:
			values.targets === undefined
				? d.targetModules
				: (values.targets.split(',').map((module) => module.trim()) as LoraTargetModule[]),
		learningRate: number(values.lr, d.learningRate),
		schedule: (values.schedule ?? d.schedule) as FineTuneSettings['schedule'],
		warmupSteps: number(values.warmup, d.warmupSteps),
		duration,
		batchSize: number(values.batch, d.batchSize),
		maxSeqLength: number(values['max-seq-len'], d.maxSeqLength),
		weightDecay: number(values['weight-decay'], d.weightDecay),
		seed: number(values.seed, d.seed),
		checkpointEvery: number(values['checkpoint-every'], d.checkpointEvery),
		keptCheckpoints: number(values['kept-checkpoints'], d.keptCheckpoints),
		validationShare: number(values['validation-share'], d.validationShare),
		validateEvery: number(values['validate-every'], d.validateEvery)
	};
	const count = (name: 'samples' | 'sample-tokens', fallback: number) => {
		const value = number(values[name], fallback);
		if (!Number.isInteger(value) || value < 0)
			throw new CliUsageError(`--${name} must be a whole number ≥ 0, got "${values[name]}".`);
		return value;
	};
	return {
		model: values.model,
		data,
		contributionIds,
		out: values.out,
		settings,
		samples: count('samples', 3),
		sampleTokens: count('sample-tokens', 32),
		resume: values.resume ?? false,
		json: values.json ?? false
	};
}

async function train(args: TrainArgs): Promise<number> {
	const log = (line: string) => console.error(`provena train: ${line}`);
	const modelDir = resolve(args.model);
	const model = await loadModelFiles(directoryReader(modelDir), { source: modelDir });
	if (!model.tokenizerJson || !model.tokenizerConfig)
		throw new ProvenaError(`${modelDir} has no tokenizer.json or tokenizer_config.json; training needs the tokenizer.`);
	const { settings } = args;
	const errors = Object.entries(validateFineTuneSettings(settings, model.config));
	if (errors.length > 0) {
		for (const [field, message] of errors)
			console.error(`provena train: ${SETTING_FLAGS[field as keyof FineTuneSettings]}: ${message}`);
		return 2;
	}

	const sources: TrainingSource[] = [];
	for (const [i, path] of args.data.entries())
		sources.push({ label: args.contributionIds?.[i] ?? path, records: await readRecords(path, log) });
	const prepared = prepareFineTune(model, sources, settings);
	const { built, split } = prepared;
	for (const skip of built.skipped.slice(0, 5))
		log(`skipped record ${skip.recordId} of ${sources[skip.sourceIndex]!.label}: ${skip.reason}`);
	if (built.skipped.length > 5) log(`… and ${built.skipped.length - 5} more records skipped.`);
	log(
		`${built.examples.length} examples (${split.trainCount} train, ${split.validationCount} validation), ` +
			`${built.truncated} cut to ${settings.maxSeqLength} tokens, ${built.skipped.length} records skipped`
	);

	const out = resolve(args.out);
	const checkpointPath = join(out, CHECKPOINT_FILE);
	const resumeFrom = args.resume ? decodeCheckpoint(await readCheckpoint(checkpointPath)) : undefined;
	if (resumeFrom) log(`resuming at step ${resumeFrom.step} of ${resumeFrom.totalSteps}`);

	await initJaxWasm();
	const base = jaxWeightsFromHost(model.config, model.weights);
	const controller = new AbortController();
	const interrupt = () => controller.abort();
	process.once('SIGINT', interrupt);
	try {
		const result = await runFineTune({
			config: model.config,
			base,
			baseFingerprint: await fingerprintBaseModel(model.weights),
			train: split.train,
			validation: split.validation,
			settings,
			...(resumeFrom ? { resumeFrom } : {}),
			onProgress: progressLogger(log),
			onCheckpoint: async (checkpoint) => {
				await mkdir(out, { recursive: true });
				// Written aside and renamed, so an interruption mid-write leaves the previous checkpoint whole.
				await writeFile(`${checkpointPath}.partial`, encodeCheckpoint(checkpoint));
				await rename(`${checkpointPath}.partial`, checkpointPath);
			},
			signal: controller.signal
		});
		if (result.aborted) {
			log(`stopped at step ${result.checkpoint.step}; run the same command with --resume to continue.`);
			return 130;
		}
		log('evaluating: validation loss and greedy answers before and after');
		const { evaluation, files } = await packageFineTune(model, base, prepared, result, {
			baseModelId: model.modelId ?? basename(modelDir),
			samples: args.samples,
			sampleTokens: args.sampleTokens,
			attribution: { onProgress: attributionLogger(log) }
		});
		for (const file of files) {
			await mkdir(dirname(join(out, file.path)), { recursive: true });
			await writeFile(join(out, file.path), file.bytes);
		}
		await rm(checkpointPath, { force: true });
		const summary = {
			out,
			steps: result.totalSteps,
			trainExamples: result.trainCount,
			validationExamples: result.validationCount,
			loss: { first: result.log.losses[0] ?? null, last: result.log.losses.at(-1) ?? null },
			validation: { base: evaluation.base, adapter: evaluation.adapter },
			seconds: result.seconds,
			tokensPerSecond: result.tokensPerSecond,
			files: files.map((file) => ({
				path: file.path,
				bytes: file.bytes.length,
				sha256: createHash('sha256').update(file.bytes).digest('hex')
			}))
		};
		if (args.json) console.log(JSON.stringify(summary));
		else {
			const change = (key: 'loss' | 'perplexity') =>
				evaluation.base && evaluation.adapter
					? `${evaluation.base[key].toFixed(3)} → ${evaluation.adapter[key].toFixed(3)}`
					: 'not measured (no validation split)';
			console.log(`wrote ${files.length} files to ${out}`);
			console.log(`validation loss ${change('loss')}, perplexity ${change('perplexity')}`);
			console.log(
				`${result.totalSteps} steps in ${result.seconds.toFixed(1)} s (${result.tokensPerSecond.toFixed(0)} tokens/s)`
			);
		}
		return 0;
	} finally {
		process.removeListener('SIGINT', interrupt);
		tree.dispose(base);
	}
}

/** A step line at the first and last step and about twenty times between; every validation. */
function progressLogger(log: (line: string) => void): (progress: FineTuneProgress) => void {
	return (p) => {
		if (p.kind === 'validation') {
			log(`step ${p.step}: validation loss ${p.loss.toFixed(4)}`);
			return;
		}
		const every = Math.max(1, Math.floor(p.totalSteps / 20));
		if (p.step !== 1 && p.step % every !== 0 && p.step !== p.totalSteps) return;
		log(
			`step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(4)} lr ${p.learningRate.toExponential(2)} ` +
				`grad ${p.gradNorm.toFixed(3)} ${p.tokensPerSecond.toFixed(0)} tokens/s` +
				(p.step < p.totalSteps ? ` eta ${formatEta(p.eta)}` : '')
		);
	};
}

/** The artifacts' progress: the span index, then the gradient sketches about ten times. */
function attributionLogger(log: (line: string) => void): AttributionArtifactsInput['onProgress'] {
	return ({ stage, done, total }) => {
		if (stage === 'spans') {
			if (done === 0) log('attribution: building the span index');
			return;
		}
		if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0)
			log(`attribution: gradient sketches ${done}/${total}`);
	};
}

/** The records of one data file, refused with a message saying what is wrong with it. */
async function readRecords(path: string, log: (line: string) => void) {
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(await readFile(path));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new ProvenaError(
			code === 'ENOENT' ? `${path} does not exist; check the path.` : `${path} could not be read.`,
			{ cause: error }
		);
	}
	const { records, badLines } = parseRecordsJsonl(bytes);
	if (records.length === 0)
		throw new ProvenaError(
			badLines > 0
				? `${path} has no records: none of its ${badLines} lines is a record ({"id", "text"} or {"id", "prompt", "response"}). Give a records.jsonl as provena ingest writes it.`
				: `${path} is empty: give a records.jsonl with at least one record (provena ingest writes one).`
		);
	if (badLines > 0) log(`${path}: ${badLines} lines are not records and were skipped.`);
	return records;
}

async function readCheckpoint(path: string): Promise<Uint8Array> {
	try {
		return new Uint8Array(await readFile(path));
	} catch (error) {
		throw new ProvenaError(`There is no checkpoint at ${path} to resume; run without --resume to start.`, {
			cause: error
		});
	}
}
