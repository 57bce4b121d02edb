// What the `modelfactory-quality` bench trains and asks, and how it reports: the fine-tune settings (defaults chosen
// by measurement on the demo datanet, each overridable by an environment variable), the planted questions as the
// prompts answered before and after (each fact's held-out paraphrase, and the paraphrases the training records ask),
// and the rows of the report. Pure: the suite and its test share it.
import { DEFAULT_FINE_TUNE_SETTINGS, type FineTuneSettings } from '../../../workers/ml/factory/fineTuneSettings.ts';
import type { LoraTargetModule } from '../../../workers/ml/core/loraAdapter.ts';
import type { TrainingExample } from '../../../workers/ml/factory/trainingExamples.ts';
import { answerHasKeyword, plantedAccuracy, type PlantedQuestion } from '../demoData/plantedAccuracy.ts';
import { readPlantedQuestions } from '../demoData/plantedQuestions.ts';
import type { BenchRow } from './types.ts';

/**
 * The environment variables the suite reads, with their defaults. Measured on the shared two-core machine (jax-js
 * Wasm, one thread): ModelFactory's own defaults (rank 8 on q/v, 72 steps) barely move the default model off its
 * chat persona; every projection at rank 16 trains stably up to lr 1e-2 (2e-2 stalled at loss ~5.7, 3e-2 went NaN;
 * rank 32 learned more slowly in the same steps; batch 4 for twice the steps was worse). On both contributions, texts
 * and pairs once an epoch, 8 × 64 tokens at lr 1e-2 reached validation loss 1.77 but answered 4 of the 48 training
 * questions (mostly one phrase whatever was asked): 64 tokens cut ~40 of the 160 pairs (they run 39-81 tokens with
 * the chat template), and the texts drown the question → answer mapping. At 80 tokens and lr 5e-3, 450 steps (the
 * suite stays under ~6 minutes): texts and pairs once 27/48 (14 naming another fact); pairs 3 times and texts once
 * 33/48 (6; 22/48 at lr 3e-3); pairs only 43/48 (4; 41/48 at lr 3e-3, 28/48 at lr 1e-2), held-out 2/12 in each.
 * So the default trains on the pairs of both contributions only (~26 epochs of them); the texts stay in validation,
 * reported apart. Answers are scored within 20 tokens, which holds each fact's shortest answer.
 */
export const QUALITY_DEFAULTS = {
	PROVENA_BENCH_QUALITY_STEPS: '450',
	PROVENA_BENCH_QUALITY_LR: '5e-3',
	PROVENA_BENCH_QUALITY_RANK: '16',
	PROVENA_BENCH_QUALITY_TARGETS: 'q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj',
	PROVENA_BENCH_QUALITY_MAX_SEQ_LEN: '80',
	PROVENA_BENCH_QUALITY_BATCH: '8',
	/** The longest greedy answer, in tokens. */
	PROVENA_BENCH_QUALITY_ANSWER_TOKENS: '20',
	/** Which contributions of the demo datanet are read (see {@link QUALITY_SOURCES}). */
	PROVENA_BENCH_QUALITY_SOURCES: 'all',
	/** How many times each prompt/response pair of the training split is in an epoch (0: none). */
	PROVENA_BENCH_QUALITY_PAIR_REPEAT: '1',
	/** How many times each text record of the training split is in an epoch (0: none). */
	PROVENA_BENCH_QUALITY_TEXT_REPEAT: '0'
} as const;

/** The demo datanet's contributions (folders holding a records.jsonl) each PROVENA_BENCH_QUALITY_SOURCES reads. */
export const QUALITY_SOURCES = {
	all: ['island-guide', 'harbor-office-faq'],
	faq: ['harbor-office-faq'],
	guide: ['island-guide']
} as const satisfies Record<string, readonly string[]>;

/** A value of PROVENA_BENCH_QUALITY_SOURCES. */
export type QualitySources = keyof typeof QUALITY_SOURCES;

/** The settings could not be read. */
export class QualityPlanError extends Error {
	override name = 'QualityPlanError';
}

/** How many times each example of the training split is trained on per epoch, by kind (0 leaves the kind out). */
export type QualityRepeat = { pair: number; text: number };

/** What one run trains with (contributions, settings, how pairs and texts are weighted) and how long answers may be. */
export type QualityPlan = {
	settings: FineTuneSettings;
	answerTokens: number;
	sources: QualitySources;
	repeat: QualityRepeat;
};

/**
 * The fine-tune settings and answer length from environment variables (see {@link QUALITY_DEFAULTS}); everything
 * else is ModelFactory's default. Alpha follows the rank (alpha = 2 × rank, as the defaults' 16 for rank 8).
 *
 * @example
 * qualityPlan({ PROVENA_BENCH_QUALITY_STEPS: '60' }).settings.duration; // { kind: 'steps', steps: 60 }
 */
export function qualityPlan(env: Record<string, string | undefined> = {}): QualityPlan {
	const read = (name: keyof typeof QUALITY_DEFAULTS) => (env[name] ?? QUALITY_DEFAULTS[name]).trim();
	const steps = positiveInteger(read('PROVENA_BENCH_QUALITY_STEPS'), 'PROVENA_BENCH_QUALITY_STEPS');
	const rank = positiveInteger(read('PROVENA_BENCH_QUALITY_RANK'), 'PROVENA_BENCH_QUALITY_RANK');
	const learningRate = Number(read('PROVENA_BENCH_QUALITY_LR'));
	if (!Number.isFinite(learningRate) || learningRate <= 0)
		throw new QualityPlanError(
			`PROVENA_BENCH_QUALITY_LR must be a number above 0, got "${read('PROVENA_BENCH_QUALITY_LR')}".`
		);
	const sources = read('PROVENA_BENCH_QUALITY_SOURCES');
	if (!Object.hasOwn(QUALITY_SOURCES, sources))
		throw new QualityPlanError(
			`PROVENA_BENCH_QUALITY_SOURCES must be one of ${Object.keys(QUALITY_SOURCES).join(', ')}, got "${sources}".`
		);
	const repeat: QualityRepeat = {
		pair: wholeNumber(read('PROVENA_BENCH_QUALITY_PAIR_REPEAT'), 'PROVENA_BENCH_QUALITY_PAIR_REPEAT'),
		text: wholeNumber(read('PROVENA_BENCH_QUALITY_TEXT_REPEAT'), 'PROVENA_BENCH_QUALITY_TEXT_REPEAT')
	};
	if (repeat.pair + repeat.text === 0)
		throw new QualityPlanError(
			'PROVENA_BENCH_QUALITY_PAIR_REPEAT and _TEXT_REPEAT are both 0: there would be nothing to train on.'
		);
	const targetModules = read('PROVENA_BENCH_QUALITY_TARGETS')
		.split(',')
		.map((module) => module.trim() as LoraTargetModule);
	return {
		settings: {
			...DEFAULT_FINE_TUNE_SETTINGS,
			rank,
			alpha: 2 * rank,
			targetModules,
			learningRate,
			duration: { kind: 'steps', steps },
			batchSize: positiveInteger(read('PROVENA_BENCH_QUALITY_BATCH'), 'PROVENA_BENCH_QUALITY_BATCH'),
			maxSeqLength: positiveInteger(read('PROVENA_BENCH_QUALITY_MAX_SEQ_LEN'), 'PROVENA_BENCH_QUALITY_MAX_SEQ_LEN'),
			// One validation at the end is enough here (the suite measures before and after itself).
			validateEvery: steps,
			checkpointEvery: steps
		},
		answerTokens: positiveInteger(read('PROVENA_BENCH_QUALITY_ANSWER_TOKENS'), 'PROVENA_BENCH_QUALITY_ANSWER_TOKENS'),
		sources: sources as QualitySources,
		repeat
	};
}

/**
 * The training split as the run sees it: each pair `repeat.pair` times and each text `repeat.text` times, in the
 * split's order (the seeded batch order shuffles each epoch). The validation split is not weighted.
 *
 * @example
 * weightedTrainSplit(split.train, { pair: 3, text: 1 }).length; // 3 × pairs + texts
 */
export function weightedTrainSplit(train: readonly TrainingExample[], repeat: QualityRepeat): TrainingExample[] {
	return train.flatMap((example) => Array<TrainingExample>(repeat[example.kind]).fill(example));
}

/** What the run trains on, in words, for the report. */
export function describeData(sources: QualitySources, repeat: QualityRepeat): string {
	const contributions = QUALITY_SOURCES[sources].join(' and ');
	const kind = (count: number, name: string) =>
		count === 0 ? `no ${name}` : count === 1 ? `${name} once an epoch` : `${name} ${count} times an epoch`;
	return `${contributions}: ${kind(repeat.pair, 'prompt/response pairs')}, ${kind(repeat.text, 'text records')}`;
}

/** The settings in a line, for the report's environment line. */
export function describeSettings(settings: FineTuneSettings, answerTokens: number): string {
	const duration =
		settings.duration.kind === 'steps' ? `${settings.duration.steps} steps` : `${settings.duration.epochs} epochs`;
	return (
		`LoRA rank ${settings.rank} (alpha ${settings.alpha}) on ${settings.targetModules.join(', ')}; ${duration} of ` +
		`batch ${settings.batchSize} × ${settings.maxSeqLength} tokens; lr ${settings.learningRate} ${settings.schedule}, ` +
		`warmup ${settings.warmupSteps}; seed ${settings.seed}; validation share ${settings.validationShare}; ` +
		`greedy answers of up to ${answerTokens} tokens`
	);
}

/** Which planted questions a prompt belongs to: the held-out paraphrases, or those the training records ask. */
export type PlantedSet = 'held-out' | 'training';

/** One planted question to answer before and after, with the keywords a right answer contains. */
export type PlantedPrompt = PlantedQuestion & { set: PlantedSet; factId: string };

/** planted-questions.json's entries as the suite reads them: the held-out question and the training ones. */
export type PlantedFact = PlantedQuestion & { trainingQuestions: string[] };

/**
 * The facts of a parsed planted-questions.json, with their training questions, checked.
 *
 * @example
 * const facts = readPlantedFacts(JSON.parse(readFileSync(file, 'utf8')));
 */
export function readPlantedFacts(json: unknown): PlantedFact[] {
	const questions = readPlantedQuestions(json);
	const entries = (json as { questions: unknown[] }).questions;
	return questions.map((question, index) => {
		const training = (entries[index] as { trainingQuestions?: unknown }).trainingQuestions;
		if (!Array.isArray(training) || training.length === 0 || !training.every((q) => typeof q === 'string'))
			throw new QualityPlanError(
				`planted-questions.json entry ${index + 1} has no "trainingQuestions" list; run \`provena make-demo-data\` again.`
			);
		return { ...question, trainingQuestions: training as string[] };
	});
}

/**
 * The prompts the suite answers: every fact's held-out question, then every fact's training questions, each with its
 * fact's keywords. Ids are `<fact>` for held-out questions and `<fact>#<n>` (1-based) for training ones.
 *
 * @example
 * plantedPrompts(facts).filter((p) => p.set === 'held-out').length; // 12 on the demo datanet
 */
export function plantedPrompts(facts: readonly PlantedFact[]): PlantedPrompt[] {
	return [
		...facts.map((fact): PlantedPrompt => ({
			id: fact.id,
			factId: fact.id,
			set: 'held-out',
			question: fact.question,
			keywords: fact.keywords
		})),
		...facts.flatMap((fact) =>
			fact.trainingQuestions.map((question, i): PlantedPrompt => ({
				id: `${fact.id}#${i + 1}`,
				factId: fact.id,
				set: 'training',
				question,
				keywords: fact.keywords
			}))
		)
	];
}

/** One prompt's answers before and after, and whether each is right. */
export type PlantedAnswer = { prompt: PlantedPrompt; before: string; after: string };

/**
 * Right answers of one set, before and after; answers that name another fact's keyword and not their own (a model
 * that gives one answer to every question gets that answer's fact right by luck, and names it for the rest); and
 * how many different answers there are (the same answer to every question is one).
 */
export type SetScore = {
	set: PlantedSet;
	total: number;
	before: number;
	after: number;
	otherFactBefore: number;
	otherFactAfter: number;
	distinctBefore: number;
	distinctAfter: number;
};

/**
 * Scores each set before and after (plantedAccuracy: the answer contains a keyword).
 *
 * @example
 * scorePlanted(answers).find((s) => s.set === 'held-out')?.after; // right answers of the adapter, e.g. 3
 */
export function scorePlanted(answers: readonly PlantedAnswer[]): SetScore[] {
	const keywordsByFact = new Map(answers.map((answer) => [answer.prompt.factId, answer.prompt.keywords]));
	const namesOtherFact = (answer: PlantedAnswer, text: string) =>
		!answerHasKeyword(text, answer.prompt.keywords) &&
		[...keywordsByFact].some(
			([factId, keywords]) => factId !== answer.prompt.factId && answerHasKeyword(text, keywords)
		);
	return (['held-out', 'training'] as const).map((set) => {
		const inSet = answers.filter((answer) => answer.prompt.set === set);
		const prompts = inSet.map((answer) => answer.prompt);
		const score = (when: 'before' | 'after') => ({
			right: plantedAccuracy(
				inSet.map((answer) => answer[when]),
				prompts
			).correct,
			otherFact: inSet.filter((answer) => namesOtherFact(answer, answer[when])).length,
			distinct: new Set(inSet.map((answer) => answer[when])).size
		});
		const before = score('before');
		const after = score('after');
		return {
			set,
			total: inSet.length,
			before: before.right,
			after: after.right,
			otherFactBefore: before.otherFact,
			otherFactAfter: after.otherFact,
			distinctBefore: before.distinct,
			distinctAfter: after.distinct
		};
	});
}

/** Validation loss (mean per target token) of some validation examples, base model and adapter. */
export type ValidationLosses = { count: number; base: number; adapter: number };

/** What one run of the suite measured. */
export type QualityMeasurement = {
	validation: ValidationLosses;
	/** The same split's pairs and texts apart (a kind with no validation example is left out). */
	validationByKind: { pair?: ValidationLosses; text?: ValidationLosses };
	answers: PlantedAnswer[];
	/** Training questions asked by at least one record of the training split (the rest only by validation records). */
	trainingQuestionsInTrainSplit: number;
	/** What the run trained on, in words ({@link describeData}). */
	data: string;
	steps: number;
	trainCount: number;
	trainSeconds: number;
	tokensPerSecond: number;
	/** Validation losses and greedy answers, before and after. */
	evaluateSeconds: number;
	/** The whole suite, loading the model included. */
	wallSeconds: number;
};

const SET_LABEL: Record<PlantedSet, string> = {
	'held-out': 'held-out planted questions (paraphrases in no record)',
	training: 'planted training questions (asked in the records)'
};

/**
 * The report's rows: validation loss before and after and the drop, planted accuracy before and after for each set,
 * and the run's size and time.
 *
 * @example
 * const rows = qualityRows(measurement);
 */
export function qualityRows(m: QualityMeasurement): BenchRow[] {
	const { base, adapter, count } = m.validation;
	const drop = base - adapter;
	const rows: BenchRow[] = [
		{ name: 'validation loss, base model', value: round(base, 3), unit: 'nats/token', details: { examples: count } },
		{ name: 'validation loss, adapter', value: round(adapter, 3), unit: 'nats/token', details: { examples: count } },
		{ name: 'validation loss drop', value: round(drop, 3), unit: 'nats/token' },
		{ name: 'validation loss drop, relative', value: round((100 * drop) / base, 1), unit: '% of base' }
	];
	for (const kind of ['pair', 'text'] as const) {
		const losses = m.validationByKind[kind];
		if (!losses) continue;
		const label = kind === 'pair' ? 'validation loss of the pairs' : 'validation loss of the texts';
		rows.push(
			{
				name: `${label}, base model`,
				value: round(losses.base, 3),
				unit: 'nats/token',
				details: { examples: losses.count }
			},
			{
				name: `${label}, adapter`,
				value: round(losses.adapter, 3),
				unit: 'nats/token',
				details: { examples: losses.count }
			}
		);
	}
	for (const score of scorePlanted(m.answers)) {
		const inSet = m.answers.filter((answer) => answer.prompt.set === score.set);
		const detail = (when: 'before' | 'after') =>
			Object.fromEntries(inSet.map((answer) => [answer.prompt.id, answer[when]]));
		const extra = score.set === 'training' ? { inTrainSplit: m.trainingQuestionsInTrainSplit } : {};
		rows.push(
			{
				name: `${SET_LABEL[score.set]}, base model`,
				value: score.before,
				unit: `right of ${score.total}`,
				details: {
					accuracy: round(score.before / score.total, 3),
					namingAnotherFact: score.otherFactBefore,
					distinctAnswers: score.distinctBefore,
					answers: detail('before'),
					...extra
				}
			},
			{
				name: `${SET_LABEL[score.set]}, adapter`,
				value: score.after,
				unit: `right of ${score.total}`,
				details: {
					accuracy: round(score.after / score.total, 3),
					namingAnotherFact: score.otherFactAfter,
					distinctAnswers: score.distinctAfter,
					answers: detail('after'),
					...extra
				}
			}
		);
	}
	rows.push(
		{ name: 'training steps', value: m.steps, unit: 'steps', details: { trainExamples: m.trainCount } },
		{ name: 'training time', value: round(m.trainSeconds, 1), unit: 's' },
		{ name: 'training throughput', value: Math.round(m.tokensPerSecond), unit: 'target tokens/s' },
		{ name: 'evaluation time (before and after)', value: round(m.evaluateSeconds, 1), unit: 's' },
		{ name: 'suite wall time', value: round(m.wallSeconds, 1), unit: 's' }
	);
	return rows;
}

function round(value: number, digits: number): number {
	const scale = 10 ** digits;
	return Math.round(value * scale) / scale;
}

function wholeNumber(value: string, name: string): number {
	const number = Number(value);
	if (value === '' || !Number.isInteger(number) || number < 0)
		throw new QualityPlanError(`${name} must be a whole number ≥ 0, got "${value}".`);
	return number;
}

function positiveInteger(value: string, name: string): number {
	const number = Number(value);
	if (value === '' || !Number.isInteger(number) || number < 1)
		throw new QualityPlanError(`${name} must be a whole number ≥ 1, got "${value}".`);
	return number;
}
