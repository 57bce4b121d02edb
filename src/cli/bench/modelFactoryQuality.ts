// The `modelfactory-quality` bench: does a ModelFactory fine-tune learn the demo datanet? In Node, with the code
// `provena train` runs (prepareFineTune, runFineTune, evaluateFineTune on jax-js Wasm), it trains an adapter for the
// default model on Moonbell Island's records (by default its prompt/response pairs only; see QUALITY_DEFAULTS), then
// reports the validation loss before and after and, from greedy answers through the chat template (as the training
// pairs are rendered), how many planted questions the base model and the adapter get right: the held-out paraphrases
// no record contains, and the paraphrases the records ask.
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { tree } from '@jax-js/jax';
import type { LoraAdapter } from '../../../workers/ml/core/loraAdapter.ts';
import { loraScale } from '../../../workers/ml/core/loraAdapter.ts';
import type { ModelConfig } from '../../../workers/ml/core/modelConfig.ts';
import { parseRecordsJsonl } from '../../../workers/ingest/records/parseRecordsJsonl.ts';
import { evaluateFineTune } from '../../../workers/ml/factory/evaluateFineTune.ts';
import { prepareFineTune } from '../../../workers/ml/factory/fineTuneJob.ts';
import { validateFineTuneSettings, type FineTuneSettings } from '../../../workers/ml/factory/fineTuneSettings.ts';
import { fingerprintBaseModel } from '../../../workers/ml/factory/fingerprint.ts';
import type { HeldOutPrompt } from '../../../workers/ml/factory/heldOutPrompts.ts';
import { runFineTune } from '../../../workers/ml/factory/runFineTune.ts';
import type { TrainingExample, TrainingSource } from '../../../workers/ml/factory/trainingExamples.ts';
import { validationLoss } from '../../../workers/ml/factory/validationLoss.ts';
import { loadModelFiles } from '../../../workers/ml/model/modelDirectory.ts';
import { initJaxWasm } from '../../../workers/ml/training/initJaxWasm.ts';
import { releaseEvaluation } from '../../../workers/ml/training/evaluateBatches.ts';
import {
	jaxLoraFromAdapter,
	jaxWeightsFromHost,
	type JaxForwardSettings,
	type JaxWeights
} from '../../../workers/ml/training/jaxForward.ts';
import { directoryReader } from '../directoryReader.ts';
import { repoRoot } from '../paths.ts';
import {
	describeData,
	describeSettings,
	plantedPrompts,
	qualityPlan,
	qualityRows,
	QualityPlanError,
	QUALITY_SOURCES,
	readPlantedFacts,
	scorePlanted,
	type PlantedAnswer,
	weightedTrainSplit,
	type QualityMeasurement,
	type ValidationLosses
} from './modelFactoryQualityPlan.ts';
import type { BenchReport, BenchSuite } from './types.ts';

/** The default model and the demo datanet, as `provena make-model` and `provena make-demo-data` write them. */
const MODEL_DIR = join(repoRoot, 'static/models/provena-tiny');
const DATANET_DIR = join(repoRoot, 'static/demo-data/moonbell-island');

export const modelFactoryQuality: BenchSuite = {
	title: 'ModelFactory quality on the demo datanet: validation loss and planted-question accuracy before/after',
	async run(log) {
		const started = performance.now();
		const { settings, answerTokens, sources: sourceSet, repeat } = qualityPlan(process.env);
		const model = await loadModelFiles(directoryReader(MODEL_DIR), { source: MODEL_DIR });
		const errors = Object.values(validateFineTuneSettings(settings, model.config));
		if (errors.length > 0) throw new QualityPlanError(`The settings cannot train: ${errors.join(' ')}`);
		const sources: TrainingSource[] = [];
		for (const contribution of QUALITY_SOURCES[sourceSet]) {
			const file = `${contribution}/records.jsonl`;
			sources.push({ label: file, records: parseRecordsJsonl(await readFile(join(DATANET_DIR, file))).records });
		}
		const facts = readPlantedFacts(JSON.parse(await readFile(join(DATANET_DIR, 'planted-questions.json'), 'utf8')));
		const prompts = plantedPrompts(facts);
		const prepared = prepareFineTune(model, sources, settings);
		const { split } = prepared;
		const train = weightedTrainSplit(split.train, repeat);
		if (train.length === 0) throw new QualityPlanError(`The training split has nothing left to train on.`);
		const data = describeData(sourceSet, repeat);
		log(
			`${prepared.built.examples.length} examples (${split.trainCount} train, ${split.validationCount} validation), ` +
				`${prepared.built.truncated} cut to ${settings.maxSeqLength} tokens; trains on ${data} ` +
				`(${train.length} examples an epoch); ${describeSettings(settings, answerTokens)}`
		);

		await initJaxWasm();
		const base = jaxWeightsFromHost(model.config, model.weights);
		try {
			const result = await runFineTune({
				config: model.config,
				base,
				baseFingerprint: await fingerprintBaseModel(model.weights),
				train,
				validation: split.validation,
				settings,
				onProgress: (p) => {
					if (p.kind === 'validation') log(`step ${p.step}: validation loss ${p.loss.toFixed(3)}`);
					else if (p.step === 1 || p.step % 20 === 0 || p.step === p.totalSteps)
						log(`step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(3)} (${p.elapsed.toFixed(0)} s)`);
				}
			});
			if (result.aborted) throw new Error('The fine-tune stopped before its last step.');

			log(`answering ${prompts.length} planted questions with the base model and the adapter`);
			const evaluateStarted = performance.now();
			const evaluation = await evaluateFineTune({
				config: model.config,
				base,
				adapter: result.adapter,
				validation: split.validation,
				settings,
				tokenizer: prepared.tokenizer,
				prompts: prompts.map((prompt): HeldOutPrompt => ({
					recordId: prompt.id,
					sourceIndex: 0,
					prompt: prompt.question,
					reference: prompt.keywords.join(', ')
				})),
				maxNewTokens: answerTokens,
				stopTokenIds: prepared.stopTokenIds
			});
			const validationByKind = await lossesByKind(model.config, base, result.adapter, split.validation, settings);
			const evaluateSeconds = (performance.now() - evaluateStarted) / 1000;
			if (!evaluation.base || !evaluation.adapter) throw new Error('The demo datanet gave no validation split.');
			const byId = new Map(evaluation.samples.map((sample) => [sample.recordId, sample]));
			const answers = prompts.map((prompt): PlantedAnswer => {
				const sample = byId.get(prompt.id);
				return { prompt, before: sample?.before ?? '', after: sample?.after ?? '' };
			});

			// Which training questions a record of the training split asks (a question asked only by validation
			// records is, for this adapter, as unseen as a held-out one).
			const trainPrompts = new Set(
				train.map((example) => sources[example.sourceIndex]!.records.find((r) => r.id === example.recordId)?.prompt)
			);
			const measurement: QualityMeasurement = {
				validation: { count: split.validationCount, base: evaluation.base.loss, adapter: evaluation.adapter.loss },
				validationByKind,
				answers,
				trainingQuestionsInTrainSplit: prompts.filter((p) => p.set === 'training' && trainPrompts.has(p.question))
					.length,
				data,
				steps: result.totalSteps,
				trainCount: result.trainCount,
				trainSeconds: result.seconds,
				tokensPerSecond: result.tokensPerSecond,
				evaluateSeconds,
				wallSeconds: (performance.now() - started) / 1000
			};
			return {
				suite: 'modelfactory-quality',
				title: modelFactoryQuality.title,
				environment:
					`Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores), jax-js Wasm (one thread); ` +
					`default model (static/models/provena-tiny) on static/demo-data/moonbell-island (${data}); ` +
					describeSettings(settings, answerTokens),
				rows: qualityRows(measurement),
				notes: qualityNotes(measurement)
			} satisfies BenchReport;
		} finally {
			tree.dispose(base);
		}
	}
};

/** The validation loss of the split's pairs and of its texts apart, base model and adapter. */
async function lossesByKind(
	config: ModelConfig,
	base: JaxWeights,
	adapter: LoraAdapter,
	validation: readonly TrainingExample[],
	settings: FineTuneSettings
): Promise<QualityMeasurement['validationByKind']> {
	const baseForward: JaxForwardSettings = { config, loraScale: 0 };
	const adapterForward: JaxForwardSettings = { config, loraScale: loraScale(adapter) };
	const lora = jaxLoraFromAdapter(config, adapter);
	try {
		const byKind: Partial<Record<'pair' | 'text', ValidationLosses>> = {};
		for (const kind of ['pair', 'text'] as const) {
			const examples = validation.filter((example) => example.kind === kind);
			if (examples.length === 0) continue;
			byKind[kind] = {
				count: examples.length,
				base: await validationLoss(baseForward, base, undefined, examples, settings),
				adapter: await validationLoss(adapterForward, base, lora, examples, settings)
			};
		}
		return byKind;
	} finally {
		tree.dispose(lora);
		releaseEvaluation(baseForward);
		releaseEvaluation(adapterForward);
	}
}

/** Lines under the table: what right means, a few answers side by side, and the knobs. */
function qualityNotes(m: QualityMeasurement): string[] {
	const percent = (right: number, total: number) => `${Math.round((100 * right) / total)} %`;
	const notes = [
		`trained on ${m.data} (${m.trainCount} examples an epoch); validation: the records of those contributions held ` +
			'out by id, pairs and texts alike (a text is in it even when no text is trained on: the pairs and texts rows ' +
			'split the loss)'
	];
	notes.push(
		...scorePlanted(m.answers).map(
			(score) =>
				`${score.set === 'held-out' ? 'held-out questions' : 'training questions'}: accuracy ` +
				`${percent(score.before, score.total)} → ${percent(score.after, score.total)}; answers naming another fact's ` +
				`keyword ${score.otherFactBefore} → ${score.otherFactAfter}; different answers ${score.distinctBefore} → ` +
				`${score.distinctAfter} of ${score.total}` +
				(score.set === 'training'
					? ` (${m.trainingQuestionsInTrainSplit} of ${score.total} are asked by a record of the training split)`
					: '')
		)
	);
	notes.push(
		"right = the greedy answer contains one of the fact's keywords, ignoring case (plantedAccuracy); answers are " +
			'prompted through the chat template, as the training pairs are rendered; validation loss: mean per target token ' +
			'of the validation split (records held out by id), base model vs adapter; a model that gives one answer to ' +
			'every question gets that fact right by luck, which the count of answers naming another fact shows',
		'some answers (question: base model → adapter; all are in the JSON):'
	);
	const shown = [
		...m.answers.filter((a) => a.prompt.set === 'held-out').slice(0, 3),
		...m.answers.filter((a) => a.prompt.id.endsWith('#1')).slice(0, 6)
	];
	for (const answer of shown)
		notes.push(`  ${answer.prompt.question} → "${short(answer.before)}" → "${short(answer.after)}"`);
	notes.push(
		'PROVENA_BENCH_QUALITY_STEPS, _LR, _RANK, _TARGETS, _MAX_SEQ_LEN, _BATCH and _ANSWER_TOKENS override the settings; ' +
			'_SOURCES (all, faq, guide) picks the contributions, _PAIR_REPEAT and _TEXT_REPEAT weight pairs and texts'
	);
	return notes;
}

function short(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > 70 ? `${line.slice(0, 69)}…` : line;
}
